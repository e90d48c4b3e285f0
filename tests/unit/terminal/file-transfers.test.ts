/**
 * The file panel's work in main, on a local stand-in for SFTP: listing where the shell is,
 * uploads that ask before replacing, copies put in place whole, a cancelled copy leaving nothing.
 */
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SFTPWrapper } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TransferEvent } from '../../../electron/contract/files';
import { FileTransfers } from '../../../electron/main/terminals/file-transfers';
import { localSftp } from '../helpers/local-sftp';

let root: string;
let remote: string;
let local: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'swarmlab-files-'));
  remote = join(root, 'remote');
  local = join(root, 'local');
  await mkdir(join(remote, 'app', 'logs'), { recursive: true });
  await mkdir(local);
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

function transfersOn(sftp: SFTPWrapper, directory?: string, download?: string) {
  return new FileTransfers(
    { sftpOf: async () => sftp, directoryOf: () => directory },
    {
      pickFilesToUpload: async () => [join(local, 'app.tar')],
      pickDownloadPath: async (name) => download ?? join(local, name),
    },
  );
}

/** Collects a copy's events until it ends. */
function until(end: (events: TransferEvent[]) => boolean) {
  const events: TransferEvent[] = [];
  let finish: () => void = () => undefined;
  const ended = new Promise<void>((resolve) => (finish = resolve));
  const send = (event: TransferEvent) => {
    events.push(event);
    if (end(events)) finish();
  };
  return { events, send, ended };
}
const finished = (events: TransferEvent[]) => events.some((event) => event.state !== 'running');

describe('FileTransfers', () => {
  it('lists where the shell says it is, else home, folders first', async () => {
    await writeFile(join(remote, 'app', 'a.txt'), 'a');
    await writeFile(join(remote, 'app', 'B.txt'), 'bb');
    const atShell = await transfersOn(localSftp(remote), join(remote, 'app')).list({
      terminalId: 't1',
    });
    expect(atShell.path).toBe(join(remote, 'app'));
    expect(atShell.entries.map((entry) => [entry.name, entry.kind, entry.size])).toEqual([
      ['logs', 'directory', expect.any(Number)],
      ['a.txt', 'file', 1],
      ['B.txt', 'file', 2],
    ]);
    const atHome = await transfersOn(localSftp(remote)).list({ terminalId: 't1' });
    expect(atHome.path).toBe(remote);
  });

  it('says which files an upload would replace and sends nothing, then replaces them whole when told to', async () => {
    await writeFile(join(local, 'app.tar'), 'new contents');
    await writeFile(join(remote, 'app', 'app.tar'), 'old');
    const files = transfersOn(localSftp(remote));
    const request = { terminalId: 't1', directory: join(remote, 'app') };
    const first = until(finished);
    expect(await files.upload({ ...request, overwrite: false }, first.send)).toEqual({
      status: 'exists',
      names: ['app.tar'],
      localPaths: [join(local, 'app.tar')],
    });
    expect(await readFile(join(remote, 'app', 'app.tar'), 'utf8')).toBe('old');

    const copy = until(finished);
    const answer = await files.upload({ ...request, overwrite: true }, copy.send);
    expect(answer.status).toBe('started');
    await copy.ended;
    expect(copy.events.at(-1)).toMatchObject({
      direction: 'upload',
      name: 'app.tar',
      state: 'done',
      done: 12,
      total: 12,
    });
    expect(await readFile(join(remote, 'app', 'app.tar'), 'utf8')).toBe('new contents');
    expect(await readdir(join(remote, 'app'))).toEqual(['app.tar', 'logs']);
  });

  it('stops a download when cancelled: nothing is left where it was going, and it says so', async () => {
    await writeFile(join(remote, 'big.bin'), Buffer.alloc(2 * 1024 * 1024, 7));
    const files = transfersOn(localSftp(remote, { delayPerChunkMs: 20 }));
    const copy = until(finished);
    const answer = await files.download({ terminalId: 't1', remotePath: 'big.bin' }, copy.send);
    if (answer.status !== 'started') throw new Error('the download did not start');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(files.cancel(answer.transfer)).toBe(true);
    await copy.ended;
    expect(copy.events.at(-1)?.state).toBe('cancelled');
    expect(copy.events.at(-1)?.done).toBeLessThan(2 * 1024 * 1024);
    expect(await readdir(local)).toEqual([]);
    expect(files.cancel(answer.transfer)).toBe(false);
  });
});
