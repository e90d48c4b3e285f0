import { runChecked, runCommand } from './exec';
import { claimMachineSettings, releaseMachineSettings } from './machine-settings';
import {
  LAB_BRIDGE,
  LAB_GATEWAY,
  LAB_IPTABLES_COMMENT,
  LAB_NAME_PREFIX,
  LAB_PREFIX_LENGTH,
  LAB_SLOT,
  LAB_SUBNET,
  LAB_SUBNET_PREFIX,
  labMacAddress,
} from './paths';
import type { HostLayout } from './paths';
import type { IptablesRule, LabState } from './state';
import type { LabLog } from './types';

/**
 * The lab network: one bridge on the machine holding the gateway address, one
 * network namespace per host joined to it by a veth pair, and NAT so hosts
 * reach Debian's mirror through the machine.
 */

/**
 * The rules that let hosts out: masquerade what leaves the lab, and accept
 * forwarding in FORWARD's first positions (a Docker engine on the machine sets
 * FORWARD's policy to DROP). Each carries the lab comment so leftovers can be found.
 */
export function labIptablesRules(subnet: string, bridge: string): IptablesRule[] {
  const tag = ['-m', 'comment', '--comment', LAB_IPTABLES_COMMENT];
  return [
    {
      table: 'nat',
      chain: 'POSTROUTING',
      spec: ['-s', subnet, '!', '-o', bridge, ...tag, '-j', 'MASQUERADE'],
    },
    { table: 'filter', chain: 'FORWARD', spec: ['-i', bridge, ...tag, '-j', 'ACCEPT'] },
    {
      table: 'filter',
      chain: 'FORWARD',
      spec: ['-o', bridge, '-m', 'state', '--state', 'RELATED,ESTABLISHED', ...tag, '-j', 'ACCEPT'],
    },
  ];
}

/** iptables argv for one rule; `-w` waits for the xtables lock instead of failing. */
export function iptablesArgs(operation: '-I' | '-C' | '-D', rule: IptablesRule): string[] {
  return ['-w', '-t', rule.table, operation, rule.chain, ...rule.spec];
}

/**
 * Turns `iptables -S` output into the rules that carry the lab comment, so they
 * can be deleted when the state that recorded them is gone.
 */
export function parseLabRules(table: IptablesRule['table'], listing: string): IptablesRule[] {
  const rules: IptablesRule[] = [];
  for (const line of listing.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] !== '-A' || !words[1] || !words.includes(LAB_IPTABLES_COMMENT)) continue;
    rules.push({ table, chain: words[1], spec: words.slice(2) });
  }
  return rules;
}

async function ruleExists(rule: IptablesRule): Promise<boolean> {
  return (await runCommand('iptables', iptablesArgs('-C', rule))).exitCode === 0;
}

/** Makes sure the bridge, forwarding and NAT exist; records what it added in `state`. */
export async function ensureLabNetwork(state: LabState, log: LabLog): Promise<void> {
  await assertSubnetFree();
  const bridgeExists = (await runCommand('ip', ['link', 'show', 'dev', LAB_BRIDGE])).exitCode === 0;
  if (!bridgeExists) {
    // A bridge takes the lowest MAC of its ports unless given one; hosts would
    // then see their gateway change MAC whenever another host comes or goes.
    await runChecked('ip', [
      'link',
      'add',
      'name',
      LAB_BRIDGE,
      'address',
      labMacAddress(LAB_GATEWAY),
      'type',
      'bridge',
    ]);
  }
  const gatewayCidr = `${LAB_GATEWAY}/${LAB_PREFIX_LENGTH}`;
  await runChecked('ip', ['address', 'replace', gatewayCidr, 'dev', LAB_BRIDGE]);
  await runChecked('ip', ['link', 'set', 'dev', LAB_BRIDGE, 'up']);

  // After the bridge: while it exists, other slots count this lab as up.
  await claimMachineSettings(LAB_SLOT, log, undefined, { slotWasUp: bridgeExists });

  for (const rule of labIptablesRules(LAB_SUBNET, LAB_BRIDGE)) {
    if (!(await ruleExists(rule))) await runChecked('iptables', iptablesArgs('-I', rule));
    const recorded = state.iptablesRules.some((known) => sameRule(known, rule));
    if (!recorded) state.iptablesRules.push(rule);
  }
}

