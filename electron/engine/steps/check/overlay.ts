/**
 * `swarmlab check`, part 2, the overlay doctor: between every pair of working nodes it tests
 * what swarm needs — TCP to 2377 on managers and 7946 everywhere, from the hosts; then, from a
 * short-lived probe container on each node, pings over the overlay network with small packets
 * and with packets that fill its MTU — and says which cause the failures point to. The probe
 * service is removed again whatever happens.
 */
import type { HealthFinding, OverlayHealth, PathHealth } from '../../../shared/health';
import { localized } from '../../../shared/messages';
import type { Inventory } from '../../inventory/schema';
import { purpose } from '../../remote/purpose';
import { shellJoin, shellQuote } from '../../shell/quote';
import { pollUntil } from '../../swarm/settling';
import {
  createServiceCommand,
  overlayTasks,
  runningTasks,
  taskStatesCommand,
} from '../../swarm/verification';
import { terminalSafe } from '../../text/terminal-safe';
import { StepFailure, type RemoteHost, type StepContext } from '../step';
import type { HostReading } from './cluster-findings';
import { CLUSTER_OBSERVATION, type ClusterObservation } from './cluster';
import { healthStep } from './health-step';
import { mtuOf } from './node-state';
import {
  NO_PING,
  overlayFindings,
  overlayPingScript,
  parseOverlayPings,
  parsePortProbes,
  portProbeScript,
  type DoctorNode,
} from './overlay-findings';

/** The probe service's name: one task on every node, removed at the end of the check. */
export const PROBE_SERVICE = 'swarmlab-check-probe';
/** Docker's overlay MTU when the network sets none: 1500 less VXLAN's 50 bytes. */
const DEFAULT_OVERLAY_MTU = 1450;
const PROBE_START_MS = 60_000;
const POLL_MS = 500;

interface Participant {
  reading: HostReading;
  node: DoctorNode;
  remote: RemoteHost;
}

/** Nodes that can take part: Docker runs, they are in the swarm and the managers see them Ready. */
function participants(ctx: StepContext<Inventory>, observed: ClusterObservation): Participant[] {
  return observed.readings.flatMap((reading) => {
    const state = reading.state;
    if (state?.docker !== 'active' || state.swarm !== 'active') return [];
    const member = observed.members?.get(state.nodeId);
    if (member && member.state !== 'ready') return [];
    const address = state.advertiseAddress || member?.address || reading.host.address;
    return [
      {
        reading,
        remote: ctx.remoteFor(reading.host.id),
        node: {
          name: reading.name,
          address,
          manager: member ? member.manager !== null : state.isManager,
          underlayMtu: mtuOf(state, address),
        },
      },
    ];
  });
}

/** From every node at once, TCP to 7946 on every other node and to 2377 on the managers. */
async function probePorts(
  nodes: readonly Participant[],
): Promise<Map<string, Map<string, PathHealth['ports'][string]>>> {
  const answers = await Promise.all(
    nodes.map(async (from) => {
      const targets = nodes
        .filter((to) => to !== from)
        .flatMap((to) => [
          ...(to.node.manager ? [{ address: to.node.address, port: 2377 }] : []),
          { address: to.node.address, port: 7946 },
        ]);
      const result = await from.remote.exec(portProbeScript(targets), {
        sudo: true,
        quiet: true,
        allowFailure: true,
        purpose: purpose('swarmPorts'),
      });
      return [from.node.name, parsePortProbes(result.stdout)] as const;
    }),
  );
  return new Map(answers);
}

/** The overlay's MTU: the network's own option, else Docker's default. */
async function overlayMtu(manager: RemoteHost, network: string): Promise<number> {
  const result = await manager.exec(
    `docker network inspect --format ${shellQuote('{{index .Options "com.docker.network.driver.mtu"}}')} ${shellQuote(network)}`,
    { sudo: true, quiet: true, allowFailure: true, purpose: purpose('network') },
  );
  const mtu = Number.parseInt(result.stdout.trim(), 10);
  return Number.isFinite(mtu) && mtu > 0 ? mtu : DEFAULT_OVERLAY_MTU;
}

