/**
 * Up to a few hundred SSH endpoints on this machine, for the fan-out benchmark: OpenSSH servers
 * listening on 127.0.2.1, 127.0.2.2, … (all of 127/8 is local on Linux, nothing to configure).
 * One sshd takes at most 16 ListenAddress entries, so there is one sshd per 16 addresses, each
 * with its own host key, config and pid file in a private temp folder. Root logs in with a
 * throwaway key that only these servers accept (their own AuthorizedKeysFile): nothing in
 * /root/.ssh or /etc/ssh is touched, and `stop()` removes every trace.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mustRun } from './util';

const SSHD = '/usr/sbin/sshd';
const ADDRESSES_PER_SSHD = 16;

export interface LoopbackSshd {
  addresses: string[];
  port: number;
  /** Private key root logs in with. */
  keyFile: string;
  dir: string;
  stop(): Promise<void>;
}

export function loopbackAddress(index: number): string {
  // 127.0.2.1 … 127.0.2.254, then 127.0.3.1 …
  return `127.0.${2 + Math.floor(index / 254)}.${(index % 254) + 1}`;
}

export async function startLoopbackSshd(count: number, port = 2222): Promise<LoopbackSshd> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-bench-sshd-'));
  const children: ChildProcess[] = [];
  const stop = async (): Promise<void> => {
    for (const child of children) {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid, 'SIGTERM');
    }
    await Promise.all(
      children.map((child) =>
        child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
      ),
    );
    await rm(dir, { recursive: true, force: true });
  };
  try {
    // sshd's privilege separation needs this folder; a machine that never ran sshd lacks it.
    await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
    const keyFile = join(dir, 'client_ed25519');
    await mustRun([
      'ssh-keygen',
      '-q',
      '-t',
      'ed25519',
      '-N',
      '',
      '-C',
      'swarmlab-bench',
      '-f',
      keyFile,
    ]);
    const authorizedKeys = join(dir, 'authorized_keys');
    await writeFile(authorizedKeys, await readFile(`${keyFile}.pub`), { mode: 0o600 });

    const emptyRc = join(dir, 'bashrc');
    await writeFile(emptyRc, '# stock root profile for the bench endpoints: nothing\n');
    const addresses = Array.from({ length: count }, (_, index) => loopbackAddress(index));
    for (let first = 0; first < count; first += ADDRESSES_PER_SSHD) {
      const group = addresses.slice(first, first + ADDRESSES_PER_SSHD);
      const name = `sshd${first / ADDRESSES_PER_SSHD}`;
      const hostKey = join(dir, `${name}_host_ed25519`);
      await mustRun(['ssh-keygen', '-q', '-t', 'ed25519', '-N', '', '-f', hostKey]);
      const config = join(dir, `${name}.conf`);
      await writeFile(
        config,
        [
          `Port ${port}`,
          ...group.map((address) => `ListenAddress ${address}`),
          `HostKey ${hostKey}`,
          `PidFile ${join(dir, `${name}.pid`)}`,
          `AuthorizedKeysFile ${authorizedKeys}`,
          'PermitRootLogin prohibit-password',
          'PasswordAuthentication no',
          'KbdInteractiveAuthentication no',
          'UsePAM no',
          // The key lives in a temp folder under /tmp (world-writable), which StrictModes refuses.
          'StrictModes no',
          'UseDNS no',
          // All endpoints are hit at once: without this, sshd drops connections past 10 pending.
          'MaxStartups 1000',
          'MaxSessions 100',
          'LogLevel ERROR',
          '',
        ].join('\n'),
        { mode: 0o600 },
      );
      await mustRun([SSHD, '-t', '-f', config]);
      // Root's ~/.bashrc on a workstation runs whatever its owner put there (pyenv's rehash, which
      // takes a lock, made every login wait its turn or time out at 60 s), and bash sources it
      // for ssh commands. The endpoints should behave like a server's root with a stock profile:
      // each sshd runs in a mount namespace of its own where ~/.bashrc is an empty file. Nothing
      // changes outside that namespace; unshare and sh exec, so the pid is sshd's.
      const child = spawn(
        'unshare',
        [
          '--mount',
          '--propagation',
          'private',
          '--',
          'sh',
          '-c',
          'if [ -e "$HOME/.bashrc" ]; then mount --bind "$0" "$HOME/.bashrc" || exit 1; fi; exec "$1" -D -e -f "$2"',
          emptyRc,
          SSHD,
          config,
        ],
        { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, HOME: '/root' } },
      );
      child.stderr?.on('data', () => undefined);
      children.push(child);
    }
    await Promise.all(addresses.map((address) => waitForPort(address, port)));
    return { addresses, port, keyFile, dir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

async function waitForPort(host: string, port: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host, port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`no sshd answers on ${host}:${port}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
