/**
 * `swarmlab check`: what the hosts print is read right, and each observation maps to the cause
 * and the nodes it names — Docker stopped, a node out of the swarm or Down, quorum, versions,
 * an advertised address no interface has, certificates, blocked ports, a blocked data path and
 * an MTU too big for the path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CERTIFICATE_WARNING_MS,
  clusterHealth,
  type HostReading,
} from '../../../electron/engine/steps/check/cluster-findings';
import { parseNodeState, type NodeState } from '../../../electron/engine/steps/check/node-state';
import {
  overlayFindings,
  parseOverlayPings,
  parsePortProbes,
  type DoctorNode,
} from '../../../electron/engine/steps/check/overlay-findings';
import type { SwarmMember } from '../../../electron/engine/swarm/manager-view';
import type { PathHealth } from '../../../electron/shared/health';
import type { PlanHostSummary } from '../../../electron/shared/plan';

const CERT = readFileSync(join(import.meta.dirname, 'fixtures', 'swarm-node.crt'), 'utf8');
const CERT_EXPIRES = Date.parse('2027-03-07T19:07:59Z');
const NOW = Date.parse('2026-12-07T19:00:00Z');

describe('reading a node', () => {
  it('reads Docker, the swarm state, interfaces, MTUs and the certificate expiry', () => {
    const state = parseNodeState(
      [
        'docker=active',
        'info=20.10.24+dfsg1|active|abc123|10.210.0.12|false',
        'addr=lo 127.0.0.1',
        'addr=host0 10.210.0.12',
        'mtu=lo 65536',
        'mtu=host0 1500',
        CERT,
      ].join('\n'),
    );
    expect(state).toMatchObject({
      docker: 'active',
      version: '20.10.24+dfsg1',
      swarm: 'active',
      nodeId: 'abc123',
      advertiseAddress: '10.210.0.12',
      isManager: false,
      addresses: [
        { name: 'lo', address: '127.0.0.1' },
        { name: 'host0', address: '10.210.0.12' },
      ],
      mtus: { lo: 65536, host0: 1500 },
    });
    expect(state.certificateExpires).toBe(CERT_EXPIRES);
  });

  it('has no version or certificate when Docker is stopped and the node never joined', () => {
    const state = parseNodeState('docker=inactive\naddr=host0 10.0.0.3\n');
    expect(state).toMatchObject({ docker: 'inactive', version: '', swarm: '' });
    expect(state.certificateExpires).toBeUndefined();
  });
});

function host(id: string, role: 'manager' | 'worker', extra: Partial<PlanHostSummary> = {}) {
  return { id, address: `10.0.0.${id.slice(-1)}`, port: 22, user: 'root', role, ...extra };
}

function state(id: string, extra: Partial<NodeState> = {}): NodeState {
  const address = `10.0.0.${id.slice(-1)}`;
  return {
    docker: 'active',
    version: '20.10.24',
    swarm: 'active',
    nodeId: `id-${id}`,
    advertiseAddress: address,
    isManager: id === 'node1',
    addresses: [
      { name: 'lo', address: '127.0.0.1' },
      { name: 'eth0', address },
    ],
    mtus: { eth0: 1500 },
    certificateExpires: NOW + 60 * 24 * 3600_000,
    ...extra,
  };
}

function member(id: string, extra: Partial<SwarmMember> = {}): [string, SwarmMember] {
  return [
    `id-${id}`,
    {
      id: `id-${id}`,
      name: id,
      address: `10.0.0.${id.slice(-1)}`,
      state: 'ready',
      availability: 'active',
      labels: {},
      manager: id === 'node1' ? { leader: true, reachable: true } : null,
      ...extra,
    },
  ];
}

/** A 1-manager, 2-worker swarm; `change` alters one host's reading or the member list. */
function lab(
  change: {
    states?: Record<string, Partial<NodeState> | undefined>;
    members?: Record<string, Partial<SwarmMember> | null>;
  } = {},
) {
  const ids = ['node1', 'node2', 'node3'];
  const hosts: HostReading[] = ids.map((id) => {
    const reading: HostReading = {
      host: host(id, id === 'node1' ? 'manager' : 'worker'),
      name: id,
    };
    if (change.states && id in change.states && change.states[id] === undefined) {
      return { ...reading, error: 'connect ETIMEDOUT' };
    }
    return { ...reading, state: state(id, change.states?.[id]) };
  });
  const members = new Map(
    ids
      .filter((id) => change.members?.[id] !== null)
      .map((id) => member(id, change.members?.[id] ?? {})),
  );
  return clusterHealth({ hosts, members, now: NOW });
}

