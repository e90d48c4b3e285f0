/**
 * The overlay doctor's pure half: the scripts that test what swarm needs between every pair of
 * nodes (TCP to 2377 and 7946 from the hosts, pings between probe containers over the overlay,
 * small and at the overlay's full MTU), what they print, and the causes the answers point to.
 */
import type { HealthFinding, PathHealth } from '../../../shared/health';
import { localized, localizedList } from '../../../shared/messages';
import { shellJoin } from '../../shell/quote';

/** A TCP connect that gets no answer within this is called dropped. */
export const CONNECT_TIMEOUT_S = 3;
/** How long a probe container keeps pinging a peer before it calls the peer unreachable. */
export const SMALL_PING_WINDOW_S = 20;
/** VXLAN's own headers: what the underlay must carry beyond the overlay's MTU. */
export const VXLAN_OVERHEAD = 50;
/** ICMP and IPv4 headers: a ping of MTU − 28 bytes fills the overlay's MTU exactly. */
const PING_HEADERS = 28;

export interface PortTarget {
  address: string;
  port: number;
}

/**
 * Connects from this host to every target at once (bash's /dev/tcp, which every supported
 * system has) and prints `port <address> <port> open|refused|dropped` for each.
 */
export function portProbeScript(targets: readonly PortTarget[]): string {
  return [
    'probe() {',
    "  # shellcheck disable=SC2016 # $0 and $1 are the inner bash's own arguments",
    `  if timeout ${CONNECT_TIMEOUT_S} bash -c 'exec 3<>"/dev/tcp/$0/$1"' "$1" "$2" 2>/dev/null; then r=open`,
    '  elif [ $? -eq 124 ]; then r=dropped',
    '  else r=refused; fi',
    '  echo "port $1 $2 $r"',
    '}',
    ...targets.map((target) => `${shellJoin(['probe', target.address, String(target.port)])} &`),
    'wait',
  ].join('\n');
}

/** `port` lines by `address:port`. */
export function parsePortProbes(output: string): Map<string, PathHealth['ports'][string]> {
  const answers = new Map<string, PathHealth['ports'][string]>();
  for (const line of output.split('\n')) {
    const [word, address, port, state] = line.trim().split(' ');
    if (word !== 'port' || !address || !port) continue;
    if (state === 'open' || state === 'refused' || state === 'dropped')
      answers.set(`${address}:${port}`, state);
  }
  return answers;
}

/**
 * Run inside a probe container (busybox sh): pings each peer with small packets until one
 * answers or the window ends (gossip may still be telling this node where the peer is), then
 * with packets that fill the overlay's MTU. Prints `ping <ip> yes|no yes|no` per peer.
 */
export function overlayPingScript(peers: readonly string[], mtu: number): string {
  const large = mtu - PING_HEADERS;
  return [
    // An image without ping cannot test anything: said, not read as every peer silent.
    `command -v ping >/dev/null 2>&1 || { echo ${NO_PING}; exit 0; }`,
    'check() {',
    `  small=no; end=$(( $(date +%s) + ${SMALL_PING_WINDOW_S} ))`,
    '  while :; do',
    '    if ping -c 1 -W 1 "$1" >/dev/null 2>&1; then small=yes; break; fi',
    '    [ "$(date +%s)" -ge "$end" ] && break',
    '  done',
    '  large=no',
    '  if [ $small = yes ]; then for _ in 1 2 3; do',
    `    if ping -c 1 -W 1 -s ${large} "$1" >/dev/null 2>&1; then large=yes; break; fi`,
    '  done; fi',
    '  echo "ping $1 $small $large"',
    '}',
    ...peers.map((peer) => `${shellJoin(['check', peer])} &`),
    'wait',
  ].join('\n');
}

/** What the ping script prints when the probe's image has no ping. */
export const NO_PING = 'no-ping-here';

/** `ping` lines by peer address: did small and large pings get answers. */
export function parseOverlayPings(output: string): Map<string, { small: boolean; large: boolean }> {
  const answers = new Map<string, { small: boolean; large: boolean }>();
  for (const line of output.split('\n')) {
    const [word, peer, small, large] = line.trim().split(' ');
    if (word !== 'ping' || !peer) continue;
    answers.set(peer, { small: small === 'yes', large: large === 'yes' });
  }
  return answers;
}

/** A node the doctor tests from and to. */
export interface DoctorNode {
  name: string;
  /** The address it advertises (where the others reach its 2377 and 7946). */
  address: string;
  manager: boolean;
  /** The MTU of the interface that holds its address, when known. */
  underlayMtu: number | undefined;
}

export interface DoctorReading {
  network: string;
  /** The overlay's MTU, which the large pings fill. */
  mtu: number;
  dataPathPort: number;
  nodes: readonly DoctorNode[];
  paths: readonly PathHealth[];
}

/** Every cause the paths point to: blocked ports, a blocked data path, an MTU too big. */
export function overlayFindings(reading: DoctorReading): HealthFinding[] {
  return [...portFindings(reading), ...dataPathFindings(reading), ...mtuFindings(reading)];
}

