import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../electron/engine/run/events';
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
