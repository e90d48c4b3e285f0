/**
 * A terminal session's transcript in asciicast v2 (https://docs.asciinema.org/manual/asciicast/v2/),
 * so `asciinema play` and the web players replay it: a header line, then one JSON line per
 * output chunk (`[seconds, "o", text]`) and per resize (`[seconds, "r", "COLSxROWS"]`).
 *
 * Only what the terminal showed is kept, never what was typed: a password typed at a prompt
 * that does not echo is not in it. What was shown goes through the journal's redactor as one
 * stream, so a secret split across two chunks is still hidden. The file is the owner's alone.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { mkdir, open, readdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { StringDecoder } from 'node:string_decoder';
import type { Redactor, StreamRedactor } from '../redact';
import type { TerminalDimensions } from './types';

export interface TranscriptHeader extends TerminalDimensions {
  /** Shown by players: the node and how it was reached. */
  title: string;
  /** The TERM the remote side was told. */
  term: string;
  startedAt: Date;
}

export class TranscriptWriter {
  private readonly decoder = new StringDecoder('utf8');
  private readonly redacting: StreamRedactor;
  private readonly started: number;
  private closed = false;

  private constructor(
    private readonly file: WriteStream,
    readonly path: string,
    redactor: Redactor,
    private readonly now: () => number,
  ) {
    this.redacting = redactor.stream();
    this.started = now();
  }

  /** Creates the file (never over an existing one) and writes the header. */
  static async create(
    path: string,
    header: TranscriptHeader,
    redactor: Redactor,
    now: () => number = () => performance.now(),
  ): Promise<TranscriptWriter> {
    await mkdir(dirname(path), { recursive: true, mode: 0o700 });
    const file = createWriteStream(path, { flags: 'wx', mode: 0o600 });
    await new Promise<void>((resolve, reject) => {
      file.once('open', () => resolve());
      file.once('error', reject);
    });
    const writer = new TranscriptWriter(file, path, redactor, now);
    writer.line({
      version: 2,
      width: header.cols,
      height: header.rows,
      timestamp: Math.floor(header.startedAt.getTime() / 1000),
      title: redactor.redact(header.title),
      env: { TERM: header.term },
    });
    return writer;
  }

  /** What the terminal showed, as raw bytes. */
  output(chunk: Uint8Array): void {
    if (this.closed) return;
    const shown = this.redacting.push(this.decoder.write(Buffer.from(chunk)));
    if (shown !== '') this.event('o', shown);
  }

  resize(size: TerminalDimensions): void {
    if (this.closed) return;
    this.event('r', `${size.cols}x${size.rows}`);
  }

  /** Writes what was held back (a possible secret's start) and closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const rest = this.redacting.push(this.decoder.end()) + this.redacting.flush();
    if (rest !== '') this.event('o', rest, true);
    await new Promise<void>((resolve) => this.file.end(resolve));
  }

  private event(code: 'o' | 'r', data: string, force = false): void {
    if (this.closed && !force) return;
    const seconds = Math.max(0, (this.now() - this.started) / 1000);
    this.line([Number(seconds.toFixed(6)), code, data]);
  }

  private line(value: unknown): void {
    this.file.write(`${JSON.stringify(value)}\n`);
  }
}

/** The folder of a run's transcripts, beside its journal. */
export const TRANSCRIPTS_FOLDER = 'transcripts';

export interface TranscriptEntry {
  /** Relative to the run's folder, e.g. `transcripts/node01-2026-12-07T10-00-00-000Z.cast`. */
  file: string;
  /** The node and how it was reached, as the header says. */
  title: string;
  startedAt: string;
}

/** A run's transcripts, oldest first, read from their headers; files that are not one are left out. */
export async function listTranscripts(runDir: string): Promise<TranscriptEntry[]> {
  const folder = join(runDir, TRANSCRIPTS_FOLDER);
  const names = await readdir(folder).catch(() => [] as string[]);
  const entries: TranscriptEntry[] = [];
  for (const name of names.filter((file) => file.endsWith('.cast'))) {
    const header = await firstLine(join(folder, name));
    const parsed = castHeaderSchema.safeParse(parseJson(header));
    if (!parsed.success) continue;
    entries.push({
      file: `${TRANSCRIPTS_FOLDER}/${name}`,
      title: parsed.data.title ?? name,
      startedAt: new Date(parsed.data.timestamp * 1000).toISOString(),
    });
  }
  return entries.sort(
    (a, b) => a.startedAt.localeCompare(b.startedAt) || a.file.localeCompare(b.file),
  );
}

const castHeaderSchema = z.object({
  version: z.literal(2),
  timestamp: z.number(),
  title: z.string().optional(),
});

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** The first line of a file, reading no more than the header can be. */
async function firstLine(path: string): Promise<string> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    return buffer.subarray(0, bytesRead).toString('utf8').split('\n', 1)[0] ?? '';
  } finally {
    await handle.close();
  }
}
