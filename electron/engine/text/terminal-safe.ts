/**
 * Text from a host (os-release fields, command output, error messages that quote it) made safe
 * to print on a terminal or to write into a text file people `cat`: a terminal acts on control
 * characters instead of showing them, so a hostile host could set the window title (OSC 0),
 * write the clipboard (OSC 52), clear or rewrite the screen (CSI), or reorder what is read
 * (bidirectional overrides). Every such character is replaced by a visible stand-in, so the
 * words stay readable and nothing is hidden:
 *
 * - ESC and the other C0 controls become their Unicode control pictures (ESC → ␛, BEL → ␇,
 *   a lone CR → ␍); tab, newline and the CR of a CRLF stay, they only move the cursor.
 * - DEL becomes ␡; C1 controls (U+0080–U+009F, among them the 8-bit CSI U+009B) become `\x9b`.
 * - Bidirectional embeddings, overrides and isolates become `\u202e` and the like.
 * - Colour (SGR, `ESC [ … m`) is dropped: it is what tools print routinely, and showing it
 *   would only clutter; dropping it also undoes concealed or invisible text.
 *
 * The journal keeps what the host said byte for byte; this applies where text is shown.
 */

// eslint-disable-next-line no-control-regex -- colour sequences are what is matched here
const SGR = /\x1b\[[0-9;:]*m/g;

/**
 * What a terminal acts on: C0 but tab and newline (a CR only when no newline follows), DEL,
 * C1, bidirectional embeddings/overrides (U+202A–U+202E) and isolates (U+2066–U+2069).
 */
const UNSAFE =
  // eslint-disable-next-line no-control-regex -- control characters are what is matched here
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]|\r(?!\n)/g;

/** Control pictures start at U+2400 for NUL; DEL has its own at U+2421. */
const CONTROL_PICTURES = 0x2400;
const DEL_PICTURE = '\u2421';

function visible(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20) return String.fromCodePoint(CONTROL_PICTURES + code);
  if (code === 0x7f) return DEL_PICTURE;
  const hex = code.toString(16);
  return code <= 0xff ? `\\x${hex}` : `\\u${hex.padStart(4, '0')}`;
}

/** The text with colour dropped and every other character a terminal would act on made visible. */
export function terminalSafe(text: string): string {
  return text.replace(SGR, '').replace(UNSAFE, visible);
}

const UNSAFE_ANYWHERE = new RegExp(UNSAFE.source);

/** Whether the text holds a character {@link terminalSafe} would change (colour included). */
export function hasControlCharacters(text: string): boolean {
  return UNSAFE_ANYWHERE.test(text);
}

/**
 * JSON text with the characters JSON.stringify leaves raw but a terminal acts on (DEL, C1,
 * bidirectional controls) written as `\u` escapes: still the same JSON values, byte-safe to print.
 */
const JSON_UNESCAPED_CONTROLS = /[\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

export function terminalSafeJson(json: string): string {
  return json.replace(
    JSON_UNESCAPED_CONTROLS,
    (char) => `\\u${(char.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`,
  );
}