function kinds(health: { findings: { kind: string; severity: string; nodes: string[] }[] }) {
  return health.findings.map(
    (finding) => `${finding.severity} ${finding.kind} ${finding.nodes.join(',')}`,
  );
}

describe('the nodes check', () => {
  it('finds nothing wrong with a healthy swarm, and lists every node', () => {
    const health = lab();
    expect(health.findings).toEqual([]);
    expect(health.nodes.map((node) => `${node.name} ${node.role} ${node.state}`)).toEqual([
      'node1 manager ready',
      'node2 worker ready',
      'node3 worker ready',
    ]);
    expect(health.managers).toEqual({ total: 1, reachable: 1, needed: 1 });
  });

  it('says Docker is not running on a worker the managers list as Down', () => {
    const health = lab({
      states: { node3: { docker: 'inactive', version: '' } },
      members: { node3: { state: 'down' } },
    });
    expect(kinds(health)).toEqual(['problem docker-stopped node3']);
    expect(health.findings[0]?.message.en).toBe(
      'node3 is Down: Docker is not running there (its service is inactive)',
    );
    expect(health.findings[0]?.fix.en).toContain('sudo systemctl start docker');
  });

  it('tells a Down node whose Docker runs from one out of the swarm', () => {
    expect(kinds(lab({ members: { node2: { state: 'down' } } }))).toEqual([
      'problem node-down node2',
    ]);
    expect(kinds(lab({ states: { node2: { swarm: 'inactive' } } }))).toEqual([
      'problem not-in-swarm node2',
    ]);
    expect(kinds(lab({ members: { node2: null } }))).toEqual(['problem not-in-swarm node2']);
  });

  it('names a host it could not read', () => {
    const health = lab({ states: { node2: undefined } });
    expect(kinds(health)).toEqual(['problem host-unreachable node2']);
    expect(health.findings[0]?.message.en).toContain('connect ETIMEDOUT');
  });

  it('warns about a drained node and a node the inventory does not have', () => {
    expect(kinds(lab({ members: { node3: { availability: 'drain' } } }))).toEqual([
      'warning node-unavailable node3',
    ]);
    const hosts: HostReading[] = [
      { host: host('node1', 'manager'), name: 'node1', state: state('node1') },
    ];
    const members = new Map([member('node1'), member('old9', { state: 'down' })]);
    const health = clusterHealth({ hosts, members, now: NOW });
    expect(kinds(health)).toEqual(['warning node-unknown old9']);
    expect(health.findings[0]?.message.en).toContain('old9 (down)');
  });

  it('finds quorum lost, and warns when one more manager lost would lose it', () => {
    const three = (reachable: boolean[]) => {
      const ids = ['node1', 'node2', 'node3'];
      const hosts = ids.map((id) => ({ host: host(id, 'manager'), name: id, state: state(id) }));
      const members = new Map(
        ids.map((id, index) =>
          member(id, { manager: { leader: index === 0, reachable: reachable[index] ?? false } }),
        ),
      );
      return clusterHealth({ hosts, members, now: NOW });
    };
    expect(kinds(three([true, true, true]))).toEqual([]);
    expect(kinds(three([true, false, true]))).toEqual(['warning quorum-fragile node2']);
    const lost = three([true, false, false]);
    expect(kinds(lost)).toEqual(['problem quorum-lost node2,node3']);
    expect(lost.findings[0]?.message.en).toContain(
      '1 of 3 managers are reachable and 2 are needed',
    );
  });

  it('finds quorum lost when no manager can list the nodes', () => {
    const hosts = [{ host: host('node1', 'manager'), name: 'node1', state: state('node1') }];
    const health = clusterHealth({
      hosts,
      members: undefined,
      listError: 'node1: Error response from daemon: rpc error: The swarm does not have a leader',
      now: NOW,
    });
    expect(kinds(health)).toEqual(['problem quorum-lost node1']);
    expect(health.findings[0]?.message.en).toContain('does not have a leader');
  });

  it('warns about Docker versions that differ, naming each', () => {
    const health = lab({ states: { node3: { version: '26.1.5' } } });
    expect(kinds(health)).toEqual(['warning versions-differ node1,node2,node3']);
    expect(health.findings[0]?.message.en).toContain('node3 26.1.5');
  });

  it('finds an advertised address that no interface has any more, unless the inventory pins it', () => {
    const drifted = lab({
      states: { node2: { addresses: [{ name: 'eth0', address: '10.0.0.99' }] } },
    });
    expect(kinds(drifted)).toEqual(['problem address-drift node2']);
    expect(drifted.findings[0]?.message.en).toBe(
      'node2 advertises 10.0.0.2 to the swarm, but none of its interfaces has that address now (it has 10.0.0.99 (eth0)): its address changed',
    );
    const pinned = clusterHealth({
      hosts: [
        {
          host: host('node1', 'manager', { advertiseAddress: '203.0.113.7' }),
          name: 'node1',
          state: state('node1', { advertiseAddress: '203.0.113.7' }),
        },
      ],
      members: new Map([member('node1')]),
      now: NOW,
    });
    expect(kinds(pinned)).toEqual([]);
  });

  it('warns about a certificate near its expiry and fails on an expired one', () => {
    const soon = lab({ states: { node2: { certificateExpires: NOW + 40 * 60_000 } } });
    expect(kinds(soon)).toEqual(['warning certificate-expiring node2']);
    expect(soon.findings[0]?.message.en).toContain('expires within 1 h (2026-12-07 19:40 UTC)');
    expect(soon.findings[0]?.fix.en).toContain('docker swarm ca --rotate');
    const days = lab({ states: { node2: { certificateExpires: NOW + 10 * 24 * 3600_000 } } });
    expect(days.findings[0]?.message.en).toContain('expires in 10 days');
    const fine = lab({
      states: { node2: { certificateExpires: NOW + CERTIFICATE_WARNING_MS + 1 } },
    });
    expect(kinds(fine)).toEqual([]);
    expect(kinds(lab({ states: { node2: { certificateExpires: NOW - 1 } } }))).toEqual([
      'problem certificate-expired node2',
    ]);
  });
});

