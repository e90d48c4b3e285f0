import { spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import {
  chmod,
  chown,
  copyFile,
  mkdir,
  readdir,
  readFile,
  rm,
  rmdir,
  writeFile,
} from 'node:fs/promises';
import { connect } from 'node:net';
import { join } from 'node:path';
import { hashPassword, randomMachineId, withPasswordHashes } from './identity';
import { pathExists } from './path-exists';
import { LAB_SUDO_USER, SYSTEMD_CGROUP_HIERARCHIES } from './paths';
import type { HostLayout } from './paths';
import { searchPath } from './preflight';
import {
  findContainerInit,
  findNspawnProcesses,
  isNspawnFor,
  isProcessAlive,
  killQuietly,
  waitForExit,
} from './processes';
import { renderResolvConf } from './resolv';
import type { HostState } from './state';

/** One lab host's life: a fresh upper dir, a detached systemd-nspawn, and stopping it by PID. */

export const SSH_PORT = 22;

export function netnsPath(host: HostLayout): string {
  return `/run/netns/${host.netns}`;
}

/** A host's own cgroup in one of the hierarchies systemd tracks units in. */
export interface HostCgroup {
  /** Where the hierarchy is mounted, e.g. /sys/fs/cgroup/unified. */
  hierarchy: string;
  /** The host's cgroup there; systemd-nspawn puts the container in its `payload`. */
  dir: string;
}

/** The systemd-nspawn command line for a host; see LAB.md for why each flag is there. */
export function nspawnArgs(
  baseDir: string,
  host: HostLayout,
  cgroups: readonly HostCgroup[] = [],
): string[] {
  return [
    '--boot',
    `--directory=${baseDir}`,
    // The base stays read-only and shared; all of this host's writes land in its upper dir.
    `--overlay=${baseDir}:${host.upperDir}:/`,
    `--network-namespace-path=${netnsPath(host)}`,
    `--machine=${host.name}`,
    // No systemd on the machine to register with or to own a scope unit.
    '--register=no',
    '--keep-unit',
    // dockerd inside needs the full capability set and a writable cgroup tree.
    '--capability=all',
    '--bind=/sys/fs/cgroup',
    // The container's cgroup namespace starts at its payload cgroup: show it that cgroup as the
    // root of the hierarchies its systemd writes units to, as a cgroup mount would.
    ...cgroups.map(({ hierarchy, dir }) => `--bind=${join(dir, 'payload')}:${hierarchy}`),
    '--console=passive',
  ];
}

export interface HostSecrets {
  rootPassword: string;
  sudoPassword: string;
}

/**
 * Gives the host a brand-new upper dir holding only its identity: machine id,
 * hostname, host keys, passwords and resolver. Everything else comes from the base.
 */
export async function prepareFreshUpper(
  baseDir: string,
  host: HostLayout,
  secrets: HostSecrets,
  nameservers: readonly string[],
): Promise<void> {
  await rm(host.upperDir, { recursive: true, force: true });
  const etc = join(host.upperDir, 'etc');
  await mkdir(join(etc, 'ssh'), { recursive: true, mode: 0o755 });

  const keySource = join(host.identityDir, 'etc/ssh');
  for (const name of await readdir(keySource)) {
    await copyFile(join(keySource, name), join(etc, 'ssh', name));
    await chmod(join(etc, 'ssh', name), name.endsWith('.pub') ? 0o644 : 0o600);
  }
  await writeFile(join(etc, 'machine-id'), `${randomMachineId()}\n`, { mode: 0o444 });
  await writeFile(join(etc, 'hostname'), `${host.name}\n`);
  // sudo resolves the host's own name; without this line it stalls and complains.
  await writeFile(
    join(etc, 'hosts'),
    `127.0.0.1\tlocalhost\n127.0.1.1\t${host.name}\n::1\tlocalhost ip6-localhost ip6-loopback\n`,
  );
  await writeFile(join(etc, 'resolv.conf'), renderResolvConf(nameservers));

  const [rootHash, sudoHash] = await Promise.all([
    hashPassword(secrets.rootPassword),
    hashPassword(secrets.sudoPassword),
  ]);
  const baseShadow = await readFile(join(baseDir, 'etc/shadow'), 'utf8');
  const hashes = new Map([
    ['root', rootHash],
    [LAB_SUDO_USER, sudoHash],
  ]);
  const shadowPath = join(etc, 'shadow');
  await writeFile(shadowPath, withPasswordHashes(baseShadow, hashes), { mode: 0o640 });
  await chown(shadowPath, 0, await groupId(baseDir, 'shadow'));
}

async function groupId(rootDir: string, group: string): Promise<number> {
  const groups = await readFile(join(rootDir, 'etc/group'), 'utf8');
  const line = groups.split('\n').find((entry) => entry.startsWith(`${group}:`));
  const gid = Number(line?.split(':')[2]);
  if (!Number.isInteger(gid)) throw new Error(`group ${group} missing from the base image`);
  return gid;
}

/**
 * Starts the host's systemd-nspawn in its own session (`detached`), stdin from
 * /dev/null and output to the host's console log, so it outlives the command
 * that started it. Returns the nspawn PID and the container init's PID.
 */
export async function bootHost(
  baseDir: string,
  host: HostLayout,
): Promise<{ nspawnPid: number; initPid: number }> {
  const already = await findNspawnProcesses(netnsPath(host));
  if (already.some((found) => found.netnsPath === netnsPath(host))) {
    // Two containers on one namespace and upper dir corrupt each other silently.
    throw new Error(`${host.name} is already running; stop it first`);
  }
  await mkdir(host.dir, { recursive: true });
  const ownCgroups = await prepareHostCgroups(host);
  // The shell moves itself into the host's cgroups, then becomes systemd-nspawn (same PID).
  const [command, ...args] =
    ownCgroups.length > 0
      ? [
          'sh',
          '-c',
          'for procs in $1; do echo $$ > "$procs" || exit 1; done; shift; exec systemd-nspawn "$@"',
          'sh',
          ownCgroups.map(({ dir }) => join(dir, 'cgroup.procs')).join(' '),
          ...nspawnArgs(baseDir, host, ownCgroups),
        ]
      : ['systemd-nspawn', ...nspawnArgs(baseDir, host)];
  const logFd = openSync(host.consoleLog, 'a');
  const child = (() => {
    try {
      return spawn(command as string, args, {
        detached: true,
        stdio: ['ignore', logFd, logFd],
        // Without seccomp filtering, dockerd inside can create session keyrings.
        env: { ...process.env, PATH: searchPath().join(':'), SYSTEMD_SECCOMP: '0' },
      });
    } finally {
      // The child holds its own copy of the descriptor.
      closeSync(logFd);
    }
  })();
  const spawnError = new Promise<never>((_, reject) => child.once('error', reject));
  child.unref();
  const nspawnPid = child.pid;
  if (nspawnPid === undefined) await spawnError;
  const initPid = await Promise.race([waitForInit(host, nspawnPid as number), spawnError]);
  return { nspawnPid: nspawnPid as number, initPid };
}

/**
 * On a cgroup v1 (hybrid) machine every host sees the whole hierarchy (`--bind=/sys/fs/cgroup`,
 * which dockerd inside needs), and each host's systemd puts its units under the cgroup it
 * started in. Started from the same cgroup, all hosts' systemd would share
 * /system.slice/ssh.service and the like: one host removing a unit's cgroup while another
 * starts the same unit fails that start ("Failed at step CGROUP"), and a failed
 * systemd-user-sessions leaves /run/nologin behind, locking every user but root out. So each
 * host starts in fresh cgroups of its own. Returns them (none where the machine has neither
 * hierarchy, as on a pure cgroup v2 machine).
 */
async function prepareHostCgroups(host: HostLayout): Promise<HostCgroup[]> {
  const cgroups: HostCgroup[] = [];
  for (const hierarchy of SYSTEMD_CGROUP_HIERARCHIES) {
    if (!(await pathExists(join(hierarchy, 'cgroup.procs')))) continue;
    const dir = join(hierarchy, host.cgroup);
    await removeCgroupTree(dir);
    // nspawn makes payload too; it is made here so that it can be bind-mounted.
    await mkdir(join(dir, 'payload'), { recursive: true });
    cgroups.push({ hierarchy, dir });
  }
  return cgroups;
}

/** Removes a stopped host's cgroups and every cgroup its systemd made below them. */
export async function removeHostCgroups(host: HostLayout): Promise<void> {
  for (const hierarchy of SYSTEMD_CGROUP_HIERARCHIES) {
    await removeCgroupTree(join(hierarchy, host.cgroup));
  }
}

/** rmdir depth first: a cgroup goes once it has no children and no processes left. */
export async function removeCgroupTree(dir: string): Promise<void> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    if (entry.isDirectory()) await removeCgroupTree(join(dir, entry.name));
  }
  await rmdir(dir).catch(() => undefined);
}

