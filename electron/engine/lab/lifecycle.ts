import { readdir, rm, rmdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ensureBaseImage } from './base-image';
import {
  bootHost,
  netnsPath,
  prepareFreshUpper,
  removeCgroupTree,
  SSH_PORT,
  stopHost,
  stopNspawn,
  waitForSshBanner,
} from './host';
import { recordLabHostKeys } from './host-keys';
import { generateHostKeys, hostKeyFingerprint, randomPassword } from './identity';
import { ensureImageArchive } from './image-archive';
import {
  createHostNetwork,
  ensureLabNetwork,
  removeHostNetwork,
  teardownLabNetwork,
} from './network';
import { readMachineSettings, unmetMachineSettings } from './machine-settings';
import { pathExists } from './path-exists';
import {
  BASE_IMAGE_DIR,
  hostLayout,
  LAB_BRIDGE,
  LAB_GATEWAY,
  LAB_HOSTS_DIR,
  LAB_NAME_PREFIX,
  LAB_SUBNET,
  LAB_SUDO_USER,
  MAX_LAB_HOSTS,
  SYSTEMD_CGROUP_HIERARCHIES,
  LAB_CGROUP_PARENT,
} from './paths';
import { prepareMachineForLab } from './install-tools';
import { assertLinuxRoot } from './preflight';
import { findContainerInit, findNspawnProcesses, isNspawnFor } from './processes';
import { machineNameservers } from './resolv';
import { emptyLabState, loadLabState, removeLabState, saveLabState, withLabLock } from './state';
import type { HostState, LabState } from './state';
import type { LabHost, LabInfo, LabLog, LabStatus } from './types';

const silent: LabLog = () => undefined;
const seconds = (since: number): string => `${((Date.now() - since) / 1000).toFixed(1)} s`;

export interface LabUpOptions {
  hosts: number;
  log?: LabLog;
  /**
   * swarmlab's known_hosts: the hosts' keys are written there for their addresses, replacing
   * what was on file for those addresses only. Left out, no file is touched.
   */
  knownHostsFile?: string;
}

/**
 * Brings the lab to exactly `hosts` running hosts and returns how to reach them.
 * Hosts that already run are kept as they are; missing or dead ones boot fresh,
 * extra ones are stopped. Safe to run again.
 */
export async function labUp({
  hosts: count,
  log = silent,
  knownHostsFile,
}: LabUpOptions): Promise<LabInfo> {
  if (!Number.isInteger(count) || count < 1 || count > MAX_LAB_HOSTS) {
    throw new Error(`--hosts must be a whole number from 1 to ${MAX_LAB_HOSTS}, got ${count}`);
  }
  await prepareMachineForLab(log);
  return withLabLock(log, async () => {
    const state = (await loadLabState()) ?? emptyLabState(BASE_IMAGE_DIR);

    for (const host of state.hosts.filter((known) => known.index > count)) {
      log(`stopping ${host.name} (the lab now has ${count} hosts)`);
      await forgetHost(state, host);
    }
    const running = await runningIndexes(state);
    const toBoot = range(1, count).filter((index) => !running.has(index));

    if (toBoot.length > 0 || !state.image) {
      const [baseDir, image] = await Promise.all([
        ensureBaseImage({ log, keepExisting: running.size > 0 }),
        ensureImageArchive(),
      ]);
      state.baseDir = baseDir;
      state.image = image;
    }
    // Also for a lab already up: puts back a rule or a machine-wide setting someone removed.
    await ensureLabNetwork(state, log);
    await saveLabState(state);
    // Hosts kept from before must still answer, or this lab is not what we return.
    await waitForHosts(state, [...running], silent);
    if (toBoot.length === 0) {
      log(`the lab already runs ${count} host${count === 1 ? '' : 's'}`);
    } else {
      const started = Date.now();
      log(`booting ${toBoot.map((index) => `lab-${index}`).join(', ')}`);
      await bootFreshHosts(state, toBoot, log);
      log(
        `${toBoot.length} host${toBoot.length === 1 ? '' : 's'} answering ssh in ${seconds(started)}`,
      );
    }
    if (knownHostsFile) await trustLabHostKeys(state, knownHostsFile, log);
    return labInfo(state);
  });
}