/** Starts the probe service (one task per node) and waits until each participant runs one. */
async function startProbes(
  ctx: StepContext<Inventory>,
  manager: RemoteHost,
  nodes: readonly Participant[],
): Promise<Set<string>> {
  const network = ctx.options.swarm.network.name;
  await removeProbes(manager);
  const created = await manager.exec(
    createServiceCommand({
      name: PROBE_SERVICE,
      image: ctx.options.verify.image,
      network,
      replicas: 1,
      mode: 'global',
      endpointMode: 'dnsrr',
    }),
    { sudo: true, allowFailure: true, purpose: purpose('startTestService') },
  );
  if (created.exitCode !== 0) {
    throw new StepFailure(
      localized('health.probeNotCreated', {
        network,
        error: terminalSafe(created.stderr.trim()).slice(0, 300),
      }),
      localized('health.probeNotCreatedFix'),
    );
  }
  const wanted = nodes.map((node) => node.node.name);
  const { answer: running } = await pollUntil(
    async () => {
      const tasks = await manager.exec(taskStatesCommand(PROBE_SERVICE), {
        sudo: true,
        quiet: true,
        allowFailure: true,
        purpose: purpose('testTasks'),
      });
      return new Set(runningTasks(tasks.stdout).map((task) => task.node));
    },
    (seen) => wanted.every((name) => seen.has(name)),
    { timeoutMs: PROBE_START_MS, pauseMs: POLL_MS, signal: ctx.signal },
  );
  return running;
}

async function removeProbes(manager: RemoteHost): Promise<void> {
  await manager.exec(`docker service rm ${PROBE_SERVICE} >/dev/null 2>&1 || true`, {
    sudo: true,
    quiet: true,
    purpose: purpose('removeTestServices'),
  });
}

/** The probe container on a node and its address on the overlay, once it is there. */
async function probeContainer(
  ctx: StepContext<Inventory>,
  node: Participant,
): Promise<{ id: string; ip: string } | undefined> {
  // The network name is a Go template string here (inspect's format), inside a shell word.
  const format = `{{.Id}} {{with index .NetworkSettings.Networks ${JSON.stringify(ctx.options.swarm.network.name)}}}{{.IPAddress}}{{end}}`;
  const script = [
    `id=$(docker ps -q --filter label=com.docker.swarm.service.name=${PROBE_SERVICE} | head -n 1)`,
    `[ -z "$id" ] || docker inspect --format ${shellQuote(format)} "$id"`,
  ].join('\n');
  const { answer, settled } = await pollUntil(
    async () => {
      const result = await node.remote.exec(script, {
        sudo: true,
        quiet: true,
        allowFailure: true,
        purpose: purpose('testContainer'),
      });
      const [id = '', ip = ''] = result.stdout.trim().split(' ');
      return { id, ip };
    },
    ({ id, ip }) => id !== '' && ip !== '',
    { timeoutMs: PROBE_START_MS / 4, pauseMs: POLL_MS, signal: ctx.signal },
  );
  return settled ? answer : undefined;
}

/**
 * Pings from each node's probe container to every other one's, all nodes at once. A node whose
 * probe has no ping is left out of the result (`noPing`).
 */
async function pingAcross(
  probes: ReadonlyMap<string, { id: string; ip: string; node: Participant }>,
  mtu: number,
  noPing: Set<string>,
): Promise<Map<string, Map<string, { small: boolean; large: boolean }>>> {
  const answers = await Promise.all(
    [...probes.entries()].map(async ([name, probe]) => {
      const peers = [...probes.values()]
        .filter((other) => other !== probe)
        .map((other) => other.ip);
      const result = await probe.node.remote.exec(
        shellJoin(['docker', 'exec', probe.id, 'sh', '-c', overlayPingScript(peers, mtu)]),
        { sudo: true, quiet: true, allowFailure: true, purpose: purpose('overlayPing') },
      );
      if (result.stdout.includes(NO_PING)) noPing.add(name);
      return [name, parseOverlayPings(result.stdout)] as const;
    }),
  );
  return new Map(answers);
}

/**
 * The probe tasks each node's view of the overlay lists (by address): what gossip has told it.
 * Read after the pings, which gave gossip its time.
 */
