/**
 * Hides secrets in everything the engine says: passwords, sudo passwords, key passphrases,
 * private keys, swarm join tokens and unlock keys.
 *
 * Two kinds of secrets are found:
 * - literal values of this run (added up front or with {@link Redactor.addSecret} when one is
 *   learnt mid-run, such as a join token), also in the forms they take when quoted for a
 *   shell ('it'\''s'), escaped in JSON ("a\"b") or in a URL (a%40b);
 * - patterns that are secret whoever's they are: `SWMTKN-1-…`, `SWMKEY-1-…` and
 *   `-----BEGIN … PRIVATE KEY-----` blocks (an unterminated block is hidden to its end).
 *
 * Overlapping finds are merged, so no part of any secret survives between two matches.
 *
 * Short secrets: a secret shorter than {@link MIN_STRONG_SECRET_LENGTH} characters is still
 * hidden, but only where it stands alone (not next to a letter or digit). Hiding every "ab"
 * inside ordinary words would wreck the logs and, worse, show anyone reading them exactly
 * which two letters the password is. No redaction can hide a password that is a common word
 * ("root" for root): every occurrence of the word is hidden, and that pattern gives it away.
 * Such passwords are weak anyway; {@link isWeakSecret} lets callers warn about them.
 */

export const REDACTED = '[REDACTED]';

/** Secrets shorter than this are only hidden where they stand alone. */
export const MIN_STRONG_SECRET_LENGTH = 4;

/** Lines of a multi-line secret (a private key) at least this long are hidden on their own too. */
const MIN_LINE_SECRET_LENGTH = 16;

/** How long an unfinished token may be held back in a stream before it is let through redacted. */
const MAX_HELD_TOKEN = 4096;

export function isWeakSecret(secret: string): boolean {
  return secret.trim().length < MIN_STRONG_SECRET_LENGTH;
}

interface Span {
  start: number;
  end: number;
  replacement: string;
  /** The match could go on in text not seen yet (a token cut by a chunk boundary). */
  extensible: boolean;
  /** A private key block whose END line has not been seen: it runs to the end of the text. */
  open: boolean;
  /** For an open block: where its BEGIN line ends. */
  markerEnd: number;
}

/**
 * `more`: text right after a match that could still become part of it (a token's "-" just
 * before the chunk ends), so a stream must wait.
 */
const TOKEN_PATTERNS: { regex: RegExp; replacement: string; more: RegExp }[] = [
  {
    regex: /SWMTKN-1-[0-9A-Za-z]+(?:-[0-9A-Za-z]+)*/g,
    replacement: `SWMTKN-${REDACTED}`,
    more: /^-?$/,
  },
  { regex: /SWMKEY-1-[0-9A-Za-z+/=]+/g, replacement: `SWMKEY-${REDACTED}`, more: /^$/ },
];

const PEM_BEGIN = /-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----/g;
const PEM_END = /-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----/;
/** Longer than any END line, so a tail this long always holds a split END line. */
const PEM_MARKER_MAX = 80;

const ALNUM = /[A-Za-z0-9]/;

/** Starts of pattern matches that a stream must hold until it sees more. */
const PATTERN_PREFIXES = ['SWMTKN-1-', 'SWMKEY-1-', '-----BEGIN '];

function couldStartPattern(tail: string): boolean {
  for (const prefix of PATTERN_PREFIXES) {
    if (prefix.startsWith(tail)) return true;
    // A BEGIN line still being written: "-----BEGIN OPENSSH PRIV".
    if (
      prefix === '-----BEGIN ' &&
      tail.startsWith(prefix) &&
      tail.length < PEM_MARKER_MAX &&
      !/[\r\n]/.test(tail)
    ) {
      return true;
    }
  }
  return false;
}

/** The forms a secret takes in output: as is, shell-quoted, JSON-escaped, URL-encoded, per line. */
function variantsOf(secret: string): string[] {
  const variants = new Set<string>([secret]);
  if (secret.includes("'")) variants.add(secret.replaceAll("'", "'\\''"));
  const json = JSON.stringify(secret).slice(1, -1);
  variants.add(json);
  try {
    variants.add(encodeURIComponent(secret));
  } catch {
    // Lone surrogates cannot be URL-encoded; the other forms still apply.
  }
  if (/[\r\n]/.test(secret)) {
    for (const line of secret.split(/\r?\n/)) {
      const trimmed = line.trim();
      if (trimmed.length >= MIN_LINE_SECRET_LENGTH) variants.add(trimmed);
    }
  }
  return [...variants].filter((variant) => variant.length > 0);
}