async function trustLabHostKeys(state: LabState, knownHostsFile: string, log: LabLog) {
  const { replaced } = await recordLabHostKeys(
    state.hosts.map((host) => ({
      address: host.address,
      port: SSH_PORT,
      identityDir: hostLayout(host.index).identityDir,
    })),
    knownHostsFile,
  );
  const addresses = state.hosts.map((host) => host.address).join(', ');
  log(
    `host keys of ${addresses} recorded in ${knownHostsFile}` +
      (replaced > 0
        ? ` (${replaced} older entr${replaced === 1 ? 'y' : 'ies'} for these addresses replaced)`
        : ''),
  );
}

/** This lab's host cgroups, found by name (a lost state file's hosts too). */
async function removeLabCgroups(): Promise<void> {
  for (const hierarchy of SYSTEMD_CGROUP_HIERARCHIES) {
    const parent = join(hierarchy, LAB_CGROUP_PARENT);
    const names = await readdir(parent).catch(() => []);
    for (const name of names.filter((entry) => entry.startsWith(LAB_NAME_PREFIX))) {
      await removeCgroupTree(join(parent, name));
    }
    // Gone only when no other lab slot still has hosts there.
    await rmdir(parent).catch(() => undefined);
  }
}

export interface LabDownOptions {
  log?: LabLog;
}

/**
 * Stops every lab host and removes everything the lab made at run time. Finds
 * lab objects by their fixed names too, so it also cleans up after a lost state
 * file. Safe when nothing is up. The cached base and image archive stay.
 */
export async function labDown({ log = silent }: LabDownOptions = {}): Promise<void> {
  assertLinuxRoot();
  await withLabLock(log, async () => {
    const state = await loadLabState();
    const recorded = state?.hosts ?? [];
    await Promise.all(recorded.map((host) => stopHost(hostLayout(host.index), host)));
    // Anything else on a lab namespace: hosts of a lab whose state was lost.
    const strays = await findNspawnProcesses(`/run/netns/${LAB_NAME_PREFIX}`);
    await Promise.all(strays.map((stray) => stopNspawn(stray.pid)));
    const survivors = await findNspawnProcesses(`/run/netns/${LAB_NAME_PREFIX}`);
    if (survivors.length > 0) {
      throw new Error(
        `lab containers still running: pids ${survivors.map((s) => s.pid).join(', ')}`,
      );
    }
    await removeLabCgroups();
    await teardownLabNetwork(state, log);
    await rm(LAB_HOSTS_DIR, { recursive: true, force: true });
    await removeLabState();
    const stopped = recorded.length + strays.length;
    log(
      stopped > 0
        ? `lab down: ${stopped} host(s) stopped, network removed`
        : 'lab down: nothing was running',
    );
  });
}

/** What the lab runs now, from the state file checked against live processes. */
export async function labStatus(): Promise<LabStatus> {
  assertLinuxRoot();
  const state = await loadLabState();
  const hosts = await Promise.all(
    (state?.hosts ?? []).map(async (host) => {
      const running =
        host.nspawnPid !== null &&
        (await isNspawnFor(host.nspawnPid, netnsPath(hostLayout(host.index))));
      return {
        ...labHost(host),
        running,
        nspawnPid: running ? host.nspawnPid : null,
        // Looked up now: the child nspawn had at boot may have been its short-lived helper.
        initPid:
          running && host.nspawnPid !== null
            ? ((await findContainerInit(host.nspawnPid)) ?? null)
            : null,
      };
    }),
  );
  const up = hosts.some((host) => host.running);
  return {
    up,
    hosts,
    unmetMachineSettings: up ? unmetMachineSettings(await readMachineSettings()) : [],
    image: state?.image ?? null,
    subnet: LAB_SUBNET,
    gateway: LAB_GATEWAY,
    bridge: LAB_BRIDGE,
  };
}

/** Loads the state of a running lab, or fails with what to do. */
export async function requireLabState(): Promise<LabState> {
  const state = await loadLabState();
  if (!state) throw new Error('no lab is up; start one with: swarmlab lab up --hosts N');
  return state;
}

