/**
 * Each escaper against the real reader of its language: sed (GNU and busybox), grep, awk, sh
 * here-documents and comments, systemd's unit parser. A hostile value must come back exactly
 * as it went in, and never run.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  aptDeb822Uri,
  aptLineUri,
  aptWord,
  awkEnvironment,
  breLiteral,
  commentText,
  ereLiteral,
  heredocDelimiter,
  iniValue,
  repoUrl,
  sedRegex,
  sedReplacement,
  systemdCommandLine,
  systemdExecWord,
  UnsafeValueError,
} from '../../../electron/engine/shell/escape';
import { shellQuote } from '../../../electron/engine/shell/quote';
import { runScript, scratchDir, systemdCommandLines } from '../helpers/languages';

/** These tests run sed, grep and systemd: a busy machine needs more than 5 s. */
const SPAWNS = 60_000;

let dir: string;
let removeDir: () => void;
let canary: string;

beforeEach(() => {
  const scratch = scratchDir();
  dir = scratch.path;
  removeDir = scratch.remove;
  canary = join(dir, 'canary');
});
afterEach(() => removeDir());

/** Values that are syntax in sed, regular expressions or awk. */
const hostile = (): string[] => [
  'a|b',
  'a&b',
  'a\\b',
  '\\1\\n\\U\\',
  '@#,!%:~/',
  `x/e touch ${canary}`,
  `|g;e touch ${canary};s|x`,
  `@w ${canary}`,
  '.*[a-z]^$',
  '(a+)?{2}|b',
  'it\'s "quoted"',
  '',
];

describe('sed', { timeout: SPAWNS }, () => {
  for (const sed of ['gnu', 'busybox'] as const) {
    it(`puts hostile values into an s command literally, with every delimiter (${sed} sed)`, () => {
      // One script runs every case (one sed each), so the test is one process per sed.
      const cases: { label: string; expected: string; command: string }[] = [];
      for (const delimiter of ['@', '#', ',', '!', '%', ':', '~', '/']) {
        for (const value of hostile()) {
          const input = `input-${cases.length}`;
          // The line holds the value between markers; the s command swaps the markers.
          writeFileSync(join(dir, input), `<${value}>\n`);
          const find = sedRegex(`<${value}>`, delimiter);
          const replace = sedReplacement(`[${value}]`, delimiter);
          const program = `s${delimiter}${find}${delimiter}${replace}${delimiter}`;
          cases.push({
            label: `${delimiter} ${JSON.stringify(value)}`,
            expected: `[${value}]\n`,
            command: `sed -e ${shellQuote(program)} ${input} 2>&1; echo '#end'`,
          });
        }
      }
      const run = runScript(cases.map((entry) => entry.command).join('\n'), { cwd: dir, sed });
      const outputs = run.stdout.split('#end\n');
      const problems = cases
        .map((entry, index) => ({ entry, output: outputs[index] }))
        .filter(({ entry, output }) => output !== entry.expected)
        .map(({ entry, output }) => `${entry.label}: ${output ?? '(nothing)'}`);
      expect(problems).toEqual([]);
      expect(existsSync(canary)).toBe(false);
    });
  }

  it('refuses a line break, and delimiters whose escaped form is an operator', () => {
    expect(() => sedReplacement('a\ne touch /tmp/x', '@')).toThrow(UnsafeValueError);
    expect(() => sedRegex('a\nb', '@')).toThrow(UnsafeValueError);
    expect(() => sedReplacement('a', '|')).toThrow(/delimiter/);
    expect(() => sedRegex('a', '+')).toThrow(/delimiter/);
  });
});

describe('regular expressions', { timeout: SPAWNS }, () => {
  const lines = (value: string) => [value, `x${value}`, `${value}x`, 'decoy', 'aXb', 'a'];

  for (const grep of ['grep', 'busybox grep'] as const) {
    it(`a BRE and an ERE literal match only the value (${grep})`, () => {
      const cases: { label: string; value: string; command: string }[] = [];
      for (const value of [...hostile().filter(Boolean), 'a.b', 'a*', '^a$']) {
        const file = `lines-${cases.length}`;
        writeFileSync(join(dir, file), `${lines(value).join('\n')}\n`);
        const basic = shellQuote(`^${breLiteral(value)}$`);
        const extended = shellQuote(`^${ereLiteral(value)}$`);
        cases.push(
          { label: `BRE ${JSON.stringify(value)}`, value, command: `${grep} -e ${basic} ${file}` },
          {
            label: `ERE ${JSON.stringify(value)}`,
            value,
            command: `${grep} -E -e ${extended} ${file}`,
          },
        );
      }
      const script = cases.map((entry) => `${entry.command} 2>&1; echo '#end'`).join('\n');
      const outputs = runScript(script, { cwd: dir }).stdout.split('#end\n');
      const problems = cases
        .map((entry, index) => ({ entry, output: outputs[index] }))
        .filter(({ entry, output }) => output !== `${entry.value}\n`)
        .map(({ entry, output }) => `${entry.label}: ${output ?? '(nothing)'}`);
      expect(problems).toEqual([]);
    });
  }

  it('refuses a line break, which grep would read as a second pattern', () => {
    expect(() => breLiteral('a\n')).toThrow(UnsafeValueError);
    expect(() => ereLiteral('a\nb')).toThrow(UnsafeValueError);
  });
});

