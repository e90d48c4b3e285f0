/**
 * From what the hosts and a manager said, the swarm's nodes as they are now and what is wrong
 * with them: each finding names its nodes, its cause and its fix. Pure, so every mapping is
 * unit-tested.
 */
import type { ClusterHealth, HealthFinding, NodeHealth } from '../../../shared/health';
import { localized, localizedList } from '../../../shared/messages';
import type { PlanHostSummary } from '../../../shared/plan';
import type { SwarmMember } from '../../swarm/manager-view';
import { majorityOf } from '../../swarm/quorum';
import type { NodeState } from './node-state';

/** A certificate this close to its expiry is warned about (a healthy node renews by 18 days). */
export const CERTIFICATE_WARNING_MS = 14 * 24 * 3600_000;
const HOUR_MS = 3600_000;
const DAY_MS = 24 * HOUR_MS;

export interface HostReading {
  host: PlanHostSummary;
  /** The node name the host should have in the swarm. */
  name: string;
  /** Undefined when the host could not be read; `error` says why. */
  state?: NodeState;
  error?: string;
}

export interface ClusterReading {
  hosts: readonly HostReading[];
  /** The manager's list of nodes; undefined when no manager could list them. */
  members: ReadonlyMap<string, SwarmMember> | undefined;
  /** What the managers answered when none could list the nodes. */
  listError?: string;
  now: number;
}

/** The inventory host a swarm member is, by node ID, else by name. */
function memberOf(
  reading: HostReading,
  members: ReadonlyMap<string, SwarmMember> | undefined,
): SwarmMember | undefined {
  if (!members) return undefined;
  const id = reading.state?.nodeId;
  if (id && members.has(id)) return members.get(id);
  return [...members.values()].find((member) => member.name === reading.name);
}

function managerStatus(member: SwarmMember | undefined): NodeHealth['managerStatus'] {
  if (!member?.manager) return '';
  if (member.manager.leader) return 'leader';
  return member.manager.reachable ? 'reachable' : 'unreachable';
}

function nodeHealth(reading: HostReading, member: SwarmMember | undefined): NodeHealth {
  const state = reading.state;
  return {
    name: reading.name,
    host: reading.host.address,
    role: member ? (member.manager ? 'manager' : 'worker') : 'none',
    state: member?.state ?? '',
    availability: member?.availability ?? '',
    managerStatus: managerStatus(member),
    dockerVersion: state?.version ?? '',
    advertiseAddress: state?.advertiseAddress || member?.address || '',
    addresses: state?.addresses.map((entry) => entry.address) ?? [],
    certificateExpires:
      state?.certificateExpires === undefined
        ? ''
        : new Date(state.certificateExpires).toISOString(),
  };
}

/** The swarm's health as the hosts and a manager describe it. */
export function clusterHealth(reading: ClusterReading): ClusterHealth {
  const { hosts, members } = reading;
  const findings: HealthFinding[] = [];
  const nodes = hosts.map((host) => nodeHealth(host, memberOf(host, members)));
  for (const host of hosts) findings.push(...hostFindings(host, memberOf(host, members), reading));
  if (members) findings.push(...unknownMembers(hosts, members));
  const managers = members ? [...members.values()].filter((member) => member.manager !== null) : [];
  const reachable = managers.filter((member) => member.manager?.reachable).length;
  findings.push(...quorumFindings(managers, reachable, reading));
  findings.push(...versionFindings(hosts));
  return {
    area: 'cluster',
    nodes,
    managers: { total: managers.length, reachable, needed: majorityOf(managers.length) },
    findings,
  };
}

/** What is wrong with one host: unreadable, Docker stopped, out of the swarm, down, drifted. */
function hostFindings(
  reading: HostReading,
  member: SwarmMember | undefined,
  { now, members }: ClusterReading,
): HealthFinding[] {
  const node = reading.name;
  const nodes = [node];
  const { state } = reading;
  if (!state) {
    return [
      {
        kind: 'host-unreachable',
        severity: 'problem',
        nodes,
        message: localized('health.hostUnreachable', {
          node,
          address: reading.host.address,
          error: reading.error ?? '',
        }),
        fix: localized('health.hostUnreachableFix'),
      },
    ];
  }
  if (state.docker !== 'active') {
    return [
      {
        kind: 'docker-stopped',
        severity: 'problem',
        nodes,
        message: localized(
          member?.state === 'down' ? 'health.dockerStoppedDown' : 'health.dockerStopped',
          { node, state: state.docker },
        ),
        fix: localized('health.dockerStoppedFix', { node }),
      },
    ];
  }
  if (state.swarm !== 'active') {
    return [
      {
        kind: 'not-in-swarm',
        severity: 'problem',
        nodes,
        message: localized('health.notInSwarm', { node, state: state.swarm || '?' }),
        fix: localized('health.notInSwarmFix'),
      },
    ];
  }
  const findings: HealthFinding[] = [];
  if (members && !member) {
    findings.push({
      kind: 'not-in-swarm',
      severity: 'problem',
      nodes,
      message: localized('health.notListed', { node }),
      fix: localized('health.notInSwarmFix'),
    });
  } else if (member && member.state !== 'ready') {
    findings.push({
      kind: 'node-down',
      severity: 'problem',
      nodes,
      message: localized('health.nodeDown', { node, state: member.state }),
      fix: localized('health.nodeDownFix', { node }),
    });
  }
  if (member && member.availability !== 'active' && member.availability !== '') {
    findings.push({
      kind: 'node-unavailable',
      severity: 'warning',
      nodes,
      message: localized('health.nodeUnavailable', { node, availability: member.availability }),
      fix: localized('health.nodeUnavailableFix', { node }),
    });
  }
  findings.push(...driftFindings(reading, state), ...certificateFindings(node, state, now));
  return findings;
}

