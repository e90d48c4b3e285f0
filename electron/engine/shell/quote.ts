/**
 * POSIX shell quoting. Every command the engine sends to a host is assembled from
 * values passed through `shellQuote`, so no value can ever be read by the remote
 * shell as syntax (`$()`, backticks, `;`, globs, newlines...).
 */

/**
 * Quotes one value as a single shell word that `sh` reads back byte for byte.
 *
 * Inside single quotes POSIX sh interprets nothing at all, so the only character
 * that needs care is the single quote itself: we close the quote, add an escaped
 * quote, and reopen (`'\''`). The empty string becomes `''` so it still counts as
 * one (empty) argument. Words of plain characters (letters, digits, `_@%+=:,./-`) are left
 * bare: no shell reads anything special in them.
 */
/** Words made only of these need no quotes: people read the commands in logs and reports. */
const SAFE_WORD = /^[A-Za-z0-9_@%+=:,./-]+$/;

export function shellQuote(value: string): string {
  if (SAFE_WORD.test(value)) return value;
  if (value.includes('\0')) {
    // A NUL byte cannot travel in an argv entry: the remote side would silently
    // truncate the value, so refuse instead of sending something else.
    throw new TypeError('shellQuote: a value must not contain a NUL byte');
  }
  return `'${value.replaceAll("'", `'\\''`)}'`;
}

/** Quotes each value and joins them with spaces: `shellJoin(['rm', '-f', path])`. */
export function shellJoin(words: readonly string[]): string {
  return words.map(shellQuote).join(' ');
}