/** Finds and hides secrets. One per run; share it with every stream of the run. */
export class Redactor {
  private readonly literals = new Set<string>();
  private longest = 0;

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const secret of secrets) if (secret !== undefined) this.addSecret(secret);
  }

  /**
   * Adds a secret (for example a join token fetched mid-run). Surrounding whitespace is
   * ignored (a value read from a command ends with a newline); empty values are ignored.
   */
  addSecret(secret: string): void {
    const trimmed = secret.trim();
    if (trimmed.length === 0) return;
    for (const variant of variantsOf(trimmed)) {
      if (this.literals.has(variant)) continue;
      this.literals.add(variant);
      this.longest = Math.max(this.longest, variant.length);
    }
  }

  /** How many literal forms are known (for tests and diagnostics). */
  get size(): number {
    return this.literals.size;
  }

  /** Length of the longest known literal. */
  get maxSecretLength(): number {
    return this.longest;
  }

  /** The text with every secret replaced. */
  redact(text: string): string {
    if (text.length === 0) return text;
    const spans = this.findSpans(text);
    return spans.length === 0 ? text : render(text, spans, 0, text.length);
  }

  /**
   * A copy of a value (an event, a report) with secrets hidden in every string, including
   * object keys. Arrays, plain objects, Maps, Sets and Errors are copied; cycles are kept.
   */
  redactDeep<T>(value: T): T {
    return this.deep(value, new Map()) as T;
  }

  /** A filter for one stream of chunks (a command's stdout); see {@link StreamRedactor}. */
  stream(): StreamRedactor {
    return new StreamRedactor(this);
  }

  /**
   * @internal For streams: the first position from which the rest of `text` could still
   * become a secret or a pattern once more text arrives (`text.length` when none).
   */
  holdFrom(text: string): number {
    const window = Math.max(this.longest, PEM_MARKER_MAX);
    for (let start = Math.max(0, text.length - window); start < text.length; start++) {
      const tail = text.slice(start);
      if (couldStartPattern(tail)) return start;
      for (const literal of this.literals) {
        if (literal.length > tail.length && literal.startsWith(tail)) return start;
        // A short secret at the very end: the next chunk decides whether it stands alone.
        if (literal.length < MIN_STRONG_SECRET_LENGTH && literal === tail) return start;
      }
    }
    return text.length;
  }

  /** @internal Merged spans of every secret and pattern in `text`. */
  findSpans(text: string, before = ''): Span[] {
    const found: Span[] = [];
    const plain = (
      start: number,
      end: number,
      replacement = REDACTED,
      extensible = false,
    ): Span => ({
      start,
      end,
      replacement,
      extensible,
      open: false,
      markerEnd: end,
    });

    for (const literal of this.literals) {
      const short = literal.length < MIN_STRONG_SECRET_LENGTH;
      for (
        let index = text.indexOf(literal);
        index >= 0;
        index = text.indexOf(literal, index + 1)
      ) {
        if (short) {
          const previous = index > 0 ? text[index - 1] : before.slice(-1);
          const next = text[index + literal.length];
          if ((previous && ALNUM.test(previous)) || (next !== undefined && ALNUM.test(next)))
            continue;
        }
        found.push(plain(index, index + literal.length));
      }
    }

    for (const { regex, replacement, more } of TOKEN_PATTERNS) {
      regex.lastIndex = 0;
      for (let match = regex.exec(text); match; match = regex.exec(text)) {
        const end = match.index + match[0].length;
        const unfinished = more.test(text.slice(end)) && match[0].length < MAX_HELD_TOKEN;
        found.push(plain(match.index, end, replacement, unfinished));
      }
    }

    PEM_BEGIN.lastIndex = 0;
    for (let match = PEM_BEGIN.exec(text); match; match = PEM_BEGIN.exec(text)) {
      const markerEnd = match.index + match[0].length;
      const end = PEM_END.exec(text.slice(markerEnd));
      if (end) {
        const stop = markerEnd + end.index + end[0].length;
        found.push(plain(match.index, stop));
        PEM_BEGIN.lastIndex = stop;
      } else {
        found.push({
          start: match.index,
          end: text.length,
          replacement: REDACTED,
          extensible: false,
          open: true,
          markerEnd,
        });
        break;
      }
    }

    return merge(found);
  }

  private deep(value: unknown, seen: Map<object, unknown>): unknown {
    if (typeof value === 'string') return this.redact(value);
    if (typeof value !== 'object' || value === null) return value;
    const known = seen.get(value);
    if (known !== undefined) return known;
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      seen.set(value, out);
      for (const item of value) out.push(this.deep(item, seen));
      return out;
    }
    if (value instanceof Error) {
      const copy = new Error(this.redact(value.message));
      seen.set(value, copy);
      copy.name = value.name;
      copy.stack = value.stack === undefined ? undefined : this.redact(value.stack);
      for (const [key, item] of Object.entries(value)) {
        (copy as unknown as Record<string, unknown>)[this.redact(key)] = this.deep(item, seen);
      }
      return copy;
    }
    if (value instanceof Map) {
      const out = new Map<unknown, unknown>();
      seen.set(value, out);
      for (const [key, item] of value) out.set(this.deep(key, seen), this.deep(item, seen));
      return out;
    }
    if (value instanceof Set) {
      const out = new Set<unknown>();
      seen.set(value, out);
      for (const item of value) out.add(this.deep(item, seen));
      return out;
    }
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      // Dates, buffers, class instances: not ours to rebuild. Events are plain data.
      return value;
    }
    const out: Record<string, unknown> = {};
    seen.set(value, out);
    for (const [key, item] of Object.entries(value)) out[this.redact(key)] = this.deep(item, seen);
    return out;
  }
}

