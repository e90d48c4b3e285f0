import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, rm, utimes } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  KEY_CACHE_IDLE_MS,
  forgetParsedKeys,
  parsedKeyFile,
  parsedKeyText,
} from '../../../electron/engine/ssh/parsed-keys';

const PASSPHRASE = 'correct horse battery';
let dir: string;

/** A passphrase-protected ed25519 key as OpenSSH writes it (bcrypt-pbkdf, like users have). */
function makeKey(name: string, passphrase: string): string {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', passphrase, '-f', path]);
  return path;
}

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-keys-'));
  forgetParsedKeys();
});

afterEach(async () => {
  vi.restoreAllMocks();
  vi.useRealTimers();
  forgetParsedKeys();
  await rm(dir, { recursive: true, force: true });
});

describe('parsed private keys', () => {
  it('reads and decrypts a key once for many connections opened together', async () => {
    const path = makeKey('id', PASSPHRASE);
    const parse = vi.spyOn(ssh2.utils, 'parseKey');
    let reads = 0;
    const read = () => {
      reads += 1;
      return readFile(path);
    };
    const results = await Promise.all(
      Array.from({ length: 20 }, () => parsedKeyFile(path, PASSPHRASE, read)),
    );
    expect(results.every((result) => 'key' in result && result.key.isPrivateKey())).toBe(true);
    expect(reads).toBe(1);
    expect(parse).toHaveBeenCalledTimes(1);
  });

  it('reads a key file again once it changed', async () => {
    const path = makeKey('id', PASSPHRASE);
    let reads = 0;
    const read = () => {
      reads += 1;
      return readFile(path);
    };
    await parsedKeyFile(path, PASSPHRASE, read);
    const later = new Date(Date.now() + 5_000);
    await utimes(path, later, later);
    await parsedKeyFile(path, PASSPHRASE, read);
    expect(reads).toBe(2);
  });

  it('keeps a wrong passphrase apart from the right one, and says what is wrong without secrets', async () => {
    const path = makeKey('id', PASSPHRASE);
    const wrong = await parsedKeyFile(path, 'not it', () => readFile(path));
    expect(wrong).toEqual({ problem: expect.stringMatching(/^cannot use the key: /) });
    expect(JSON.stringify(wrong)).not.toContain(PASSPHRASE);
    const right = await parsedKeyFile(path, PASSPHRASE, () => readFile(path));
    expect('key' in right).toBe(true);
  });

  it('forgets a key nobody asked for during the idle time', async () => {
    const path = makeKey('id', PASSPHRASE);
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    let reads = 0;
    const read = () => {
      reads += 1;
      return readFile(path);
    };
    await parsedKeyFile(path, PASSPHRASE, read);
    vi.advanceTimersByTime(KEY_CACHE_IDLE_MS - 1_000);
    await parsedKeyFile(path, PASSPHRASE, read); // used again: the idle time starts over
    vi.advanceTimersByTime(KEY_CACHE_IDLE_MS - 1_000);
    await parsedKeyFile(path, PASSPHRASE, read);
    expect(reads).toBe(1);
    vi.advanceTimersByTime(KEY_CACHE_IDLE_MS + 1);
    await parsedKeyFile(path, PASSPHRASE, read);
    expect(reads).toBe(2);
  });

  it('does not keep a failed read: the next connection reads again', async () => {
    const path = makeKey('id', PASSPHRASE);
    const failing = () => Promise.reject(Object.assign(new Error('denied'), { code: 'EACCES' }));
    await expect(parsedKeyFile(path, PASSPHRASE, failing)).rejects.toThrow('denied');
    const result = await parsedKeyFile(path, PASSPHRASE, () => readFile(path));
    expect('key' in result).toBe(true);
  });

  it('parses a key given as text once too', async () => {
    const text = await readFile(makeKey('id', PASSPHRASE), 'utf8');
    const parse = vi.spyOn(ssh2.utils, 'parseKey');
    const [first, second] = await Promise.all([
      parsedKeyText(text, PASSPHRASE),
      parsedKeyText(text, PASSPHRASE),
    ]);
    expect(first).toBe(second);
    expect(parse).toHaveBeenCalledTimes(1);
  });
});
