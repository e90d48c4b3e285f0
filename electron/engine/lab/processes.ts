import { readdir, readFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';

/**
 * Finding and stopping lab processes through /proc, by PID.
 * Nothing here matches processes by a broad name: a lab process is one whose
 * command line names a lab network namespace.
 */

/** The state letter from /proc/PID/stat, or undefined when there is no such process. */
function processState(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may itself contain spaces or ')'.
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
  } catch {
    return undefined;
  }
}

/** True while the process exists and has not exited (a zombie counts as gone). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  const state = processState(pid);
  return state !== undefined && state !== 'Z' && state !== 'X';
}

async function readCmdline(pid: number): Promise<string[]> {
  try {
    return (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

async function parentPid(pid: number): Promise<number | undefined> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return Number(fields[1]);
  } catch {
    return undefined;
  }
}

async function allPids(): Promise<number[]> {
  return (await readdir('/proc')).filter((name) => /^\d+$/.test(name)).map(Number);
}

/** A running systemd-nspawn, and the network namespace path it was started with. */
export interface NspawnProcess {
  pid: number;
  netnsPath: string;
}

const NETNS_ARG = '--network-namespace-path=';

/** Every live systemd-nspawn on the machine whose netns path starts with `netnsPathPrefix`. */
export async function findNspawnProcesses(netnsPathPrefix: string): Promise<NspawnProcess[]> {
  const found: NspawnProcess[] = [];
  for (const pid of await allPids()) {
    const argv = await readCmdline(pid);
    if (!argv[0]?.endsWith('systemd-nspawn') || !isProcessAlive(pid)) continue;
    const netnsPath = argv.find((arg) => arg.startsWith(NETNS_ARG))?.slice(NETNS_ARG.length);
    if (netnsPath?.startsWith(netnsPathPrefix)) found.push({ pid, netnsPath });
  }
  return found;
}

/** True when `pid` is a live systemd-nspawn started on exactly `netnsPath`. */
export async function isNspawnFor(pid: number, netnsPath: string): Promise<boolean> {
  if (!isProcessAlive(pid)) return false;
  const argv = await readCmdline(pid);
  return argv[0]?.endsWith('systemd-nspawn') === true && argv.includes(`${NETNS_ARG}${netnsPath}`);
}

/**
 * The container's init: the child of systemd-nspawn (nspawn forks it with
 * CLONE_PARENT, so it is nspawn's direct child) running in its own PID namespace.
 */
export async function findContainerInit(nspawnPid: number): Promise<number | undefined> {
  try {
    const children = await readFile(`/proc/${nspawnPid}/task/${nspawnPid}/children`, 'utf8');
    const pids = children.split(/\s+/).filter(Boolean).map(Number);
    for (const pid of pids) if (isProcessAlive(pid)) return pid;
    return undefined;
  } catch {
    // Kernels without /proc/PID/task/TID/children: scan parents instead.
  }
  for (const pid of await allPids()) {
    if ((await parentPid(pid)) === nspawnPid && isProcessAlive(pid)) return pid;
  }
  return undefined;
}

const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until every PID in `pids` is gone; false when some outlived `timeoutMs`. */
export async function waitForExit(pids: readonly number[], timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (pids.some(isProcessAlive)) {
    if (Date.now() > deadline) return false;
    await sleep(50);
  }
  return true;
}

export function killQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}
