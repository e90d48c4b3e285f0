/**
 * Whole files both ways over one SFTP channel, streamed (memory stays bounded whatever the
 * size) and put in place atomically: written under a temporary name beside the target, then
 * renamed over it, so nobody ever reads a half-copied file and a failed or cancelled copy
 * leaves the old file as it was (the temporary one is removed).
 */
import { randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, posix } from 'node:path';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { SFTPWrapper, Stats } from 'ssh2';

export interface TransferOptions {
  /** Bytes moved so far, and the file's size. */
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
}

export interface TransferResult {
  /** Where the file is now (a directory target gets the source's name). */
  path: string;
  bytes: number;
}

/** Copies a local file to the host; a remote directory (or a path ending in /) gets its name. */
export async function sendFile(
  sftp: SFTPWrapper,
  localPath: string,
  remotePath: string,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const local = await stat(localPath);
  if (!local.isFile()) throw new Error(`${localPath} is not a file`);
  const target = (await remoteIsDirectory(sftp, remotePath))
    ? posix.join(remotePath, basename(localPath))
    : remotePath;
  const temporary = posix.join(posix.dirname(target), temporaryName(target));
  try {
    await pipeline(
      createReadStream(localPath),
      counter(local.size, options.onProgress),
      sftp.createWriteStream(temporary, { flags: 'wx', mode: 0o600 }),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
    await call((done) => sftp.chmod(temporary, local.mode & 0o7777, done));
    // posix-rename replaces the target in one step; plain SFTP rename refuses an existing one.
    await call((done) => sftp.ext_openssh_rename(temporary, target, done));
  } catch (error) {
    await call((done) => sftp.unlink(temporary, done)).catch(() => undefined);
    throw new Error(`Copying ${localPath} to ${target} failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return { path: target, bytes: local.size };
}

/** Copies a file from the host; a local directory gets its name. */
export async function fetchFile(
  sftp: SFTPWrapper,
  remotePath: string,
  localPath: string,
  options: TransferOptions = {},
): Promise<TransferResult> {
  const remote = await call<Stats>((done) => sftp.stat(remotePath, done)).catch((error) => {
    throw new Error(`${remotePath}: ${messageOf(error)}`);
  });
  if (!remote.isFile()) throw new Error(`${remotePath} is not a file`);
  const target = (await localIsDirectory(localPath))
    ? join(localPath, posix.basename(remotePath))
    : localPath;
  const temporary = join(dirname(target), temporaryName(target));
  try {
    await pipeline(
      sftp.createReadStream(remotePath),
      counter(remote.size, options.onProgress),
      createWriteStream(temporary, { flags: 'wx', mode: remote.mode & 0o777 }),
      ...(options.signal ? [{ signal: options.signal }] : []),
    );
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new Error(`Copying ${remotePath} to ${target} failed: ${messageOf(error)}`, {
      cause: error,
    });
  }
  return { path: target, bytes: remote.size };
}

/** A hidden name beside the target that no other copy uses. */
function temporaryName(target: string): string {
  return `.${posix.basename(target)}.swarmlab-${randomBytes(6).toString('hex')}.part`;
}

function counter(total: number, onProgress: TransferOptions['onProgress']): Transform {
  let done = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, next) {
      done += chunk.length;
      onProgress?.(done, total);
      next(null, chunk);
    },
  });
}

async function remoteIsDirectory(sftp: SFTPWrapper, path: string): Promise<boolean> {
  if (path.endsWith('/')) return true;
  const found = await call<Stats>((done) => sftp.stat(path, done)).catch(() => undefined);
  return found?.isDirectory() ?? false;
}

async function localIsDirectory(path: string): Promise<boolean> {
  if (path.endsWith('/')) return true;
  return (await stat(path).catch(() => undefined))?.isDirectory() ?? false;
}

/** An ssh2 callback call as a promise. */
export function call<T = void>(
  start: (done: (error: Error | null | undefined, value: T) => void) => void,
) {
  return new Promise<T>((resolve, reject) =>
    start((error, value) => (error ? reject(error) : resolve(value))),
  );
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
