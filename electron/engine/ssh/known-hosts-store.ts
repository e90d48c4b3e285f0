/**
 * The known_hosts file on disk. Reads are plain; every change re-reads the file,
 * applies the change and replaces the file atomically (temp file + rename), one
 * change at a time per path, so parallel connections that each trust a new host
 * never overwrite each other's entries.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { knownHostsPath } from '../app-paths';
import type { HostKeyLookup, KnownHostsLine } from './known-hosts';
import {
  addHostKey,
  lookupHostKey,
  parseKnownHosts,
  removeHostKeys,
  replaceHostKeys,
  serializeKnownHosts,
} from './known-hosts';

/** One queue per file path, shared by every store object in this process. */
const changeQueues = new Map<string, Promise<unknown>>();

function serialized<T>(path: string, change: () => Promise<T>): Promise<T> {
  const previous = changeQueues.get(path) ?? Promise.resolve();
  const next = previous.then(change, change);
  // Keep the chain alive even when a change fails; the caller still sees the error.
  const settled = next.catch(() => undefined);
  changeQueues.set(path, settled);
  void settled.then(() => {
    if (changeQueues.get(path) === settled) changeQueues.delete(path);
  });
  return next;
}

export class KnownHostsStore {
  constructor(readonly path: string = knownHostsPath()) {}

  /** The parsed file; a missing file is an empty one. */
  async read(): Promise<KnownHostsLine[]> {
    try {
      return parseKnownHosts(await readFile(this.path, 'utf8'));
    } catch (error) {
      if (isMissingFile(error)) return [];
      throw error;
    }
  }

  async lookup(host: string, port: number, keyBlob: Buffer): Promise<HostKeyLookup> {
    return lookupHostKey(await this.read(), host, port, keyBlob);
  }

  /** Records a key for host:port (no-op when already on file). */
  async add(host: string, port: number, keyBlob: Buffer): Promise<void> {
    await this.change((lines) => addHostKey(lines, host, port, keyBlob));
  }

  /** Forgets every key of host:port; returns how many entries were dropped. */
  async forget(host: string, port: number): Promise<number> {
    let removed = 0;
    await this.change((lines) => {
      const result = removeHostKeys(lines, host, port);
      removed = result.removed;
      return result.lines;
    });
    return removed;
  }

  /**
   * Makes each listed host's keys exactly the ones given (hosts whose keys swarmlab made itself,
   * such as the lab's), in one change of the file; returns how many entries went.
   */
  async replace(
    hosts: readonly { host: string; port: number; keyBlobs: readonly Buffer[] }[],
  ): Promise<number> {
    let removed = 0;
    await this.change((lines) =>
      hosts.reduce((current, { host, port, keyBlobs }) => {
        const result = replaceHostKeys(current, host, port, keyBlobs);
        removed += result.removed;
        return result.lines;
      }, lines),
    );
    return removed;
  }

  private change(apply: (lines: KnownHostsLine[]) => KnownHostsLine[]): Promise<void> {
    return serialized(this.path, async () => {
      const before = await this.read();
      const after = apply(before);
      if (serializeKnownHosts(after) === serializeKnownHosts(before)) return;
      await writeFileAtomically(this.path, serializeKnownHosts(after));
    });
  }
}

/** Replaces `path` so readers see either the old or the new file, never half of one. */
async function writeFileAtomically(path: string, content: string): Promise<void> {
  // 0700/0600: the file says which hosts this user administers; keep it private.
  await mkdir(dirname(path), { recursive: true, mode: 0o700 });
  const temporary = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  const handle = await open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(content, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temporary, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}

/**
 * Forgets the key(s) of host:port so the next connection trusts the new key
 * (under the trust-on-first-use policy). This is the deliberate way to accept a
 * changed host key.
 */
export async function forgetHostKey(
  host: string,
  port = 22,
  path: string = knownHostsPath(),
): Promise<number> {
  return new KnownHostsStore(path).forget(host, port);
}
