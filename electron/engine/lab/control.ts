import { runCommand } from './exec';
import type { CommandResult } from './exec';
import { bootHost, netnsPath, stopHost } from './host';
import { bootFreshHosts, findHostState, requireLabState, waitForHosts } from './lifecycle';
import { setHostLink } from './network';
import { hostLayout } from './paths';
import { assertLinuxRoot } from './preflight';
import { findContainerInit, isNspawnFor } from './processes';
import { saveLabState, withLabLock } from './state';
import type { LabLog } from './types';

/**
 * Test and fault-injection helpers: reach into a host without ssh, reset it to
 * a bare system, power-cycle it, or pull its network cable.
 */

const silent: LabLog = () => undefined;

/** A clean environment inside the host, as a login shell would have it. */
const HOST_ENV = [
  'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
  'HOME=/root',
  'LANG=C.UTF-8',
];

/**
 * nsenter argv that runs `argv` in all of the container's namespaces, with its
 * root and working directory, and without this process's environment.
 */
export function nsenterArgs(initPid: number, argv: readonly string[]): string[] {
  const [command] = argv;
  if (!command || command.includes('=')) {
    throw new Error('hostExec needs a command (a first word without "=")');
  }
  return [
    '-t',
    String(initPid),
    '-m',
    '-u',
    '-i',
    '-n',
    '-p',
    '-r',
    '-w',
    '--',
    'env',
    '-i',
    ...HOST_ENV,
    ...argv,
  ];
}

/** Runs `argv` as root inside host `name` (no ssh involved); `input` goes to its stdin. */
export async function hostExec(
  name: string,
  argv: readonly string[],
  options: { input?: string } = {},
): Promise<CommandResult> {
  assertLinuxRoot();
  const state = await requireLabState();
  const host = findHostState(state, name);
  const layout = hostLayout(host.index);
  if (host.nspawnPid === null || !(await isNspawnFor(host.nspawnPid, netnsPath(layout)))) {
    throw new Error(`${name} is not running`);
  }
  const initPid = await findContainerInit(host.nspawnPid);
  if (initPid === undefined) throw new Error(`${name} has no running init`);
  return runCommand('nsenter', nsenterArgs(initPid, argv), { input: options.input });
}

/**
 * Stops the named hosts, throws their upper dirs away and boots them fresh:
 * bare Debian again, with the same address, passwords and host keys.
 */
export async function resetHosts(names: readonly string[], log: LabLog = silent): Promise<void> {
  assertLinuxRoot();
  await withLabLock(log, async () => {
    const state = await requireLabState();
    const indexes = names.map((name) => findHostState(state, name).index);
    await bootFreshHosts(state, indexes, log);
  });
  await Promise.all(names.map((name) => waitForBootToFinish(name)));
}

/**
 * sshd answers its banner before the rest of the boot has settled, and a login in that window
 * can be cut during the handshake. Waiting for systemd to finish starting up closes it
 * (`degraded` ends the wait too; 60 s at most).
 */
async function waitForBootToFinish(name: string): Promise<void> {
  await hostExec(name, ['timeout', '60', 'systemctl', 'is-system-running', '--wait']);
}

/** Power-cycles a host: killed at once (like pulling the plug), booted on the same upper dir. */
export async function restartHost(name: string, log: LabLog = silent): Promise<void> {
  assertLinuxRoot();
  await withLabLock(log, async () => {
    const state = await requireLabState();
    const host = findHostState(state, name);
    const layout = hostLayout(host.index);
    await stopHost(layout, host);
    Object.assign(host, await bootHost(state.baseDir, layout));
    await saveLabState(state);
    await waitForHosts(state, [host.index], log);
  });
  await waitForBootToFinish(name);
}

/** Takes the host's network link down: the host sees its eth0 lose carrier. */
export async function setLinkDown(name: string): Promise<void> {
  await setLink(name, 'down');
}

/** Brings the host's network link back up. */
export async function setLinkUp(name: string): Promise<void> {
  await setLink(name, 'up');
}

async function setLink(name: string, linkState: 'up' | 'down'): Promise<void> {
  assertLinuxRoot();
  const state = await requireLabState();
  await setHostLink(hostLayout(findHostState(state, name).index), linkState);
}
