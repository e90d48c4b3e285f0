import { appendFile, mkdir, open, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { RunEvent, StepStatus } from './events';

/**
 * The run journal: one JSON event per line, appended as the run goes. The UI, the CLI and
 * the report read it; a crashed or cancelled run resumes from it.
 */
export class RunJournal {
  private pending: Promise<void> = Promise.resolve();
  private ready: Promise<void>;

  constructor(readonly path: string) {
    this.ready = mkdir(dirname(path), { recursive: true, mode: 0o700 }).then(() => undefined);
  }

  /** Appends one event. Writes are serialised so lines never interleave. */
  append(event: RunEvent): Promise<void> {
    const line = `${JSON.stringify(event)}\n`;
    this.pending = this.pending
      .then(() => this.ready)
      .then(() => appendFile(this.path, line, { mode: 0o600 }));
    return this.pending;
  }

  /** Resolves once every appended event is on disk. */
  async flush(): Promise<void> {
    await this.pending;
    const handle = await open(this.path, 'a');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}

/** Reads a journal. A torn last line (the process died mid-write) is ignored. */
export async function readJournal(path: string): Promise<RunEvent[]> {
  const text = await readFile(path, 'utf8');
  const events: RunEvent[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      events.push(JSON.parse(line) as RunEvent);
    } catch (error) {
      const isLastLine = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (!isLastLine) {
        throw new Error(`${path}:${index + 1}: not a journal line`, { cause: error });
      }
    }
  });
  return events;
}

/** The last finished status of every (host, step) pair in a journal: what a resume can skip. */
export function completedSteps(events: RunEvent[]): Map<string, StepStatus> {
  const done = new Map<string, StepStatus>();
  for (const event of events) {
    if (event.type === 'step-finished') done.set(stepKey(event.host, event.step), event.status);
  }
  return done;
}

export function stepKey(host: string, step: string): string {
  return `${host}\u0000${step}`;
}