function sameRule(a: IptablesRule, b: IptablesRule): boolean {
  return a.table === b.table && a.chain === b.chain && a.spec.join(' ') === b.spec.join(' ');
}

/** Refuses to build the lab on a subnet some other interface already uses. */
async function assertSubnetFree(): Promise<void> {
  const listing = await runChecked('ip', ['-4', '-o', 'address', 'show']);
  for (const line of listing.split('\n')) {
    const words = line.trim().split(/\s+/);
    const device = words[1];
    const address = words[3];
    if (!device || !address?.startsWith(`${LAB_SUBNET_PREFIX}.`)) continue;
    if (device === LAB_BRIDGE || device.startsWith(LAB_NAME_PREFIX)) continue;
    throw new Error(
      `the lab subnet ${LAB_SUBNET} is already used on ${device} (${address}); free it before starting the lab`,
    );
  }
}

/** Creates the host's namespace and veth pair (host side is eth0) with its address and route. */
export async function createHostNetwork(host: HostLayout): Promise<void> {
  await removeHostNetwork(host);
  await runChecked('ip', ['netns', 'add', host.netns]);
  // The peer is created directly inside the namespace, already named eth0.
  await runChecked('ip', [
    'link',
    'add',
    host.veth,
    'type',
    'veth',
    'peer',
    'name',
    'eth0',
    'address',
    host.macAddress,
    'netns',
    host.netns,
  ]);
  await runChecked('ip', ['link', 'set', 'dev', host.veth, 'master', LAB_BRIDGE, 'up']);
  const inNetns = (args: string[]): Promise<string> =>
    runChecked('ip', ['-n', host.netns, ...args]);
  await inNetns(['address', 'add', `${host.address}/${LAB_PREFIX_LENGTH}`, 'dev', 'eth0']);
  await inNetns(['link', 'set', 'dev', 'lo', 'up']);
  await inNetns(['link', 'set', 'dev', 'eth0', 'up']);
  await inNetns(['route', 'add', 'default', 'via', LAB_GATEWAY]);
}

/** Removes the host's veth and namespace; fine when they do not exist. */
export async function removeHostNetwork(host: HostLayout): Promise<void> {
  await runCommand('ip', ['link', 'delete', 'dev', host.veth]);
  await runCommand('ip', ['netns', 'delete', host.netns]);
}

/** Takes the host's cable out (down) or plugs it back in (up), seen as carrier loss on eth0. */
export async function setHostLink(host: HostLayout, state: 'up' | 'down'): Promise<void> {
  await runChecked('ip', ['link', 'set', 'dev', host.veth, state]);
}

/**
 * Removes every network object the lab owns: recorded iptables rules and any
 * rule carrying the lab comment, every lab namespace and veth, the bridge;
 * the last lab down on the machine restores ip_forward (machine-settings.ts).
 */
export async function teardownLabNetwork(state: LabState | undefined, log: LabLog): Promise<void> {
  const rules = [...(state?.iptablesRules ?? [])];
  for (const table of ['filter', 'nat'] as const) {
    const listing = await runCommand('iptables', ['-w', '-t', table, '-S']);
    rules.push(...parseLabRules(table, listing.stdout));
  }
  for (const rule of rules) {
    // A rule inserted twice needs deleting twice; stop when it is gone.
    while (await ruleExists(rule)) await runChecked('iptables', iptablesArgs('-D', rule));
  }

  const links = await runChecked('ip', ['-o', 'link', 'show']);
  for (const match of links.matchAll(/^\d+:\s+([^:@\s]+)/gm)) {
    const name = match[1];
    if (name?.startsWith(LAB_NAME_PREFIX)) await runCommand('ip', ['link', 'delete', 'dev', name]);
  }
  const namespaces = await runCommand('ip', ['netns', 'list']);
  for (const line of namespaces.stdout.split('\n')) {
    const name = line.trim().split(/\s+/)[0];
    if (name?.startsWith(LAB_NAME_PREFIX)) await runCommand('ip', ['netns', 'delete', name]);
  }
  await runCommand('ip', ['link', 'delete', 'dev', LAB_BRIDGE]);

  // After the bridge: this lab no longer counts as up, other slots' labs still do.
  const legacyOriginal = state?.ipForwardBefore
    ? { 'net.ipv4.ip_forward': state.ipForwardBefore }
    : undefined;
  await releaseMachineSettings(LAB_SLOT, log, undefined, legacyOriginal);
}