async function overlayViews(
  network: string,
  probes: ReadonlyMap<string, { node: Participant }>,
): Promise<Map<string, Set<string>>> {
  const views = await Promise.all(
    [...probes.entries()].map(async ([name, probe]) => {
      const inspect = await probe.node.remote.exec(
        `docker network inspect --verbose ${shellQuote(network)}`,
        { sudo: true, quiet: true, allowFailure: true, purpose: purpose('overlayPeers') },
      );
      let known: string[] = [];
      try {
        known = overlayTasks(inspect.stdout, PROBE_SERVICE).map((task) => task.ip);
      } catch {
        // Not JSON (the network is gone on this node): it knows no task.
      }
      return [name, new Set(known)] as const;
    }),
  );
  return new Map(views);
}

function probeFailure(
  name: string,
  reason: 'task' | 'container' | 'ping',
  image = '',
): HealthFinding {
  const words = { node: name, service: PROBE_SERVICE, image };
  return {
    kind: 'probe-failed',
    severity: 'problem',
    nodes: [name],
    message: localized(
      reason === 'task'
        ? 'health.probeNoTask'
        : reason === 'container'
          ? 'health.probeNoContainer'
          : 'health.probeNoPing',
      words,
    ),
    fix: localized(reason === 'ping' ? 'health.probeNoPingFix' : 'health.probeNoTaskFix', words),
  };
}

async function doctor(
  ctx: StepContext<Inventory>,
  observed: ClusterObservation,
): Promise<OverlayHealth> {
  const network = ctx.options.swarm.network.name;
  const nodes = participants(ctx, observed);
  const managerId = observed.managerId;
  if (nodes.length < 2 || !managerId) {
    return { area: 'overlay', network, mtu: DEFAULT_OVERLAY_MTU, paths: [], findings: [] };
  }
  const manager = ctx.remoteFor(managerId);
  const [ports, mtu] = await Promise.all([probePorts(nodes), overlayMtu(manager, network)]);
  const findings: HealthFinding[] = [];
  const probes = new Map<string, { id: string; ip: string; node: Participant }>();
  let pings = new Map<string, Map<string, { small: boolean; large: boolean }>>();
  let views = new Map<string, Set<string>>();
  try {
    const running = await startProbes(ctx, manager, nodes);
    await Promise.all(
      nodes.map(async (node) => {
        if (!running.has(node.node.name))
          return findings.push(probeFailure(node.node.name, 'task'));
        const container = await probeContainer(ctx, node);
        if (!container) return findings.push(probeFailure(node.node.name, 'container'));
        probes.set(node.node.name, { ...container, node });
      }),
    );
    const noPing = new Set<string>();
    pings = await pingAcross(probes, mtu, noPing);
    for (const name of noPing) {
      probes.delete(name);
      findings.push(probeFailure(name, 'ping', ctx.options.verify.image));
    }
    views = await overlayViews(network, probes);
  } finally {
    await removeProbes(manager);
  }
  const paths: PathHealth[] = nodes.flatMap((from) =>
    nodes
      .filter((to) => to !== from)
      .map((to) => {
        const heard = ports.get(from.node.name);
        const targetIp = probes.get(to.node.name)?.ip ?? '';
        const ping = pings.get(from.node.name)?.get(targetIp);
        const tested = probes.has(from.node.name) && probes.has(to.node.name);
        return {
          from: from.node.name,
          to: to.node.name,
          ports: Object.fromEntries(
            [...(to.node.manager ? [2377] : []), 7946].map((port) => [
              `${port}/tcp`,
              heard?.get(`${to.node.address}:${port}`) ?? 'dropped',
            ]),
          ),
          // A pair without both probes was not tested: it is not called broken here (the
          // missing probe is its own finding).
          smallPing: tested ? (ping?.small ?? false) : true,
          largePing: tested ? (ping?.large ?? false) : true,
          peerKnown: tested ? (views.get(from.node.name)?.has(targetIp) ?? false) : true,
        };
      }),
  );
  findings.push(
    ...overlayFindings({
      network,
      mtu,
      dataPathPort: ctx.options.swarm.dataPathPort ?? 4789,
      nodes: nodes.map((node) => node.node),
      paths,
    }),
  );
  return { area: 'overlay', network, mtu, paths, findings };
}

// The doctor tests the nodes that work even when the cluster check found others that do not.
export const checkOverlayStep = healthStep('check-overlay', 'check-cluster', async (ctx) => {
  const observed = ctx.shared.get(CLUSTER_OBSERVATION) as ClusterObservation | undefined;
  if (!observed) throw new StepFailure(localized('health.clusterNotRead'));
  return doctor(ctx, observed);
});
