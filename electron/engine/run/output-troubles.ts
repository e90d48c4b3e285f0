/**
 * Trouble a command's output shows while the command itself carries on: a name that does not
 * resolve, a download that fails, a connection that times out. apt and dnf print these and
 * keep retrying or go on without the file, so the step may succeed slowly or fail much later;
 * they are surfaced as the step's warnings as soon as they are seen.
 */
import type { Localized } from '../../shared/localized';
import { localized } from '../../shared/messages';

interface Trouble {
  /** One warning per kind and subject within a command. */
  key: string;
  words: Localized;
}

const PATTERNS: readonly ((line: string) => Trouble | undefined)[] = [
  (line) => {
    const match =
      /Temporary failure resolving '([^']+)'/.exec(line) ??
      /Could not resolve (?:host:? )?'?([A-Za-z0-9.-]+)/.exec(line) ??
      /Name or service not known.*?([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)/.exec(line);
    if (!match) return undefined;
    const name = match[1] ?? '';
    return { key: `resolve ${name}`, words: localized('causes.output.unresolved', { name }) };
  },
  (line) => {
    const match = /(?:Failed to fetch|Failed to download|Cannot download) (\S+)/.exec(line);
    if (!match) return undefined;
    const url = (match[1] ?? '').replace(/[.,;:]+$/, '');
    return { key: `fetch ${url}`, words: localized('causes.output.fetchFailed', { url }) };
  },
  (line) =>
    /(?:Connection|Operation) timed out/i.test(line)
      ? { key: 'timeout', words: localized('causes.output.timedOut') }
      : undefined,
  (line) =>
    /No space left on device/.test(line)
      ? { key: 'disk', words: localized('causes.output.noSpace') }
      : undefined,
];

/** The troubles one line of output shows (apt names a failed fetch and its cause together). */
export function troublesIn(line: string): Trouble[] {
  return PATTERNS.flatMap((pattern) => pattern(line) ?? []);
}

/** Longest line kept while waiting for its end: output without newlines is not held forever. */
const MAX_LINE = 4096;

/** Reads one command's output as it streams, line by line; says each new trouble once. */
export class TroubleScanner {
  private partial = '';
  private readonly said = new Set<string>();

  constructor(private readonly onTrouble: (words: Localized) => void) {}

  push(chunk: string): void {
    const lines = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = (lines.pop() ?? '').slice(-MAX_LINE);
    for (const line of lines) this.look(line);
  }

  flush(): void {
    if (this.partial !== '') this.look(this.partial);
    this.partial = '';
  }

  private look(line: string): void {
    for (const trouble of troublesIn(line)) {
      if (this.said.has(trouble.key)) continue;
      this.said.add(trouble.key);
      this.onTrouble(trouble.words);
    }
  }
}