async function waitForInit(host: HostLayout, nspawnPid: number): Promise<number> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (!isProcessAlive(nspawnPid)) {
      throw new Error(`${host.name}: systemd-nspawn exited at start\n${await consoleTail(host)}`);
    }
    const initPid = await findContainerInit(nspawnPid);
    if (initPid !== undefined) return initPid;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`${host.name}: no container init after 15 s\n${await consoleTail(host)}`);
}

export async function consoleTail(host: HostLayout, lines = 15): Promise<string> {
  const text = await readFile(host.consoleLog, 'utf8').catch(() => '');
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/**
 * Stops every container of this host: the recorded one and any other nspawn on
 * its namespace. SIGKILL to the container's init ends its whole PID namespace
 * at once (systemd, sshd, dockerd, containers); lab hosts are disposable.
 */
export async function stopHost(
  host: HostLayout,
  recorded?: Pick<HostState, 'nspawnPid'>,
): Promise<void> {
  const nspawnPids = new Set<number>();
  if (recorded?.nspawnPid && (await isNspawnFor(recorded.nspawnPid, netnsPath(host)))) {
    nspawnPids.add(recorded.nspawnPid);
  }
  for (const found of await findNspawnProcesses(netnsPath(host))) {
    if (found.netnsPath === netnsPath(host)) nspawnPids.add(found.pid);
  }
  await Promise.all([...nspawnPids].map(stopNspawn));
  await removeHostCgroups(host);
}

/** Kills one nspawn's container init, then nspawn itself if it lingers. */
export async function stopNspawn(nspawnPid: number): Promise<void> {
  const initPid = await findContainerInit(nspawnPid);
  if (initPid !== undefined) {
    killQuietly(initPid, 'SIGKILL');
    await waitForExit([initPid], 5_000);
  }
  if (!(await waitForExit([nspawnPid], 3_000))) {
    killQuietly(nspawnPid, 'SIGKILL');
    if (!(await waitForExit([nspawnPid], 5_000))) {
      throw new Error(`systemd-nspawn (pid ${nspawnPid}) did not stop`);
    }
  }
}

/**
 * Resolves once the host's sshd accepts a TCP connection and sends its
 * `SSH-2.0-` banner (a listening port alone can still be a half-started daemon).
 */
export async function waitForSshBanner(
  host: HostLayout,
  nspawnPid: number,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await readsSshBanner(host.address, SSH_PORT)) return;
    if (!isProcessAlive(nspawnPid)) {
      throw new Error(`${host.name} stopped while booting:\n${await consoleTail(host)}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(
    `${host.name} (${host.address}) did not answer ssh within ${timeoutMs / 1000} s:\n${await consoleTail(host)}`,
  );
}

export function readsSshBanner(address: string, port: number, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    let received = '';
    const finish = (ok: boolean): void => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => finish(false));
    socket.on('error', () => finish(false));
    socket.on('close', () => finish(false));
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('latin1');
      if (received.includes('\n')) finish(received.startsWith('SSH-2.0-'));
    });
  });
}
