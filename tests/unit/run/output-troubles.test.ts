import { describe, expect, it } from 'vitest';
import type { HostConnection } from '../../../electron/engine/run/connection';
import { TroubleScanner, troublesIn } from '../../../electron/engine/run/output-troubles';
import { CommandRecorder } from '../../../electron/engine/run/recording-remote';
import { Redactor } from '../../../electron/engine/redact';
import type { Localized } from '../../../electron/shared/localized';

const APT_OFFLINE = [
  'Ign:1 http://deb.debian.org/debian bookworm InRelease',
  "Err:1 http://deb.debian.org/debian bookworm InRelease\n  Temporary failure resolving 'deb.debian.org'",
  "W: Failed to fetch http://deb.debian.org/debian/dists/bookworm/InRelease  Temporary failure resolving 'deb.debian.org'",
  'W: Some index files failed to download. They have been ignored, or old ones used instead.',
].join('\n');

describe('trouble in a command’s output', () => {
  it('reads apt’s resolver and fetch failures, a timeout and a full disk', () => {
    const troubleIn = (line: string) => troublesIn(line)[0];
    expect(troubleIn("  Temporary failure resolving 'deb.debian.org'")?.words.en).toMatch(
      /^the host could not resolve deb\.debian\.org: its DNS does not answer/,
    );
    expect(troubleIn('curl: (6) Could not resolve host: download.docker.com')?.key).toBe(
      'resolve download.docker.com',
    );
    expect(
      troubleIn('W: Failed to fetch http://mirrors.example/debian/InRelease.')?.words['zh-CN'],
    ).toBe('下载失败：http://mirrors.example/debian/InRelease');
    expect(troubleIn('ssh: connect to host x port 22: Connection timed out')?.key).toBe('timeout');
    expect(troubleIn('write error: No space left on device')?.key).toBe('disk');
    expect(troubleIn('Reading package lists... Done')).toBeUndefined();
  });

  it('says each trouble once, however the output is cut into chunks', () => {
    const said: Localized[] = [];
    const scanner = new TroubleScanner((words) => said.push(words));
    // Cut in the middle of every line, as a slow stream delivers it.
    for (let at = 0; at < APT_OFFLINE.length; at += 13)
      scanner.push(APT_OFFLINE.slice(at, at + 13));
    scanner.flush();
    expect(said.map((words) => words.en)).toEqual([
      expect.stringMatching(/could not resolve deb\.debian\.org/),
      'a download failed: http://deb.debian.org/debian/dists/bookworm/InRelease',
    ]);
  });
});

describe('a step’s commands', () => {
  it('turn what their output shows into the step’s warnings, from redacted output', async () => {
    const secret = 'token-abc-123';
    const connection: HostConnection = {
      exec: async (_script, options) => {
        options.onStdout?.(`fetching with ${secret}\nTemporary failure resol`);
        options.onStdout?.("ving 'mirror.lab'\n");
        return { exitCode: 0, stdout: '', stderr: '', durationMs: 1 };
      },
      uploadFile: async () => {},
    };
    const commands = new CommandRecorder({
      hosts: [{ id: 'a', address: '10.0.0.1', port: 22, user: 'root', role: 'manager' }],
      connections: { connectionFor: () => connection },
      secrets: new Redactor([secret]),
      emit: () => undefined,
      signal: new AbortController().signal,
      phases: new Map(),
    });
    const warnings: Localized[] = [];
    await commands.remoteFor('a', 'docker-install', 'a', (words) => warnings.push(words)).exec('x');
    expect(warnings.map((words) => words['zh-CN'])).toEqual([
      expect.stringMatching(/^主机无法解析 mirror\.lab：/),
    ]);
  });
});