function merge(spans: Span[]): Span[] {
  if (spans.length <= 1) return spans;
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span.start < last.end) {
      if (span.end > last.end) {
        last.end = span.end;
        last.extensible = span.extensible;
      } else if (span.end === last.end) {
        last.extensible ||= span.extensible;
      }
      if (span.open) {
        last.open = true;
        last.markerEnd = Math.max(last.markerEnd, span.markerEnd);
      }
      if (span.start === last.start && span.end === last.end) {
        // The same stretch found twice (a join token added as a secret): keep the telling name.
        if (last.replacement === REDACTED) last.replacement = span.replacement;
      } else {
        // Different finds run into each other: hide the whole stretch under one plain mark.
        last.replacement = REDACTED;
      }
    } else {
      merged.push({ ...span });
    }
  }
  return merged;
}

function render(text: string, spans: readonly Span[], from: number, to: number): string {
  let out = '';
  let position = from;
  for (const span of spans) {
    if (span.start >= to) break;
    if (span.end <= position) continue;
    out += text.slice(position, span.start) + span.replacement;
    position = span.end;
  }
  return out + text.slice(position, Math.max(position, to));
}

/**
 * Redacts a stream of chunks. A secret can arrive split across two chunks, so the filter
 * holds back a tail that could still be the start of a secret (at most the longest secret's
 * length; usually nothing) until the next chunk or {@link flush}. A private key block that
 * has begun is swallowed up to its END line, however many chunks that takes.
 *
 * Feed it text, not bytes: decode with one `StringDecoder` per stream first, so a UTF-8
 * character split across chunks is not mangled.
 */
export class StreamRedactor {
  private buffer = '';
  private inKey = false;
  private previous = '';

  constructor(private readonly redactor: Redactor) {}

  /** Takes a chunk, returns what can safely be shown now. */
  push(chunk: string): string {
    this.buffer += chunk;
    return this.drain(false);
  }

  /** The end of the stream: returns everything still held, redacted. */
  flush(): string {
    const out = this.drain(true);
    this.buffer = '';
    this.inKey = false;
    this.previous = '';
    return out;
  }

  private drain(final: boolean): string {
    let out = '';
    for (;;) {
      if (this.inKey) {
        const end = PEM_END.exec(this.buffer);
        if (!end) {
          // Key material: dropped. Keep only enough to find an END line split across chunks.
          this.buffer = final ? '' : this.buffer.slice(-PEM_MARKER_MAX);
          return out;
        }
        this.buffer = this.buffer.slice(end.index + end[0].length);
        this.inKey = false;
        this.previous = '-';
      }
      const text = this.buffer;
      const spans = this.redactor.findSpans(text, this.previous);
      const open = spans.find((span) => span.open);
      if (open) {
        out += this.emit(text, spans, open.start) + REDACTED;
        this.buffer = text.slice(open.markerEnd);
        this.inKey = true;
        continue;
      }
      let cut = final ? text.length : this.redactor.holdFrom(text);
      // A find that runs over the cut, or that could still grow, waits whole: emitting part
      // of it could split a longer secret that starts inside it.
      for (const span of spans) {
        if ((span.start < cut && span.end > cut) || (!final && span.extensible))
          cut = Math.min(cut, span.start);
      }
      out += this.emit(text, spans, cut);
      this.buffer = text.slice(cut);
      return out;
    }
  }

  /** Emits text[0, cut) redacted and remembers its last character (for short-secret edges). */
  private emit(text: string, spans: readonly Span[], cut: number): string {
    if (cut <= 0) return '';
    this.previous = text[cut - 1] ?? this.previous;
    return render(text, spans, 0, cut);
  }
}
