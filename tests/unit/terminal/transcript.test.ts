/** Terminal transcripts: asciicast v2 that players read, secrets hidden even across chunks. */
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REDACTED, Redactor } from '../../../electron/engine/redact';
import { TranscriptWriter } from '../../../electron/engine/terminal/transcript';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-transcript-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const header = {
  cols: 120,
  rows: 30,
  title: 'root@10.0.0.1:22 (node01)',
  term: 'xterm-256color',
  startedAt: new Date('2026-12-07T10:00:00Z'),
};

async function lines(path: string): Promise<unknown[]> {
  return (await readFile(path, 'utf8'))
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as unknown);
}

describe('TranscriptWriter', () => {
  it('writes an asciicast v2 header, output and resizes with their times, readable only by the owner', async () => {
    let now = 1000;
    const path = join(dir, 'runs', 'one', 'transcripts', 'node01.cast');
    const writer = await TranscriptWriter.create(path, header, new Redactor(), () => now);
    now = 1250;
    writer.output(Buffer.from('root@node01:~# ls\r\n'));
    now = 2000;
    writer.resize({ cols: 100, rows: 40 });
    // A character split between two chunks comes out whole.
    const snow = Buffer.from('❄', 'utf8');
    writer.output(snow.subarray(0, 1));
    now = 2500;
    writer.output(snow.subarray(1));
    await writer.close();
    expect(await lines(path)).toEqual([
      {
        version: 2,
        width: 120,
        height: 30,
        timestamp: 1796637600,
        title: 'root@10.0.0.1:22 (node01)',
        env: { TERM: 'xterm-256color' },
      },
      [0.25, 'o', 'root@node01:~# ls\r\n'],
      [1, 'r', '100x40'],
      [1.5, 'o', '❄'],
    ]);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
  });

  it('hides a secret the terminal showed, even one split across chunks, and keeps what follows', async () => {
    const path = join(dir, 'node01.cast');
    const writer = await TranscriptWriter.create(path, header, new Redactor(['hunter2-secret']));
    writer.output(Buffer.from('echo hunter2-'));
    writer.output(Buffer.from('secret\r\nhunter2-secret\r\n$ '));
    writer.output(Buffer.from('token SWMTKN-1-49nj1cmql0'));
    writer.output(Buffer.from('jkz2g-1ydvhm8rkss9x\r\n'));
    await writer.close();
    const text = await readFile(path, 'utf8');
    expect(text).not.toContain('hunter2');
    const shown = (await lines(path))
      .slice(1)
      .map((event) => (event as [number, string, string])[2])
      .join('');
    expect(shown).toBe(`echo ${REDACTED}\r\n${REDACTED}\r\n$ token SWMTKN-${REDACTED}\r\n`);
  });

  it('never writes over a file that is there', async () => {
    const path = join(dir, 'taken.cast');
    await writeFile(path, 'mine');
    await expect(TranscriptWriter.create(path, header, new Redactor())).rejects.toThrow(/EEXIST/);
    expect(await readFile(path, 'utf8')).toBe('mine');
  });
});