describe('reading the doctor’s probes', () => {
  it('reads port and ping lines and ignores anything else', () => {
    expect([
      ...parsePortProbes('port 10.0.0.2 7946 open\nport 10.0.0.3 2377 dropped\nnoise\n'),
    ]).toEqual([
      ['10.0.0.2:7946', 'open'],
      ['10.0.0.3:2377', 'dropped'],
    ]);
    expect([...parseOverlayPings('ping 10.0.1.3 yes no\nping 10.0.1.4 no no\n')]).toEqual([
      ['10.0.1.3', { small: true, large: false }],
      ['10.0.1.4', { small: false, large: false }],
    ]);
  });
});

const NODES: DoctorNode[] = ['node1', 'node2', 'node3'].map((name, index) => ({
  name,
  address: `10.0.0.${index + 1}`,
  manager: index === 0,
  underlayMtu: 1500,
}));

/** Every path between the three nodes, healthy unless `change` says otherwise for it. */
function paths(change: (path: PathHealth) => Partial<PathHealth> = () => ({})): PathHealth[] {
  return NODES.flatMap((from) =>
    NODES.filter((to) => to !== from).map((to) => {
      const path: PathHealth = {
        from: from.name,
        to: to.name,
        ports: { ...(to.manager ? { '2377/tcp': 'open' as const } : {}), '7946/tcp': 'open' },
        smallPing: true,
        largePing: true,
        peerKnown: true,
      };
      return { ...path, ...change(path) };
    }),
  );
}

