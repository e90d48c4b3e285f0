/**
 * The verification's checks, one function each: each judges what was observed on the swarm and
 * says it in English and Chinese. Nothing here talks to a host, and nothing passes by default.
 */
import { said } from '../../facts/checks';
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

/** Every expected host is a swarm node, and every node is Ready. */
export function nodesCheck(
  nodes: readonly SwarmNode[],
  expected: readonly string[],
): VerificationCheck {
  const missing = expected.filter((name) => !nodes.some((node) => node.hostname === name));
  const notReady = nodes.filter((node) => node.status !== 'Ready');
  return {
    id: 'nodes',
    passed: missing.length === 0 && notReady.length === 0,
    ...(missing.length > 0
      ? said(
          { detail: `not in the swarm: ${missing.join(', ')}` },
          { detail: `不在集群中：${missing.join('、')}` },
        )
      : notReady.length > 0
        ? said(
            {
              detail: `not Ready: ${notReady.map((node) => `${node.hostname} (${node.status})`).join(', ')}`,
            },
            {
              detail: `未处于 Ready：${notReady.map((node) => `${node.hostname}（${node.status}）`).join('、')}`,
            },
          )
        : said(
            {
              detail: `${nodes.length} nodes Ready: ${nodes.map((node) => node.hostname).join(', ')}`,
            },
            {
              detail: `${nodes.length} 个节点均为 Ready：${nodes.map((node) => node.hostname).join('、')}`,
            },
          )),
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
    ...(empty.length === 0
      ? said(
          {
            detail: `${spread.length} tasks running: ${[...perNode].map(([node, tasks]) => `${node} ${tasks}`).join(', ')}`,
          },
          {
            detail: `${spread.length} 个任务正在运行：${[...perNode].map(([node, tasks]) => `${node} ${tasks} 个`).join('、')}`,
          },
        )
      : said(
          { detail: `no task running on ${empty.join(', ')}` },
          { detail: `${empty.join('、')} 上没有运行任何任务` },
        )),
  };
}

/** The pinned service's one task runs on the node its constraint names. */
export function pinnedCheck(pinned: readonly TaskState[], pinnedNode: string): VerificationCheck {
  return {
    id: 'pinned',
    passed: pinned.length === 1 && pinned[0]?.node === pinnedNode,
    ...said(
      {
        detail: `constraint node.hostname==${pinnedNode}: task runs on ${pinned[0]?.node ?? 'no node'}`,
      },
      {
        detail: `约束 node.hostname==${pinnedNode}：任务${pinned[0]?.node ? `运行在 ${pinned[0].node} 上` : '没有在任何节点上运行'}`,
      },
    ),
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
  const settled =
    settledAfterMs > 0
      ? {
          en: `; the last answered after ${(settledAfterMs / 1000).toFixed(1)} s, once the overlay knew it`,
          zh: `；最后一个任务在 ${(settledAfterMs / 1000).toFixed(1)} 秒后才应答（overlay 网络这时才识别到它）`,
        }
      : { en: '', zh: '' };
  const unreachable = tasks.filter((task) => (byTask.get(`${task.ip}:80`) ?? 'FAIL') === 'FAIL');
  const otherNodesReached = [...byTask.values()]
    .map(nodeOfAnswer)
    .filter((node) => node !== undefined && node !== managerName);
  return {
    id: 'reachability',
    passed:
      tasks.length === seen.runningTasks &&
      unreachable.length === 0 &&
      otherNodesReached.length > 0,
    ...(unreachable.length === 0
      ? said(
          {
            detail: `a task on ${managerName} reached all ${tasks.length} tasks over ${network}, on ${new Set(otherNodesReached).size} other nodes${settled.en}`,
          },
          {
            detail: `${managerName} 上的一个任务通过 ${network} 访问到了全部 ${tasks.length} 个任务，涉及另外 ${new Set(otherNodesReached).size} 个节点${settled.zh}`,
          },
        )
      : said(
          {
            detail: `could not reach ${unreachable.map((task) => `${task.ip} (on ${nodeAt(task.hostIp)})`).join(', ')} over ${network} within ${OVERLAY_SETTLE_MS / 1000} s`,
          },
          {
            detail: `${OVERLAY_SETTLE_MS / 1000} 秒内无法通过 ${network} 访问 ${unreachable.map((task) => `${task.ip}（位于 ${nodeAt(task.hostIp)}）`).join('、')}`,
          },
        )),
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
  return {
    id: 'load-balancing',
    passed: failedByName === 0 && responders.size >= Math.min(2, runningTasks),
    ...said(
      {
        detail: `${LOAD_BALANCE_REQUESTS} requests to ${VERIFY_SERVICE}:80 (${virtualIp ? 'virtual IP' : 'DNS round robin'}) were answered by ${responders.size} different tasks${failedByName ? `, ${failedByName} failed` : ''}`,
      },
      {
        detail: `发往 ${VERIFY_SERVICE}:80 的 ${LOAD_BALANCE_REQUESTS} 个请求（${virtualIp ? '虚拟 IP' : 'DNS 轮询'}）由 ${responders.size} 个不同的任务应答${failedByName ? `，${failedByName} 个失败` : ''}`,
      },
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
    ...(wrongHostPorts.length === 0
      ? said(
          {
            detail: `port ${HOST_MODE_PORT} (host mode) answered on every node by that node’s own task`,
          },
          { detail: `每个节点的 ${HOST_MODE_PORT} 端口（host 模式）都由该节点自己的任务应答` },
        )
      : said(
          {
            detail: `port ${HOST_MODE_PORT} did not answer correctly on ${wrongHostPorts.map((node) => node.hostname).join(', ')}`,
          },
          {
            detail: `${wrongHostPorts.map((node) => node.hostname).join('、')} 上的 ${HOST_MODE_PORT} 端口没有正确应答`,
          },
        )),
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
    ...(silent.length === 0
      ? said(
          { detail: `port ${INGRESS_PORT} answered through the routing mesh on every node` },
          { detail: `每个节点的 ${INGRESS_PORT} 端口都通过路由网格应答` },
        )
      : said(
          {
            detail: `the routing mesh did not answer on ${silent.map((node) => node.hostname).join(', ')}`,
          },
          {
            detail: `路由网格在 ${silent.map((node) => node.hostname).join('、')} 上没有应答`,
          },
        )),
  };
}
