/**
 * Where a shell is, as it says so itself: OSC 7 (`ESC ] 7 ; file://HOST/PATH` ended by BEL or
 * ESC \), which shells print from their prompt when set up to (fish and zsh do, bash with a
 * PROMPT_COMMAND, many distributions' vte profiles). The file panel opens there; a shell that
 * never says opens the panel at the home directory.
 */

const START = '\u001b]7;';
/** An announcement longer than this is not one: what is held back stays bounded. */
const MAX_ANNOUNCEMENT = 4096;

export class WorkingDirectory {
  /** The latest directory the shell announced, if any. */
  current: string | undefined;
  /** The start of an announcement whose end has not arrived yet. */
  private held = '';

  /** Reads a chunk of the terminal's output, raw bytes as they came. */
  push(chunk: Uint8Array): void {
    // latin1 keeps one character per byte: the markers are ASCII, the path is decoded below.
    let text = this.held + Buffer.from(chunk).toString('latin1');
    this.held = '';
    for (;;) {
      const start = text.indexOf(START);
      if (start < 0) {
        this.held = partialStart(text);
        return;
      }
      const body = text.slice(start + START.length);
      // eslint-disable-next-line no-control-regex -- BEL and ESC \ are what ends OSC 7
      const end = /\u0007|\u001b\\/.exec(body);
      if (!end) {
        if (body.length < MAX_ANNOUNCEMENT) this.held = text.slice(start);
        return;
      }
      const path = pathOf(body.slice(0, end.index));
      if (path !== undefined) this.current = path;
      text = body.slice(end.index + end[0].length);
    }
  }
}

/** The end of `text` that may be the first bytes of an announcement. */
function partialStart(text: string): string {
  for (let length = Math.min(START.length - 1, text.length); length > 0; length -= 1) {
    if (START.startsWith(text.slice(text.length - length))) return text.slice(text.length - length);
  }
  return '';
}

/** The absolute path of a `file://host/path` URL (percent-decoded, UTF-8), or undefined. */
export function pathOf(url: string): string | undefined {
  const match = /^file:\/\/[^/]*(\/.*)$/.exec(url);
  if (!match?.[1]) return undefined;
  const bytes = Buffer.from(match[1], 'latin1');
  try {
    const path = decodeURIComponent(bytes.toString('utf8'));
    return path.includes('\0') ? undefined : path;
  } catch {
    return undefined;
  }
}
