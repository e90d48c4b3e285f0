import { appendFile, mkdir, open, readFile, stat } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { z } from 'zod';
import { runEventSchema } from '../../shared/run-events';
import type { StepStatus } from '../../shared/plan';
import type { RunEvent } from '../../shared/run-events';

/**
 * The run journal: one JSON event per line, appended as the run goes. The UI, the CLI and
 * the report read it; a crashed or cancelled run resumes from it.
 */
export class RunJournal {
  private queued: string[] = [];
  private writing: Promise<void> | undefined;
  private readonly ready: Promise<void>;

  constructor(readonly path: string) {
    this.ready = mkdir(dirname(path), { recursive: true, mode: 0o700 }).then(() =>
      endTornLine(path),
    );
  }

  /**
   * Appends one event. Events that arrive while a write is on its way go out together in the
   * next write, in order: a busy run costs a few appends a second, not one per output chunk.
   */
  append(event: RunEvent): Promise<void> {
    this.queued.push(`${JSON.stringify(event)}\n`);
    this.writing ??= this.drain();
    return this.writing;
  }

  /** Resolves once every appended event is on disk. */
  async flush(): Promise<void> {
    while (this.writing) await this.writing;
    await this.ready;
    const handle = await open(this.path, 'a');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  private async drain(): Promise<void> {
    try {
      await this.ready;
      while (this.queued.length > 0) {
        const batch = this.queued.join('');
        this.queued = [];
        await appendFile(this.path, batch, { mode: 0o600 });
      }
    } finally {
      this.writing = undefined;
    }
  }
}

/**
 * A process killed mid-append (SIGKILL, power loss) leaves half a line without its newline. A
 * resumed run appends to the same journal, so it first ends that line: otherwise its first event
 * would be glued to the fragment and lost, and the journal would no longer read back.
 */
async function endTornLine(path: string): Promise<void> {
  const size = await stat(path).then(
    (info) => info.size,
    () => 0,
  );
  if (size === 0) return;
  const handle = await open(path, 'r');
  const last = Buffer.alloc(1);
  try {
    await handle.read(last, 0, 1, size - 1);
  } finally {
    await handle.close();
  }
  if (last.toString('utf8') !== '\n') await appendFile(path, '\n');
}

/** The start of every event line: a line that starts so and does not parse was torn. */
const EVENT_LINE_START = '{"type":"';

/** What to do about a journal that does not read: said once, after the line that did not. */
const NOT_AS_WRITTEN =
  'swarmlab did not write this line: the journal was changed or is not a run journal; use the journal as the run wrote it';

/**
 * Reads a journal and checks every event against the run-event schema: its values reach
 * reproduce.sh and the report, so a line that does not fit is refused, with its line number.
 * Torn lines (the process died mid-write; a resumed run continued on the next line) are
 * ignored; any other line that is not an event means this is not a journal.
 */
export async function readJournal(path: string): Promise<RunEvent[]> {
  const text = await readFile(path, 'utf8');
  const events: RunEvent[] = [];
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    const where = `${path}:${index + 1}`;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch (error) {
      const isLastLine = lines.slice(index + 1).every((rest) => rest.trim() === '');
      if (isLastLine || line.startsWith(EVENT_LINE_START)) return;
      throw new Error(`${where}: not a journal line. ${NOT_AS_WRITTEN}`, { cause: error });
    }
    const parsed = runEventSchema.safeParse(value);
    if (!parsed.success) {
      throw new Error(`${where}: ${describeIssues(parsed.error, value)}. ${NOT_AS_WRITTEN}`);
    }
    events.push(parsed.data);
  });
  return events;
}

/** `hosts[0].user: "-oX" is not a user name (…)`; a field that is not there is "missing". */
function describeIssues(error: z.ZodError, value: unknown): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => {
      const field = issue.path
        .map((key, index) =>
          typeof key === 'number' ? `[${key}]` : `${index === 0 ? '' : '.'}${String(key)}`,
        )
        .join('');
      const missing = issue.code !== 'invalid_union' && valueAt(value, issue.path) === undefined;
      const message = missing ? 'is missing' : issue.message;
      return field ? `${field}: ${message}` : message;
    })
    .join('; ');
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let current = value;
  for (const key of path) {
    if (typeof current !== 'object' || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
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

/** The step data of finished steps that has this shape (a check's findings, an exercise's result). */
export function stepResults<T>(events: readonly RunEvent[], schema: z.ZodType<T>): T[] {
  return events.flatMap((event) => {
    if (event.type !== 'step-finished') return [];
    const parsed = schema.safeParse(event.data);
    return parsed.success ? [parsed.data] : [];
  });
}
