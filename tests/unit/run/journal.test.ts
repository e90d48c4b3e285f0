import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../electron/shared/run-events';
import { readJournal, RunJournal } from '../../../electron/engine/run/journal';

function logEvent(index: number): RunEvent {
  return { type: 'log', level: 'info', message: `event ${index}`, at: index };
}

describe('RunJournal', () => {
  it('keeps every event of a burst, in order, one per line', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlab-journal-')), 'run', 'journal.jsonl');
    const journal = new RunJournal(path);
    const writes: Promise<void>[] = [];
    for (let index = 0; index < 500; index += 1) {
      writes.push(journal.append(logEvent(index)));
      // Some events arrive while a write is on its way, some after it finished.
      if (index % 97 === 0) await writes.at(-1);
    }
    await journal.flush();
    const events = await readJournal(path);
    expect(events.map((event) => (event.type === 'log' ? event.message : ''))).toEqual(
      Array.from({ length: 500 }, (_, index) => `event ${index}`),
    );
    expect((await readFile(path, 'utf8')).split('\n')).toHaveLength(501);
  });

  it('continues a journal whose last line was torn by a killed process on a fresh line', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlab-journal-')), 'journal.jsonl');
    await writeFile(path, `${JSON.stringify(logEvent(1))}\n{"type":"lo`);
    const journal = new RunJournal(path);
    await journal.append(logEvent(2));
    await journal.flush();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines[1]).toBe('{"type":"lo');
    expect(JSON.parse(lines[2] ?? '')).toMatchObject({ message: 'event 2' });
  });
});

describe('readJournal on a journal that was changed', () => {
  const fixture = join(import.meta.dirname, '..', 'report', 'fixtures', 'three-node-run.jsonl');

  /** The fixture with one line replaced: returns the path and the 1-based line number. */
  async function tampered(
    change: (event: Record<string, unknown>, index: number) => unknown,
  ): Promise<string> {
    const lines = (await readFile(fixture, 'utf8')).trimEnd().split('\n');
    const changed = lines.map((line, index) => {
      const result = change(JSON.parse(line) as Record<string, unknown>, index);
      return result === undefined ? line : JSON.stringify(result);
    });
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlab-tampered-')), 'journal.jsonl');
    await writeFile(path, `${changed.join('\n')}\n`);
    return path;
  }

  it('reads the journal as swarmlab wrote it, and refuses it once a login is an ssh option', async () => {
    const text = await readFile(fixture, 'utf8');
    expect(await readJournal(fixture)).toEqual(
      text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line) as unknown),
    );
    const path = await tampered((event) =>
      event.type === 'run-started'
        ? {
            ...event,
            hosts: [{ ...(event.hosts as object[])[0], user: '-oProxyCommand=touch /tmp/canary' }],
          }
        : undefined,
    );
    await expect(readJournal(path)).rejects.toThrow(
      `${path}:1: hosts[0].user: "-oProxyCommand=touch /tmp/canary" is not a user name`,
    );
  });

  it('refuses an address or a host id that starts like an option', async () => {
    const address = await tampered((event) =>
      event.type === 'run-started'
        ? { ...event, hosts: [{ ...(event.hosts as object[])[0], address: '-oProxyJump=x' }] }
        : undefined,
    );
    await expect(readJournal(address)).rejects.toThrow(
      /:1: hosts\[0\]\.address: "-oProxyJump=x" is not an IP address or DNS name/,
    );
    const host = await tampered((event, index) =>
      index === 2 ? { ...event, host: '-F/tmp/config' } : undefined,
    );
    await expect(readJournal(host)).rejects.toThrow(/:3: host: "-F\/tmp\/config" is not a host id/);
  });

  it('refuses wrong types, unknown event kinds and missing fields, with the line number', async () => {
    const wrongType = await tampered((event, index) =>
      index === 1 ? { ...event, at: 'yesterday' } : undefined,
    );
    await expect(readJournal(wrongType)).rejects.toThrow(/:2: at: .*expected number/);

    const port = await tampered((event) =>
      event.type === 'run-started'
        ? { ...event, hosts: [{ ...(event.hosts as object[])[0], port: '22; touch /tmp/x' }] }
        : undefined,
    );
    await expect(readJournal(port)).rejects.toThrow(/:1: hosts\[0\]\.port: /);

    const unknownKind = await tampered((event, index) =>
      index === 4 ? { ...event, type: 'shell-command' } : undefined,
    );
    await expect(readJournal(unknownKind)).rejects.toThrow(
      /:5: type: "shell-command" is not a run event type \(one of run-started, /,
    );

    const missing = await tampered((event) => {
      if (event.type !== 'step-finished') return undefined;
      const withoutStatus = { ...event };
      delete withoutStatus.status;
      return withoutStatus;
    });
    await expect(readJournal(missing)).rejects.toThrow(/:\d+: status: is missing/);

    const notAnEvent = await tampered((_event, index) => (index === 3 ? [1, 2] : undefined));
    await expect(readJournal(notAnEvent)).rejects.toThrow(/:4: /);
  });

  it('still reads a journal whose last line was torn, and refuses a changed line before it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'swarmlab-journal-')), 'journal.jsonl');
    await writeFile(path, `${JSON.stringify(logEvent(1))}\n{"type":"step-fin`);
    expect(await readJournal(path)).toEqual([logEvent(1)]);
    await writeFile(path, `${JSON.stringify({ ...logEvent(1), level: 'panic' })}\n{"type":"st`);
    await expect(readJournal(path)).rejects.toThrow(`${path}:1: level: `);
  });
});