function doctor(all: PathHealth[], nodes: DoctorNode[] = NODES) {
  return overlayFindings({
    network: 'swarmlab-net',
    mtu: 1450,
    dataPathPort: 4789,
    nodes,
    paths: all,
  });
}

describe('the overlay doctor', () => {
  it('finds nothing when every port answers and every ping passes', () => {
    expect(doctor(paths())).toEqual([]);
  });

  it('names the node whose 7946 is dropped from every other node, and blames no data path', () => {
    const findings = doctor(
      paths((path) =>
        path.to === 'node3' ? { ports: { '7946/tcp': 'dropped' }, smallPing: false } : {},
      ),
    );
    expect(kinds({ findings })).toEqual(['problem port-blocked node3']);
    expect(findings[0]?.message.en).toBe(
      '7946/tcp to node3 (10.0.0.3) gets no answer from any other node: it is dropped on the way',
    );
    expect(findings[0]?.fix.en).toContain('Open 7946/tcp on node3');
  });

  it('names the one source when only one path is refused', () => {
    const findings = doctor(
      paths((path) =>
        path.from === 'node2' && path.to === 'node1'
          ? { ports: { '2377/tcp': 'refused', '7946/tcp': 'open' } }
          : {},
      ),
    );
    expect(kinds({ findings })).toEqual(['problem port-blocked node1,node2']);
    expect(findings[0]?.message.en).toBe('2377/tcp from node2 to node1 (10.0.0.1) is refused');
  });

  it('blames VXLAN on the node every failing pair shares when the hosts reach each other', () => {
    const findings = doctor(
      paths((path) =>
        path.from === 'node3' || path.to === 'node3' ? { smallPing: false, largePing: false } : {},
      ),
    );
    expect(kinds({ findings })).toEqual(['problem overlay-blocked node3']);
    expect(findings[0]?.message.en).toBe(
      'containers on node3 reach none on node1, node2 over swarmlab-net, while the hosts themselves reach each other: VXLAN packets (4789/udp) to or from node3 are lost',
    );
  });

  it('blames gossip when the nodes do not even know where the other’s containers are', () => {
    const findings = doctor(
      paths((path) =>
        path.from === 'node3' || path.to === 'node3'
          ? { smallPing: false, largePing: false, peerKnown: path.from !== 'node3' }
          : {},
      ),
    );
    expect(kinds({ findings })).toEqual(['problem overlay-gossip node3']);
    expect(findings[0]?.message.en).toContain('the swarm’s gossip (7946/tcp and 7946/udp)');
    expect(findings[0]?.fix.en).toContain('systemctl restart docker');
  });

  it('names both nodes of the one pair that fails', () => {
    const findings = doctor(
      paths((path) =>
        [path.from, path.to].sort().join() === 'node1,node2'
          ? { smallPing: false, largePing: false }
          : {},
      ),
    );
    expect(kinds({ findings })).toEqual(['problem overlay-blocked node1,node2']);
  });

  it('calls large packets lost while small pass an MTU too big, with the size the interface allows', () => {
    const lowMtu = NODES.map((node) =>
      node.name === 'node2' ? { ...node, underlayMtu: 1400 } : node,
    );
    const findings = doctor(
      paths((path) => (path.from === 'node2' || path.to === 'node2' ? { largePing: false } : {})),
      lowMtu,
    );
    expect(kinds({ findings })).toEqual(['problem overlay-mtu node2']);
    expect(findings[0]?.message.en).toBe(
      'between node2 and node1, node3, overlay packets of 1450 bytes are lost while small ones pass: the MTU of swarmlab-net is too big for the path',
    );
    expect(findings[0]?.fix.en).toContain(
      'An interface on the way has MTU 1400, so the overlay may use at most 1350',
    );
    // Interfaces that all say 1500: the path between them is smaller; a step down is suggested.
    const path = doctor(
      paths((p) => (p.from === 'node2' || p.to === 'node2' ? { largePing: false } : {})),
    );
    expect(path[0]?.fix.en).toContain('`swarm.network.mtu: 1350`');
    expect(path[0]?.fix.en).toContain('the path between them carries less');
  });
});
