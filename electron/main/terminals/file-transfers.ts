/**
 * The file panel's work in main: listing a node's directories and copying files both ways over
 * the SFTP channel of the node's terminal (engine/ssh/file-transfer.ts: streamed, put in place
 * atomically). Each copy has an id, reports progress a few times a second and can be cancelled;
 * an upload that would replace files says which first and starts nothing.
 */
import { randomUUID } from 'node:crypto';
import { basename, posix } from 'node:path';
import type { FileEntryWithStats, SFTPWrapper, Stats } from 'ssh2';
import type {
  DownloadAnswer,
  DownloadRequest,
  ListFilesRequest,
  RemoteEntry,
  RemoteListing,
  TransferEvent,
  UploadAnswer,
  UploadRequest,
} from '../../contract/files';
import { call, fetchFile, sendFile, type TransferOptions } from '../../engine/ssh/file-transfer';
import type { Dialogs } from '../ipc/handlers/types';
import type { TerminalManager } from './terminal-manager';

export type TransferSink = (event: TransferEvent) => void;

/** Progress is said at most this often (and always at the end). */
const PROGRESS_EVERY_MS = 100;

export class FileTransfers {
  private readonly running = new Map<string, AbortController>();

  constructor(
    private readonly terminals: Pick<TerminalManager, 'sftpOf' | 'directoryOf'>,
    private readonly dialogs: Pick<Dialogs, 'pickFilesToUpload' | 'pickDownloadPath'>,
  ) {}

  /** A directory of the node: the one asked for, else where the shell is, else home. */
  async list(request: ListFilesRequest): Promise<RemoteListing> {
    const sftp = await this.terminals.sftpOf(request.terminalId);
    const wanted = request.path || this.terminals.directoryOf(request.terminalId) || '.';
    const path = await call<string>((done) => sftp.realpath(wanted, done));
    const listed = await call<FileEntryWithStats[]>((done) => sftp.readdir(path, done));
    const entries = listed
      .map(entryOf)
      .sort(
        (a, b) =>
          Number(b.kind === 'directory') - Number(a.kind === 'directory') ||
          a.name.localeCompare(b.name),
      );
    return { path, entries };
  }

  async upload(request: UploadRequest, send: TransferSink): Promise<UploadAnswer> {
    const localPaths = request.localPaths ?? (await this.dialogs.pickFilesToUpload());
    if (!localPaths || localPaths.length === 0) return { status: 'cancelled' };
    const sftp = await this.terminals.sftpOf(request.terminalId);
    const target = (local: string) => posix.join(request.directory, basename(local));
    if (!request.overwrite) {
      const present = await Promise.all(localPaths.map((local) => exists(sftp, target(local))));
      const names = localPaths.filter((_, index) => present[index]).map((local) => basename(local));
      if (names.length > 0) return { status: 'exists', names, localPaths };
    }
    const transfers = localPaths.map((local) =>
      this.start(request.terminalId, 'upload', basename(local), send, (options) =>
        sendFile(sftp, local, target(local), options),
      ),
    );
    return { status: 'started', transfers };
  }

  async download(request: DownloadRequest, send: TransferSink): Promise<DownloadAnswer> {
    const name = posix.basename(request.remotePath);
    const local = await this.dialogs.pickDownloadPath(name);
    if (!local) return { status: 'cancelled' };
    const sftp = await this.terminals.sftpOf(request.terminalId);
    const transfer = this.start(request.terminalId, 'download', name, send, (options) =>
      fetchFile(sftp, request.remotePath, local, options),
    );
    return { status: 'started', transfer };
  }

  cancel(transfer: string): boolean {
    const controller = this.running.get(transfer);
    controller?.abort();
    return controller !== undefined;
  }

  /** Runs one copy in the background, saying its progress and its end. */
  private start(
    terminalId: string,
    direction: TransferEvent['direction'],
    name: string,
    send: TransferSink,
    copy: (options: TransferOptions) => Promise<unknown>,
  ): string {
    const transfer = randomUUID();
    const controller = new AbortController();
    this.running.set(transfer, controller);
    const said = { transfer, terminalId, direction, name };
    let last = { done: 0, total: 0 };
    let saidAt = 0;
    const onProgress = (done: number, total: number) => {
      last = { done, total };
      const now = Date.now();
      if (now - saidAt < PROGRESS_EVERY_MS) return;
      saidAt = now;
      send({ ...said, ...last, state: 'running' });
    };
    void copy({ onProgress, signal: controller.signal })
      .then(
        () => send({ ...said, done: last.total, total: last.total, state: 'done' }),
        (error: unknown) =>
          send({
            ...said,
            ...last,
            ...(controller.signal.aborted
              ? { state: 'cancelled' }
              : {
                  state: 'failed',
                  message: error instanceof Error ? error.message : String(error),
                }),
          }),
      )
      .finally(() => this.running.delete(transfer));
    return transfer;
  }
}

function entryOf(entry: FileEntryWithStats): RemoteEntry {
  const attrs = entry.attrs;
  return {
    name: entry.filename,
    kind: attrs.isDirectory()
      ? 'directory'
      : attrs.isFile()
        ? 'file'
        : attrs.isSymbolicLink()
          ? 'link'
          : 'other',
    size: attrs.size,
    modified: attrs.mtime,
  };
}

async function exists(sftp: SFTPWrapper, path: string): Promise<boolean> {
  return call<Stats>((done) => sftp.lstat(path, done)).then(
    () => true,
    () => false,
  );
}