/** Closed ports, grouped by target, port and how they failed. */
function portFindings({ nodes, paths }: DoctorReading): HealthFinding[] {
  const groups = new Map<string, { to: string; port: string; state: string; from: string[] }>();
  for (const path of paths) {
    for (const [port, state] of Object.entries(path.ports)) {
      if (state === 'open') continue;
      const key = `${path.to} ${port} ${state}`;
      const group = groups.get(key) ?? { to: path.to, port, state, from: [] };
      group.from.push(path.from);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ to, port, state, from }) => {
    const everyOther = from.length === nodes.length - 1;
    const address = nodes.find((node) => node.name === to)?.address ?? '';
    const values = { port, node: to, address, from: localizedList(from) };
    return {
      kind: 'port-blocked' as const,
      severity: 'problem' as const,
      nodes: everyOther ? [to] : [to, ...from],
      message:
        state === 'dropped'
          ? localized(everyOther ? 'health.portDroppedAll' : 'health.portDropped', values)
          : localized(everyOther ? 'health.portRefusedAll' : 'health.portRefused', values),
      fix: localized(
        state === 'dropped' ? 'health.portDroppedFix' : 'health.portRefusedFix',
        values,
      ),
    };
  });
}

/** Unordered pairs of nodes whose paths (either way) match `failed`; ports all open unless said. */
function failingPairs(
  paths: readonly PathHealth[],
  failed: (path: PathHealth) => boolean,
): [string, string][] {
  const pairs = new Map<string, [string, string]>();
  for (const path of paths) {
    if (!failed(path)) continue;
    const pair = [path.from, path.to].sort() as [string, string];
    pairs.set(pair.join('\n'), pair);
  }
  return [...pairs.values()];
}

/** A pair failed for the overlay itself only when the hosts' own ports between them are open. */
function portsOpenBetween(paths: readonly PathHealth[], a: string, b: string): boolean {
  return paths
    .filter((path) => (path.from === a && path.to === b) || (path.from === b && path.to === a))
    .every((path) => Object.values(path.ports).every((state) => state === 'open'));
}

/**
 * The node every failing pair shares, when there is one and more than one pair: the firewall
 * to look at is on that node. Else undefined (each pair is named).
 */
function sharedNode(pairs: readonly [string, string][]): string | undefined {
  if (pairs.length < 2) return undefined;
  const [first] = pairs;
  return first?.find((node) => pairs.every((pair) => pair.includes(node)));
}

/** Groups failing pairs into findings: one per shared node, else one naming every pair. */
function pairFindings(
  pairs: readonly [string, string][],
  finding: (node: string, others: string[], involved: string[]) => HealthFinding,
): HealthFinding[] {
  if (pairs.length === 0) return [];
  const shared = sharedNode(pairs);
  if (shared) {
    const others = pairs.map((pair) => (pair[0] === shared ? pair[1] : pair[0]));
    return [finding(shared, others, [shared])];
  }
  return pairs.map(([a, b]) => finding(a, [b], [a, b]));
}

/** Whether both nodes of a pair know where the other's probe task is (gossip reached them). */
function knowEachOther(paths: readonly PathHealth[], a: string, b: string): boolean {
  return paths
    .filter((path) => (path.from === a && path.to === b) || (path.from === b && path.to === a))
    .every((path) => path.peerKnown);
}

/**
 * Pairs whose small pings fail while their TCP ports answer: when a node does not even know
 * where the other's task is, gossip (7946) is what fails; when it does, the VXLAN packets are
 * lost on the way.
 */
function dataPathFindings(reading: DoctorReading): HealthFinding[] {
  const { paths, network, dataPathPort } = reading;
  const pairs = failingPairs(paths, (path) => !path.smallPing).filter(([a, b]) =>
    portsOpenBetween(paths, a, b),
  );
  const unknown = pairs.filter(([a, b]) => !knowEachOther(paths, a, b));
  const known = pairs.filter(([a, b]) => knowEachOther(paths, a, b));
  const gossip = pairFindings(unknown, (node, others, involved) => ({
    kind: 'overlay-gossip',
    severity: 'problem',
    nodes: involved,
    message: localized('health.overlayGossip', { node, others: localizedList(others), network }),
    fix: localized('health.overlayGossipFix', { node }),
  }));
  return [
    ...gossip,
    ...pairFindings(known, (node, others, involved) => ({
      kind: 'overlay-blocked',
      severity: 'problem',
      nodes: involved,
      message: localized('health.overlayBlocked', {
        node,
        others: localizedList(others),
        network,
        port: dataPathPort,
      }),
      fix: localized('health.overlayBlockedFix', { node, port: dataPathPort }),
    })),
  ];
}

function mtuFindings(reading: DoctorReading): HealthFinding[] {
  const { paths, nodes, mtu, network } = reading;
  const pairs = failingPairs(paths, (path) => path.smallPing && !path.largePing).filter(([a, b]) =>
    // Small pings must pass both ways: else the data path itself is blocked, said above.
    paths
      .filter((path) => [a, b].includes(path.from) && [a, b].includes(path.to))
      .every((path) => path.smallPing),
  );
  return pairFindings(pairs, (node, others, involved) => {
    const underlay = Math.min(
      ...involved
        .concat(others)
        .map((name) => nodes.find((entry) => entry.name === name)?.underlayMtu ?? Infinity),
    );
    // The interfaces may all say 1500 while the path between them (a VPN, a tunnel) carries
    // less: then suggest a safe step down.
    const suggested =
      Number.isFinite(underlay) && underlay - VXLAN_OVERHEAD < mtu
        ? underlay - VXLAN_OVERHEAD
        : mtu - 100;
    return {
      kind: 'overlay-mtu',
      severity: 'problem',
      nodes: involved,
      message: localized('health.overlayMtu', {
        node,
        others: localizedList(others),
        size: mtu,
        network,
      }),
      fix: localized(
        Number.isFinite(underlay) && underlay - VXLAN_OVERHEAD < mtu
          ? 'health.overlayMtuFixInterface'
          : 'health.overlayMtuFixPath',
        { mtu: suggested, underlay: Number.isFinite(underlay) ? underlay : 0, network },
      ),
    };
  });
}