export function findHostState(state: LabState, name: string): HostState {
  const host = state.hosts.find((known) => known.name === name);
  if (!host) {
    const names = state.hosts.map((known) => known.name).join(', ') || 'none';
    throw new Error(`no lab host named ${name} (hosts: ${names})`);
  }
  return host;
}

/**
 * Boots hosts from fresh upper dirs, new hosts getting a new identity first.
 * Boots in parallel, records PIDs as soon as every container has started (so a
 * failure while waiting for ssh still leaves them stoppable), then waits for ssh.
 */
export async function bootFreshHosts(
  state: LabState,
  indexes: readonly number[],
  log: LabLog,
): Promise<void> {
  const nameservers = await machineNameservers();
  const started = await Promise.allSettled(
    indexes.map(async (index) => {
      const layout = hostLayout(index);
      const host = await ensureHostIdentity(state, index);
      await stopHost(layout, host);
      await createHostNetwork(layout);
      await prepareFreshUpper(state.baseDir, layout, host, nameservers);
      Object.assign(host, await bootHost(state.baseDir, layout));
      return host;
    }),
  );
  await saveLabState(state);
  throwFirstFailure(started);
  await waitForHosts(state, indexes, log);
}

/** Waits until each listed host answers ssh. */
export async function waitForHosts(
  state: LabState,
  indexes: readonly number[],
  log: LabLog,
): Promise<void> {
  const ready = await Promise.allSettled(
    indexes.map(async (index) => {
      const host = state.hosts.find((known) => known.index === index);
      if (!host?.nspawnPid) throw new Error(`lab-${index} has no running container`);
      const since = Date.now();
      await waitForSshBanner(hostLayout(index), host.nspawnPid);
      log(`${host.name} ${host.address} ready (${seconds(since)})`);
    }),
  );
  throwFirstFailure(ready);
}

function throwFirstFailure(results: readonly PromiseSettledResult<unknown>[]): void {
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** The host's record, created with new passwords and host keys when it is new. */
async function ensureHostIdentity(state: LabState, index: number): Promise<HostState> {
  const layout = hostLayout(index);
  const keysExist = await pathExists(`${layout.identityDir}/etc/ssh/ssh_host_ed25519_key`);
  let host = state.hosts.find((known) => known.index === index);
  if (!host || !keysExist) {
    await generateHostKeys(layout.identityDir, layout.name);
    host = {
      index,
      name: layout.name,
      address: layout.address,
      rootPassword: randomPassword(),
      sudoPassword: randomPassword(),
      hostKeySha256: await hostKeyFingerprint(layout.identityDir),
      nspawnPid: null,
      initPid: null,
    };
    state.hosts = [...state.hosts.filter((known) => known.index !== index), host].sort(
      (a, b) => a.index - b.index,
    );
  }
  return host;
}

async function runningIndexes(state: LabState): Promise<Set<number>> {
  const running = new Set<number>();
  for (const host of state.hosts) {
    const alive =
      host.nspawnPid !== null &&
      (await isNspawnFor(host.nspawnPid, netnsPath(hostLayout(host.index))));
    if (alive) running.add(host.index);
  }
  return running;
}

async function forgetHost(state: LabState, host: HostState): Promise<void> {
  const layout = hostLayout(host.index);
  await stopHost(layout, host);
  await removeHostNetwork(layout);
  await rm(layout.dir, { recursive: true, force: true });
  state.hosts = state.hosts.filter((known) => known.index !== host.index);
  await saveLabState(state);
}

function labHost(host: HostState): LabHost {
  return {
    name: host.name,
    address: host.address,
    port: SSH_PORT,
    rootPassword: host.rootPassword,
    sudoUser: LAB_SUDO_USER,
    sudoPassword: host.sudoPassword,
    hostKeySha256: host.hostKeySha256,
  };
}

export function labInfo(state: LabState): LabInfo {
  if (!state.image) throw new Error('the lab state has no image archive');
  return {
    hosts: state.hosts.map(labHost),
    image: state.image,
    subnet: LAB_SUBNET,
    gateway: LAB_GATEWAY,
    bridge: LAB_BRIDGE,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
