/**
 * The verification's checks, one function each: each judges what was observed on the swarm and
 * says it in English and Chinese. Nothing here talks to a host, and nothing passes by default.
 */
import { localizedWords } from '../../facts/checks/check';
import { localized, localizedList } from '../../../shared/messages';
import type { SwarmNode } from '../../../shared/checks';
import type { OverlayTask, TaskState } from '../../swarm/verification';
import {
  HOST_MODE_PORT,
  INGRESS_PORT,
  nodeOfAnswer,
  VERIFY_SERVICE,
} from '../../swarm/verification';
import type { VerificationCheck } from '../../../shared/checks';

/** Requests made to the test service by name to see them spread over its tasks. */
export const LOAD_BALANCE_REQUESTS = 12;
/**
 * How long a task that does not answer across the overlay is asked again. New tasks reach the
 * other nodes' overlay by gossip, within seconds (14 s seen on loaded lab hosts); a task still
 * silent after a minute is taken as unreachable.
 */
export const OVERLAY_SETTLE_MS = 60_000;

/** Adds answers to the per-node tally; answers that name no node (FAIL) count for nothing. */
export function countAnswers(tally: Record<string, number>, answers: Iterable<string>): void {
  for (const answer of answers) {
    const node = nodeOfAnswer(answer);
    if (node) tally[node] = (tally[node] ?? 0) + 1;
  }
}

/** The expected nodes the swarm does not list, and the listed nodes that are not Ready. */
export function nodeProblems(
  nodes: readonly SwarmNode[],
  expected: readonly string[],
): { missing: string[]; notReady: SwarmNode[] } {
  return {
    missing: expected.filter((name) => !nodes.some((node) => node.hostname === name)),
    notReady: nodes.filter((node) => node.status !== 'Ready'),
  };
}

/** Every expected host is a swarm node, and every node is Ready. */
export function nodesCheck(
  nodes: readonly SwarmNode[],
  expected: readonly string[],
): VerificationCheck {
  const { missing, notReady } = nodeProblems(nodes, expected);
  return {
    id: 'nodes',
    passed: missing.length === 0 && notReady.length === 0,
    ...localizedWords(
      missing.length > 0
        ? localized('verify.nodes.missing', { nodes: localizedList(missing) })
        : notReady.length > 0
          ? localized('verify.nodes.notReady', {
              nodes: localizedList(
                notReady.map((node) =>
                  localized('verify.nodes.notReadyNode', {
                    node: node.hostname,
                    status: node.status,
                  }),
                ),
              ),
            })
          : localized('verify.nodes.ready', {
              count: nodes.length,
              nodes: localizedList(nodes.map((node) => node.hostname)),
            }),
    ),
  };
}

/** The spread service runs all its tasks, and every node runs at least one. */
export function placementCheck(
  nodes: readonly SwarmNode[],
  spread: readonly TaskState[],
  expectedTasks: number,
): VerificationCheck {
  const perNode = new Map<string, number>();
  for (const task of spread) perNode.set(task.node, (perNode.get(task.node) ?? 0) + 1);
  const empty = nodes.filter((node) => !perNode.has(node.hostname)).map((node) => node.hostname);
  return {
    id: 'placement',
    passed: empty.length === 0 && spread.length === expectedTasks,
    ...localizedWords(
      empty.length === 0
        ? localized('verify.placement.running', {
            count: spread.length,
            nodes: localizedList(
              [...perNode].map(([node, tasks]) =>
                localized('verify.placement.tasksOnNode', { node, tasks }),
              ),
            ),
          })
        : localized('verify.placement.empty', { nodes: localizedList(empty) }),
    ),
  };
}

/** The pinned service's one task runs on the node its constraint names. */
export function pinnedCheck(pinned: readonly TaskState[], pinnedNode: string): VerificationCheck {
  const node = pinned[0]?.node;
  const where = node
    ? localized('verify.pinned.onNode', { node })
    : localized('verify.pinned.noNode');
  // A task docker lists with an empty node name has always read "runs on " in English.
  if (node === '') where.en = '';
  return {
    id: 'pinned',
    passed: pinned.length === 1 && node === pinnedNode,
    ...localizedWords(localized('verify.pinned.detail', { constraint: pinnedNode, where })),
  };
}