describe('awk', { timeout: SPAWNS }, () => {
  it('reads values from ENVIRON exactly, backslashes included', () => {
    const values = { plain: 'docker-ce.', escapes: 'a\\nb\\\\c\\"', quote: "it's" };
    const run = runScript(
      `${awkEnvironment(values)} awk 'BEGIN { printf "%s|%s|%s", ENVIRON["plain"], ENVIRON["escapes"], ENVIRON["quote"] }'`,
      { cwd: dir },
    );
    expect(run.stdout).toBe(`${values.plain}|${values.escapes}|${values.quote}`);
    expect(() => awkEnvironment({ 'not a name': 'x' })).toThrow(TypeError);
  });
});

describe('here-documents and comments', { timeout: SPAWNS }, () => {
  it('picks a delimiter no line equals, so the document ends where it should', () => {
    const content = `SWARMLAB_EOF\ntouch ${canary}\nSWARMLAB_EOF_1\n$(touch ${canary})`;
    const delimiter = heredocDelimiter(content);
    expect(content.split('\n')).not.toContain(delimiter);
    runScript(`cat > out <<'${delimiter}'\n${content}\n${delimiter}\n`, { cwd: dir });
    expect(readFileSync(join(dir, 'out'), 'utf8')).toBe(`${content}\n`);
    expect(existsSync(canary)).toBe(false);
  });

  it('keeps a comment one line, showing the breaks and controls it holds', () => {
    const text = `mirror\ntouch ${canary}\r\u001b[2J\u2028`;
    const run = runScript(`# ${commentText(text)}\necho done\n`, { cwd: dir });
    expect(run.stdout).toBe('done\n');
    expect(existsSync(canary)).toBe(false);
    expect(commentText(text)).toBe(`mirror\\ntouch ${canary}\\r\\u001b[2J\\u2028`);
  });
});

describe('repo files and apt sources', () => {
  it('.repo: percent-encodes what yum reads as variables or list separators', () => {
    expect(repoUrl('https://m.example.com/$releasever,x y')).toBe(
      'https://m.example.com/%24releasever%2Cx%20y',
    );
    expect(() => repoUrl('https://m.example.com\n[evil]')).toThrow(UnsafeValueError);
    expect(() => iniValue('1\ngpgcheck=0')).toThrow(UnsafeValueError);
  });

  it('apt: one-line URIs survive apt’s decoding; deb822 URIs are taken as written', () => {
    expect(aptLineUri('https://m.example.com/a%20b#c d"[e]')).toBe(
      'https://m.example.com/a%2520b%23c%20d%22%5Be%5D',
    );
    expect(aptDeb822Uri('https://m.example.com/a%20b#c d')).toBe(
      'https://m.example.com/a%20b#c%20d',
    );
    for (const escape of [aptLineUri, aptDeb822Uri]) {
      expect(() => escape('https://m.example.com\ndeb http://evil.example x y')).toThrow(
        UnsafeValueError,
      );
    }
    expect(aptWord('bookworm-security')).toBe('bookworm-security');
    for (const word of ['bookworm main', 'x]', '[trusted=yes]', 'a#b', '']) {
      expect(() => aptWord(word), word).toThrow(UnsafeValueError);
    }
  });
});

describe('systemd command lines', { timeout: SPAWNS }, () => {
  const program = () => join(dir, 'bin dir', '100%n $HOME');

  function makeProgram(): void {
    mkdirSync(join(dir, 'bin dir'), { recursive: true });
    writeFileSync(program(), '#!/bin/sh\n', { mode: 0o755 });
  }

  it('systemd reads back exactly the words, $ taken literally', () => {
    makeProgram();
    const args = [
      '%n',
      '100%',
      '$HOME',
      '${HOME}',
      '$$',
      ';',
      'a;b',
      'x y',
      "it's",
      '"q"',
      'a\\b',
      '',
    ];
    const unit = `[Service]\nExecStart=${systemdCommandLine([program(), ...args])}\n`;
    const [argv] = systemdCommandLines(dir, 'words.service', unit);
    // systemd shows "$" doubled until it runs the command, when "$$" becomes "$".
    expect(argv?.map((word, index) => (index === 0 ? word : word.replaceAll('$$', '$')))).toEqual([
      program(),
      ...args,
    ]);
  });

  it('keeps $VARIABLES when asked (words taken from a unit), escaping the rest', () => {
    makeProgram();
    const args = ['$DOCKER_OPTS', '${OPTIONS}', '--label=%n', 'a b'];
    const unit = `[Service]\nExecStart=${systemdCommandLine([program(), ...args], { dollars: 'keep' })}\n`;
    expect(systemdCommandLines(dir, 'keep.service', unit)).toEqual([[program(), ...args]]);
  });

  it('refuses a program that is not an absolute path, or holds quotes or backslashes', () => {
    for (const path of ['dockerd', '-/usr/bin/dockerd', '/usr/bin/a"b', "/usr/bin/a'b", '/a\\b']) {
      expect(() => systemdCommandLine([path]), path).toThrow(UnsafeValueError);
    }
    expect(() => systemdExecWord('a\nExecStartPre=/bin/evil')).toThrow(UnsafeValueError);
  });
});
