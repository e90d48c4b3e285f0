import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellJoin, shellQuote } from '../../../electron/engine/shell/quote';
import { envExports, shCommand } from '../../../electron/engine/shell/script';

/** What /bin/sh makes of `printf %s <quoted>`: the proof that quoting round-trips. */
function throughShell(commandLine: string): string {
  return execFileSync('/bin/sh', ['-c', commandLine], { encoding: 'utf8' });
}

const hostile: Array<[string, string]> = [
  ['empty string', ''],
  ['plain word', 'hello'],
  ['spaces', '  two  spaces  '],
  ['command substitution', '$(touch /tmp/swarmlab-pwned)'],
  ['backticks', '`id`'],
  ['variable', '$HOME ${PATH} $0 $$ $?'],
  ['single quote', "it's"],
  ['only single quotes', "'''"],
  ['quote at both ends', "'x'"],
  ['double quotes', '"quoted" "$HOME"'],
  ['backslashes', 'a\\b\\\\c\\'],
  ['operators', 'a; rm -rf / | cat & echo && x || y'],
  ['redirections', '> /etc/passwd < /dev/null 2>&1'],
  ['newlines', 'line1\nline2\n\nline4\n'],
  ['tabs and carriage return', 'a\tb\rc'],
  ['globs', '* ? [a-z] ~ ~root'],
  ['braces and history', '{a,b} !! !$ #comment'],
  ['leading dash', '-n -e --help'],
  ['unicode', 'héllo 世界 🚀 \u202e rtl'],
  ['control characters', '\u0001\u0007\u001b[31mred'],
  ['mixed quotes', `'"'"'"\`$()'`],
  // One argv entry is capped at 128 KiB by Linux (MAX_ARG_STRLEN); stay under it.
  ['very long', "x'y$(z)".repeat(10_000)],
];

describe('shellQuote', () => {
  it.each(hostile)('round-trips through /bin/sh: %s', (_name, value) => {
    expect(throughShell(`printf %s ${shellQuote(value)}`)).toBe(value);
  });

  it('round-trips a 1 MiB value given to sh as a script on stdin', () => {
    const value = "a'b\n$(c)`d`".repeat(100_000);
    const output = execFileSync('/bin/sh', [], {
      input: `printf %s ${shellQuote(value)}`,
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(output).toBe(value);
  });

  it('keeps each value one word, even when empty', () => {
    const words = ['', 'a b', "c'd", '$(e)', ''];
    const output = throughShell(`printf '<%s>' ${shellJoin(words)}`);
    expect(output).toBe(words.map((word) => `<${word}>`).join(''));
  });

  it('never runs embedded commands', () => {
    const marker = `/tmp/swarmlab-quote-test-${process.pid}`;
    throughShell(
      `printf %s ${shellQuote(`$(touch ${marker})\`touch ${marker}\`;touch ${marker}`)}`,
    );
    expect(() => execFileSync('test', ['-e', marker])).toThrow();
  });

  it('uses the plain single-quote form', () => {
    expect(shellQuote('')).toBe("''");
    expect(shellQuote("it's")).toBe("'it'\\''s'");
  });

  it('refuses NUL bytes, which cannot travel in argv', () => {
    expect(() => shellQuote('a\0b')).toThrow(TypeError);
  });
});

describe('shCommand', () => {
  it('runs a script under sh -c with exported environment', () => {
    const value = "tricky 'value' $(no) \n second line";
    const command = shCommand('printf %s "$GREETING"', { GREETING: value });
    expect(throughShell(command)).toBe(value);
  });

  it('rejects environment names that are not identifiers', () => {
    expect(() => envExports({ 'A;rm': 'x' })).toThrow(TypeError);
    expect(() => envExports({ '1A': 'x' })).toThrow(TypeError);
  });
});

describe('shellQuote readability', () => {
  it('leaves plain words bare and quotes anything a shell would read', () => {
    expect(shellQuote('docker')).toBe('docker');
    expect(shellQuote('--advertise-addr')).toBe('--advertise-addr');
    expect(shellQuote('192.168.11.131:2377')).toBe('192.168.11.131:2377');
    for (const risky of [
      'a b',
      '$HOME',
      '~root',
      '*',
      'a;b',
      '{{.ID}}',
      '',
      "it's",
      'a\nb',
      '!x',
      'a#b',
    ]) {
      expect(shellQuote(risky), risky).toMatch(/^'.*'$/s);
    }
  });
});
