/**
 * `swarmlab cp -f lab.yaml SOURCE DESTINATION`: one file to or from an inventory host, over SFTP
 * on a login made the way a run makes it (host-access.ts), streamed, and put in place
 * atomically (engine/ssh/file-transfer.ts). One side is `HOST:PATH`, the host named as the
 * inventory names it; a relative remote path starts at the login's home, as with scp.
 */
import type { Command } from 'commander';
import type { SFTPWrapper } from 'ssh2';
import { closeConnection, openConnection, type OpenConnection } from '../../engine/ssh/connect';
import { fetchFile, sendFile, type TransferResult } from '../../engine/ssh/file-transfer';
import { terminalSafe } from '../../engine/text/terminal-safe';
import { accessHost, findHost, NOT_RUN_EXIT } from '../host-access';
import { loadInventoryOrExplain } from './apply';

interface CpFlags {
  file: string;
  yes?: boolean;
}

/** `HOST:PATH` (`[IPv6]:PATH`), or undefined for a local path (write `./a:b` for a local one). */
export function remoteSpec(spec: string): { host: string; path: string } | undefined {
  const match = /^(?:\[([^\]]+)\]|([^:/[\]]+)):(.*)$/.exec(spec);
  if (!match) return undefined;
  const host = match[1] ?? match[2] ?? '';
  // An empty path is the home directory, as with scp.
  return { host, path: match[3] || '.' };
}

export function registerCpCommand(program: Command): void {
  program
    .command('cp')
    .description(
      "Copy a file to or from an inventory host over SFTP with swarmlab's key and known_hosts: `cp LOCAL HOST:PATH` or `cp HOST:PATH LOCAL`. The copy appears whole or not at all.",
    )
    .argument('<source>', 'a local file, or HOST:PATH')
    .argument('<destination>', 'HOST:PATH, or a local file or directory')
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('-y, --yes', "trust the host's key if it is seen for the first time")
    .action(async (source: string, destination: string, flags: CpFlags) => {
      process.exitCode = await cp(source, destination, flags);
    });
}

async function cp(source: string, destination: string, flags: CpFlags): Promise<number> {
  const from = remoteSpec(source);
  const to = remoteSpec(destination);
  if ((from === undefined) === (to === undefined)) {
    process.stderr.write(
      'swarmlab cp: one side must be HOST:PATH and the other a local path, e.g. `swarmlab cp -f lab.yaml ./app.tar node01:/root/`\n',
    );
    return 2;
  }
  const remote = from ?? to;
  if (!remote) return 2;
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const found = findHost(inventory, remote.host);
  if ('error' in found) {
    process.stderr.write(`swarmlab cp: ${terminalSafe(found.error)}\n`);
    return 2;
  }
  const access = await accessHost(inventory, found.host, { yes: flags.yes === true, sudo: false });
  if (!access) return NOT_RUN_EXIT;
  let connection: OpenConnection | undefined;
  const cancel = new AbortController();
  const onInterrupt = () => cancel.abort(new Error('interrupted'));
  process.once('SIGINT', onInterrupt);
  try {
    connection = await access.withLogin((target) =>
      openConnection(target, found.host.id, access.connect),
    );
    const sftp = await openSftp(connection);
    const options = { onProgress: progressLine(), signal: cancel.signal };
    const copied: TransferResult = from
      ? await fetchFile(sftp, from.path, destination, options)
      : await sendFile(sftp, source, remote.path, options);
    const where = from ? copied.path : `${found.host.id}:${copied.path}`;
    process.stderr.write(`${clearLine()}Copied ${copied.bytes} bytes to ${terminalSafe(where)}\n`);
    return 0;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`${clearLine()}swarmlab cp: ${terminalSafe(message)}\n`);
    return 1;
  } finally {
    process.off('SIGINT', onInterrupt);
    if (connection) closeConnection(connection);
  }
}

function openSftp(connection: OpenConnection): Promise<SFTPWrapper> {
  return new Promise((resolve, reject) =>
    connection.client.sftp((error, sftp) => (error ? reject(error) : resolve(sftp))),
  );
}

/** Percent done on a terminal, at most ten times a second; nothing when stderr is a file. */
function progressLine(): ((done: number, total: number) => void) | undefined {
  if (!process.stderr.isTTY) return undefined;
  let shownAt = 0;
  return (done, total) => {
    const now = Date.now();
    if (now - shownAt < 100 && done < total) return;
    shownAt = now;
    const percent = total > 0 ? Math.floor((done / total) * 100) : 100;
    process.stderr.write(`\r${percent}% of ${total} bytes`);
  };
}

function clearLine(): string {
  return process.stderr.isTTY ? '\r\u001b[K' : '';
}
