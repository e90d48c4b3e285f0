/**
 * An SFTP client for unit tests that works on this machine's disk: the calls
 * engine/ssh/file-transfer.ts and the file panel make, with ssh2's callback shapes. Streams
 * can be slowed to let a test cancel in the middle.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { chmod, lstat, readdir, realpath, rename, stat, unlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import type { SFTPWrapper } from 'ssh2';

type Callback<T> = (error: Error | null | undefined, value: T) => void;

function settle<T>(work: Promise<T>, done: Callback<T>): void {
  work.then(
    (value) => done(undefined, value),
    (error: Error) => done(error, undefined as T),
  );
}

function statsOf(path: string, follow: boolean) {
  return (follow ? stat(path) : lstat(path)).then((found) => ({
    mode: found.mode,
    uid: found.uid,
    gid: found.gid,
    size: found.size,
    atime: Math.floor(found.atimeMs / 1000),
    mtime: Math.floor(found.mtimeMs / 1000),
    isDirectory: () => found.isDirectory(),
    isFile: () => found.isFile(),
    isSymbolicLink: () => found.isSymbolicLink(),
  }));
}

/** `home` stands for the login's home: relative paths start there. */
export function localSftp(home: string, options: { delayPerChunkMs?: number } = {}): SFTPWrapper {
  const at = (path: string) => resolve(home, path);
  const slow = (stream: Readable): Readable =>
    options.delayPerChunkMs
      ? stream.pipe(
          new Transform({
            transform(chunk: Buffer, _encoding, next) {
              setTimeout(() => next(null, chunk), options.delayPerChunkMs);
            },
          }),
        )
      : stream;
  const fake = {
    createWriteStream: (path: string, flags: { flags?: string; mode?: number }) =>
      createWriteStream(at(path), { flags: flags.flags ?? 'w', mode: flags.mode ?? 0o644 }),
    createReadStream: (path: string) =>
      slow(createReadStream(at(path), { highWaterMark: 64 * 1024 })),
    chmod: (path: string, mode: number, done: Callback<void>) =>
      settle(chmod(at(path), mode), done),
    ext_openssh_rename: (from: string, to: string, done: Callback<void>) =>
      settle(rename(at(from), at(to)), done),
    unlink: (path: string, done: Callback<void>) => settle(unlink(at(path)), done),
    stat: (path: string, done: Callback<unknown>) => settle(statsOf(at(path), true), done),
    lstat: (path: string, done: Callback<unknown>) => settle(statsOf(at(path), false), done),
    realpath: (path: string, done: Callback<string>) => settle(realpath(at(path)), done),
    readdir: (path: string, done: Callback<unknown>) =>
      settle(
        readdir(at(path)).then((names) =>
          Promise.all(
            names.map(async (filename) => ({
              filename,
              longname: filename,
              attrs: await statsOf(join(at(path), filename), false),
            })),
          ),
        ),
        done,
      ),
  };
  return fake as unknown as SFTPWrapper;
}
