/**
 * Parsed private keys, shared by the connections of a run. Decrypting a passphrase-protected
 * OpenSSH key runs bcrypt-pbkdf (about 0.3 s of CPU here, on the main thread); done once per
 * connection, 100 hosts cost half a minute and every reconnect paid again. A key is parsed
 * once, and kept only while connections keep asking for it: an entry is dropped when unused
 * for `KEY_CACHE_IDLE_MS`, so decrypted keys do not linger in a long-running app.
 */
import { createHash } from 'node:crypto';
import { stat } from 'node:fs/promises';
import ssh2 from 'ssh2';
import type { ParsedKey } from 'ssh2';

export const KEY_CACHE_IDLE_MS = 60_000;

/** What parsing gave: the private key, or why it cannot be used (never key material). */
export type KeyParseResult = { key: ParsedKey } | { problem: string };

interface Entry {
  /** A promise, so connections opened together wait for the one parse in flight. */
  result: Promise<KeyParseResult>;
  timer: NodeJS.Timeout;
}

const entries = new Map<string, Entry>();

/** Identifies a key source without holding the passphrase itself. */
function cacheKey(source: string, passphrase: string | undefined): string {
  return createHash('sha256')
    .update(source)
    .update('\0')
    .update(passphrase ?? '\0none')
    .digest('hex');
}

function remember(id: string, result: Promise<KeyParseResult>): void {
  const previous = entries.get(id);
  if (previous) clearTimeout(previous.timer);
  const timer = setTimeout(() => entries.delete(id), KEY_CACHE_IDLE_MS);
  timer.unref();
  entries.set(id, { result, timer });
}

function parse(data: Buffer | string, passphrase: string | undefined): KeyParseResult {
  const parsed = ssh2.utils.parseKey(data, passphrase);
  // ssh2's messages name the problem (encrypted, bad passphrase, unsupported) and never
  // include key material or the passphrase.
  if (parsed instanceof Error) return { problem: `cannot use the key: ${parsed.message}` };
  const key = Array.isArray(parsed) ? parsed[0] : parsed;
  if (!key?.isPrivateKey()) return { problem: 'not a private key' };
  return { key };
}

/**
 * The parsed key in a file. A file that changed (size or modification time) is read again;
 * `read` is only called when the cache has no answer.
 */
export async function parsedKeyFile(
  path: string,
  passphrase: string | undefined,
  read: () => Promise<Buffer>,
): Promise<KeyParseResult> {
  const info = await stat(path);
  const id = cacheKey(`file\0${path}\0${info.size}\0${info.mtimeMs}`, passphrase);
  const cached = entries.get(id)?.result;
  const result = cached ?? read().then((data) => parse(data, passphrase));
  remember(id, result);
  // A read that failed is not an answer to keep: the next connection tries again.
  if (!cached) {
    result.catch(() => {
      const entry = entries.get(id);
      if (entry?.result !== result) return;
      clearTimeout(entry.timer);
      entries.delete(id);
    });
  }
  return result;
}

/** The parsed key given as text. */
export function parsedKeyText(
  text: string,
  passphrase: string | undefined,
): Promise<KeyParseResult> {
  const id = cacheKey(`text\0${text}`, passphrase);
  const result = entries.get(id)?.result ?? Promise.resolve(parse(text, passphrase));
  remember(id, result);
  return result;
}

/** Forgets every parsed key (tests; and an app that wants them gone at once). */
export function forgetParsedKeys(): void {
  for (const entry of entries.values()) clearTimeout(entry.timer);
  entries.clear();
}
