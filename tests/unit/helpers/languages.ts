/**
 * The real readers of the files and programs the engine generates, run locally on scratch
 * copies: sh (with GNU or busybox sed), apt's own parser of sources, systemd's own parser of
 * units. Tests feed generators hostile values and read back what these tools understood.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh directory under the system's temp dir; `remove()` deletes it. */
export function scratchDir(prefix = 'swarmlab-lang-'): { path: string; remove: () => void } {
  const path = mkdtempSync(join(tmpdir(), prefix));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

function requireTool(name: string, hint: string): void {
  const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
  if (found.status !== 0) throw new Error(`${name} is not installed (${hint})`);
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs a script with `sh` in `cwd`. `fakes` are commands that only succeed (dnf, yum…), put
 * first on PATH; `sed: 'busybox'` makes `sed` busybox's.
 */
export function runScript(
  script: string,
  options: { cwd: string; fakes?: readonly string[]; sed?: 'gnu' | 'busybox' },
): ScriptRun {
  const bin = join(options.cwd, '.bin');
  mkdirSync(bin, { recursive: true });
  for (const name of options.fakes ?? []) {
    writeFileSync(join(bin, name), '#!/bin/sh\nexit 0\n');
    chmodSync(join(bin, name), 0o755);
  }
  if (options.sed === 'busybox') {
    requireTool('busybox', 'apt-get install busybox-static');
    rmSync(join(bin, 'sed'), { force: true });
    symlinkSync(
      spawnSync('sh', ['-c', 'command -v busybox'], { encoding: 'utf8' }).stdout.trim(),
      join(bin, 'sed'),
    );
  }
  const result = spawnSync('sh', ['-c', script], {
    cwd: options.cwd,
    encoding: 'utf8',
    env: { PATH: `${bin}:/usr/sbin:/usr/bin:/sbin:/bin`, LC_ALL: 'C', HOME: options.cwd },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * What apt reads from a one-line sources.list and a folder of .list/.sources files:
 * `URI suite component` per index target, sorted, as `apt-get indextargets` reports them (no
 * network: it only parses). Errors from apt's parser are thrown with its message.
 */
export function aptSourceEntries(options: { sourceList?: string; sourceParts?: string }): string[] {
  requireTool('apt-get', 'the tests run on Debian or Ubuntu');
  const dir = scratchDir('swarmlab-apt-');
  try {
    mkdirSync(join(dir.path, 'lists', 'partial'), { recursive: true });
    const result = spawnSync(
      'apt-get',
      [
        '-o',
        `Dir::Etc::SourceList=${options.sourceList ?? '/dev/null'}`,
        '-o',
        `Dir::Etc::SourceParts=${options.sourceParts ?? join(dir.path, 'none')}`,
        '-o',
        `Dir::State::Lists=${join(dir.path, 'lists')}`,
        '-o',
        'APT::Architectures::=amd64',
        'indextargets',
        '--no-release-info',
        '--format',
        '$(REPO_URI) $(RELEASE) $(COMPONENT)',
      ],
      { encoding: 'utf8', env: { PATH: process.env.PATH ?? '/usr/bin:/bin', LC_ALL: 'C' } },
    );
    const errors = result.stderr
      .split('\n')
      .filter((line) => /^E:|^W:/.test(line))
      .join('\n');
    if (result.status !== 0 || errors) throw new Error(`apt: ${errors || result.stderr}`);
    return [...new Set(result.stdout.split('\n').filter(Boolean))].sort();
  } finally {
    dir.remove();
  }
}

/**
 * The command lines systemd reads from a unit, as `systemd-analyze verify` dumps them (systemd's
 * own parser; `"…"` quoting with `\"`, `\\` and `\$` in the dump), per Exec setting. The unit
 * file is written into `dir` under `name`, next to any other units the test put there. A unit
 * systemd refuses, or whose program is not an executable file, is an error.
 */
export function systemdCommandLines(dir: string, name: string, unit: string): string[][] {
  requireTool('systemd-analyze', 'apt-get install systemd');
  writeFileSync(join(dir, name), unit);
  const result = spawnSync('systemd-analyze', ['verify', '--man=no', join(dir, name)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SYSTEMD_LOG_LEVEL: 'debug', LC_ALL: 'C' },
  });
  const output = `${result.stdout}\n${result.stderr}`;
  const refused = output
    .split('\n')
    .filter(
      (line) =>
        line.includes(name) &&
        /bad unit file setting|Failed to|Refusing|not executable/i.test(line),
    );
  if (refused.length > 0) throw new Error(`systemd refused ${name}: ${refused.join('\n')}`);
  return output
    .split('\n')
    .map((line) => /^\s*Command Line: (.*)$/.exec(line)?.[1])
    .filter((line): line is string => line !== undefined)
    .map(splitSystemdDump);
}

/** Splits a command line as systemd-analyze prints it back into its words. */
function splitSystemdDump(line: string): string[] {
  const words: string[] = [];
  for (const match of line.matchAll(/"((?:[^"\\]|\\.)*)"|(\S+)/g)) {
    words.push(match[1] !== undefined ? match[1].replace(/\\(.)/g, '$1') : (match[2] ?? ''));
  }
  return words;
}

/** A .repo file as yum and dnf read it: sections of `key=value`; anything else is refused. */
export function parseRepoFile(text: string): Record<string, Record<string, string>> {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const [index, line] of text.split('\n').entries()) {
    if (line.trim() === '' || /^[#;]/.test(line)) continue;
    const section = /^\[([^\]]+)\]$/.exec(line);
    if (section?.[1]) {
      current = sections[section[1]] = {};
      continue;
    }
    const setting = /^([A-Za-z0-9_]+)=(.*)$/.exec(line);
    if (!setting?.[1] || !current) throw new Error(`line ${index + 1} is no setting: ${line}`);
    current[setting[1]] = setting[2] ?? '';
  }
  return sections;
}

/** The URLs yum and dnf take from a baseurl value: split at commas and whitespace. */
export function repoUrlList(value: string): string[] {
  return value.split(/[\s,]+/).filter(Boolean);
}