export interface ReachabilityObservation {
  nodes: readonly SwarmNode[];
  /** The node name of the manager whose task made the requests. */
  managerName: string;
  network: string;
  /** How many tasks of the spread service run. */
  runningTasks: number;
  /** The tasks as the manager's overlay network lists them. */
  tasks: readonly OverlayTask[];
  /** Each task's answer, by `ip:80`. */
  byTask: ReadonlyMap<string, string>;
  /** How long the last task took to answer; 0 when all answered at once. */
  settledAfterMs: number;
}

/** A task on the manager reaches every task over the overlay, some of them on other nodes. */
export function reachabilityCheck(seen: ReachabilityObservation): VerificationCheck {
  const { nodes, managerName, network, tasks, byTask, settledAfterMs } = seen;
  const nodeAt = (address: string) =>
    nodes.find((node) => node.address === address)?.hostname ?? address;
  const unreachable = tasks.filter((task) => (byTask.get(`${task.ip}:80`) ?? 'FAIL') === 'FAIL');
  const otherNodesReached = [...byTask.values()]
    .map(nodeOfAnswer)
    .filter((node) => node !== undefined && node !== managerName);
  const reached = {
    manager: managerName,
    count: tasks.length,
    network,
    otherNodes: new Set(otherNodesReached).size,
  };
  return {
    id: 'reachability',
    passed:
      tasks.length === seen.runningTasks &&
      unreachable.length === 0 &&
      otherNodesReached.length > 0,
    ...localizedWords(
      unreachable.length > 0
        ? localized('verify.reachability.unreachable', {
            tasks: localizedList(
              unreachable.map((task) =>
                localized('verify.reachability.unreachableTask', {
                  ip: task.ip,
                  node: nodeAt(task.hostIp),
                }),
              ),
            ),
            network,
            seconds: OVERLAY_SETTLE_MS / 1000,
          })
        : settledAfterMs > 0
          ? localized('verify.reachability.reachedLate', {
              ...reached,
              seconds: (settledAfterMs / 1000).toFixed(1),
            })
          : localized('verify.reachability.reached', reached),
    ),
  };
}

/** Requests by service name all answered, by at least two tasks where two run. */
export function loadBalancingCheck(
  byName: readonly string[],
  runningTasks: number,
  virtualIp: boolean,
): VerificationCheck {
  const responders = new Set(byName.filter((answer) => answer !== 'FAIL'));
  const failedByName = byName.filter((answer) => answer === 'FAIL').length;
  const answered = {
    // What was sent and counted, as the bars beside it add up (not the planned number).
    requests: byName.length,
    service: VERIFY_SERVICE,
    method: virtualIp
      ? localized('verify.load-balancing.virtualIp')
      : localized('verify.load-balancing.dnsRoundRobin'),
    responders: responders.size,
  };
  return {
    id: 'load-balancing',
    passed: failedByName === 0 && responders.size >= Math.min(2, runningTasks),
    ...localizedWords(
      failedByName
        ? localized('verify.load-balancing.answeredSomeFailed', {
            ...answered,
            failed: failedByName,
          })
        : localized('verify.load-balancing.answered', answered),
    ),
  };
}

/** Each node's host-mode port is answered by that node's own task. */
export function hostPortsCheck(
  nodes: readonly SwarmNode[],
  byHostPort: ReadonlyMap<string, string>,
): VerificationCheck {
  const wrongHostPorts = nodes.filter(
    (node) =>
      nodeOfAnswer(byHostPort.get(`${node.address}:${HOST_MODE_PORT}`) ?? 'FAIL') !== node.hostname,
  );
  return {
    id: 'host-ports',
    passed: wrongHostPorts.length === 0,
    ...localizedWords(
      wrongHostPorts.length === 0
        ? localized('verify.host-ports.answered', { port: HOST_MODE_PORT })
        : localized('verify.host-ports.wrong', {
            port: HOST_MODE_PORT,
            nodes: localizedList(wrongHostPorts.map((node) => node.hostname)),
          }),
    ),
  };
}

/** The routing mesh's ingress port answers on every node. */
export function routingMeshCheck(
  nodes: readonly SwarmNode[],
  byMesh: ReadonlyMap<string, string>,
): VerificationCheck {
  const silent = nodes.filter(
    (node) => (byMesh.get(`${node.address}:${INGRESS_PORT}`) ?? 'FAIL') === 'FAIL',
  );
  return {
    id: 'routing-mesh',
    passed: silent.length === 0,
    ...localizedWords(
      silent.length === 0
        ? localized('verify.routing-mesh.answered', { port: INGRESS_PORT })
        : localized('verify.routing-mesh.silent', {
            nodes: localizedList(silent.map((node) => node.hostname)),
          }),
    ),
  };
}