/** The advertised address is on none of the host's interfaces any more (DHCP, a new NIC). */
function driftFindings(reading: HostReading, state: NodeState): HealthFinding[] {
  const advertised = state.advertiseAddress;
  // An address pinned in the inventory may be a NAT address no interface has: that is chosen.
  if (!advertised || advertised === reading.host.advertiseAddress) return [];
  if (state.addresses.some((entry) => entry.address === advertised)) return [];
  return [
    {
      kind: 'address-drift',
      severity: 'problem',
      nodes: [reading.name],
      message: localized('health.addressDrift', {
        node: reading.name,
        advertised,
        now: localizedList(
          state.addresses
            .filter((entry) => entry.name !== 'lo' && !entry.address.startsWith('127.'))
            .map((entry) => `${entry.address} (${entry.name})`),
        ),
      }),
      fix: localized('health.addressDriftFix', { node: reading.name }),
    },
  ];
}

function certificateFindings(node: string, state: NodeState, now: number): HealthFinding[] {
  const expires = state.certificateExpires;
  if (expires === undefined) return [];
  const at = new Date(expires).toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
  if (expires <= now) {
    return [
      {
        kind: 'certificate-expired',
        severity: 'problem',
        nodes: [node],
        message: localized('health.certificateExpired', { node, at }),
        fix: localized('health.certificateExpiredFix'),
      },
    ];
  }
  const left = expires - now;
  if (left > CERTIFICATE_WARNING_MS) return [];
  return [
    {
      kind: 'certificate-expiring',
      severity: 'warning',
      nodes: [node],
      message:
        left >= 2 * DAY_MS
          ? localized('health.certificateExpiringDays', {
              node,
              at,
              days: Math.floor(left / DAY_MS),
            })
          : localized('health.certificateExpiringHours', {
              node,
              at,
              hours: Math.max(1, Math.ceil(left / HOUR_MS)),
            }),
      fix: localized('health.certificateExpiringFix'),
    },
  ];
}

/** Nodes the swarm lists that are none of the inventory's hosts. */
function unknownMembers(
  hosts: readonly HostReading[],
  members: ReadonlyMap<string, SwarmMember>,
): HealthFinding[] {
  const known = new Set(hosts.map((host) => memberOf(host, members)?.id));
  const unknown = [...members.values()].filter((member) => !known.has(member.id));
  if (unknown.length === 0) return [];
  return [
    {
      kind: 'node-unknown',
      severity: 'warning',
      nodes: unknown.map((member) => member.name),
      message: localized('health.nodeUnknown', {
        nodes: localizedList(unknown.map((member) => `${member.name} (${member.state})`)),
      }),
      fix: localized('health.nodeUnknownFix'),
    },
  ];
}

function quorumFindings(
  managers: readonly SwarmMember[],
  reachable: number,
  { members, listError, hosts }: ClusterReading,
): HealthFinding[] {
  if (!members) {
    // No manager could list the nodes: without a leader, the swarm accepts no change.
    const managerHosts = hosts.filter(
      (host) => host.state?.isManager || host.host.role === 'manager',
    );
    return [
      {
        kind: 'quorum-lost',
        severity: 'problem',
        nodes: managerHosts.map((host) => host.name),
        message: localized('health.noManagerAnswers', { error: listError ?? '' }),
        fix: localized('health.quorumLostFix'),
      },
    ];
  }
  const needed = majorityOf(managers.length);
  const down = managers.filter((member) => !member.manager?.reachable).map((member) => member.name);
  if (reachable < needed) {
    return [
      {
        kind: 'quorum-lost',
        severity: 'problem',
        nodes: down,
        message: localized('health.quorumLost', {
          reachable,
          total: managers.length,
          needed,
          nodes: localizedList(down),
        }),
        fix: localized('health.quorumLostFix'),
      },
    ];
  }
  // One manager is the lab's own choice; more than one with no manager to spare is fragile.
  if (managers.length > 1 && reachable === needed) {
    return [
      {
        kind: 'quorum-fragile',
        severity: 'warning',
        nodes: down.length > 0 ? down : managers.map((member) => member.name),
        message:
          down.length > 0
            ? localized('health.quorumFragileDown', {
                reachable,
                total: managers.length,
                nodes: localizedList(down),
              })
            : localized('health.quorumFragileEven', { total: managers.length }),
        fix: localized('health.quorumFragileFix'),
      },
    ];
  }
  return [];
}

/** Docker versions that differ between the nodes that answered. */
function versionFindings(hosts: readonly HostReading[]): HealthFinding[] {
  const answered = hosts.filter((host) => host.state?.version);
  const versions = new Set(answered.map((host) => host.state?.version));
  if (versions.size <= 1) return [];
  return [
    {
      kind: 'versions-differ',
      severity: 'warning',
      nodes: answered.map((host) => host.name),
      message: localized('health.versionsDiffer', {
        versions: localizedList(
          answered.map((host) => `${host.name} ${host.state?.version ?? ''}`),
        ),
      }),
      fix: localized('health.versionsDifferFix'),
    },
  ];
}
