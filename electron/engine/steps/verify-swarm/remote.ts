/**
 * What the verification does on the first manager: start and remove the test services, wait for
 * their tasks, and read what the swarm and its tasks answer.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { localized } from '../../../shared/messages';
import type { Inventory } from '../../inventory/schema';
import { shellJoin, shellQuote } from '../../shell/quote';
import { fetchUntilAnswered, waitForServiceContainersToLeave } from '../../swarm/settling';
import {
  createServiceCommand,
  fetchEachScript,
  fetchRepeatedlyScript,
  HOST_MODE_PORT,
  INGRESS_PORT,
  overlayTasks,
  parseFetches,
  parseNodeList,
  parseTaskStates,
  PINNED_SERVICE,
  runningTasks,
  taskStatesCommand,
  VERIFY_SERVICE,
  type OverlayTask,
  type TaskState,
} from '../../swarm/verification';
import type { SwarmNode } from '../../../shared/checks';
import { StepFailure, type RemoteHost, type StepContext } from '../step';
import { LOAD_BALANCE_REQUESTS, OVERLAY_SETTLE_MS } from './checks';
import { purpose } from '../../remote/purpose';

const CONVERGE_TIMEOUT_MS = 120_000;
/** Between polls of task state: a round trip costs ~0.1 s, tasks settle within seconds. */
const TASK_POLL_MS = 250;
const OVERLAY_RETRY_PAUSE_MS = 500;

export interface TestServices {
  image: string;
  network: string;
  /** Nodes the spread service is sized for. */
  nodeCount: number;
  replicasPerNode: number;
  /** The node the pinned service's constraint names. */
  pinnedNode: string;
  /** Every node has IPVS: a virtual IP and the routing mesh, else DNS round robin. */
  virtualIp: boolean;
}

/** The commands that create the spread test service and the pinned one. */
export function testServiceCommands(services: TestServices): [string, string] {
  const { image, network, nodeCount, replicasPerNode, pinnedNode, virtualIp } = services;
  return [
    createServiceCommand({
      name: VERIFY_SERVICE,
      image,
      network,
      replicas: nodeCount * replicasPerNode,
      maxPerNode: replicasPerNode,
      endpointMode: virtualIp ? 'vip' : 'dnsrr',
      publishHostPort: HOST_MODE_PORT,
      ...(virtualIp ? { publishIngressPort: INGRESS_PORT } : {}),
    }),
    createServiceCommand({
      name: PINNED_SERVICE,
      image,
      network,
      replicas: 1,
      constraint: `node.hostname==${pinnedNode}`,
      endpointMode: 'dnsrr',
    }),
  ];
}

export async function startTestServices(
  manager: RemoteHost,
  services: TestServices,
): Promise<void> {
  for (const command of testServiceCommands(services))
    await manager.exec(command, { sudo: true, purpose: purpose('startTestService') });
}

export async function removeTestServices(manager: RemoteHost): Promise<void> {
  await manager.exec(
    `docker service rm ${VERIFY_SERVICE} ${PINNED_SERVICE} >/dev/null 2>&1 || true`,
    { sudo: true, purpose: purpose('removeTestServices') },
  );
}

/** The swarm's nodes as the manager lists them, each with its address. */
export async function readNodes(manager: RemoteHost): Promise<SwarmNode[]> {
  const list = await manager.exec(
    "docker node ls --format '{{.ID}}|{{.Hostname}}|{{.Status}}|{{.Availability}}|{{.ManagerStatus}}'",
    { sudo: true, purpose: purpose('nodeList') },
  );
  const nodes = parseNodeList(list.stdout);
  if (nodes.length === 0) return [];
  const addresses = await manager.exec(
    `docker node inspect --format '{{.ID}}|{{.Status.Addr}}' ${shellJoin(nodes.map((node) => node.id))}`,
    { sudo: true, purpose: purpose('nodeAddresses') },
  );
  const addressOf = new Map(
    addresses.stdout
      .split('\n')
      .filter((line) => line.includes('|'))
      .map((line) => line.split('|') as [string, string]),
  );
  return nodes.map((node) => ({ ...node, address: addressOf.get(node.id) ?? '' }));
}

/** Polls until `expected` tasks of a service run; returns the running ones (or fails on timeout). */
export async function waitForTasks(
  ctx: StepContext<Inventory>,
  service: string,
  expected: number,
): Promise<TaskState[]> {
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  let running: TaskState[] = [];
  let last = '';
  while (Date.now() < deadline) {
    const result = await ctx.remote.exec(taskStatesCommand(service), {
      sudo: true,
      quiet: true,
      purpose: purpose('testTasks'),
    });
    const tasks = parseTaskStates(result.stdout);
    running = runningTasks(result.stdout);
    last = tasks
      .map((task) => `${task.node || '?'}: ${task.state}${task.error ? ` (${task.error})` : ''}`)
      .join(', ');
    if (running.length >= expected) return running;
    if (ctx.signal.aborted) break;
    // Each poll is one cheap round trip; tasks start in a few seconds, so a whole second between
    // polls was a large share of the wait.
    await sleep(TASK_POLL_MS);
  }
  throw new StepFailure(
    localized('failures.verify-swarm.tasksShort', {
      service,
      running: running.length,
      expected,
      seconds: CONVERGE_TIMEOUT_MS / 1000,
      tasks: last || localized('failures.verify-swarm.noTasks'),
    }),
    localized('failures.verify-swarm.tasksShortFix'),
  );
}

/**
 * A service's tasks (the verify service's unless said) as the manager's overlay network knows
 * them. Tasks on other nodes reach that view by gossip, which lags behind `docker service ps`
 * for a while after dockerd restarted or a node rebooted (seen in the fault tests: 2 of 3
 * running tasks listed). So this waits until every running task is listed, up to the
 * convergence timeout (or `timeoutMs`), and then returns what it has: the caller judges a view
 * that stayed short.
 */
export async function waitForOverlayTasks(
  ctx: Pick<StepContext<unknown>, 'remote' | 'signal'>,
  network: string,
  expected: number,
  { service = VERIFY_SERVICE, timeoutMs = CONVERGE_TIMEOUT_MS } = {},
): Promise<OverlayTask[]> {
  const manager = ctx.remote;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const inspect = await manager.exec(`docker network inspect --verbose ${shellQuote(network)}`, {
      sudo: true,
      quiet: true,
      purpose: purpose('overlayPeers'),
    });
    const tasks = overlayTasks(inspect.stdout, service);
    if (tasks.length >= expected || Date.now() >= deadline || ctx.signal.aborted) return tasks;
    await sleep(TASK_POLL_MS);
  }
}

/**
 * Waits until the test services of an earlier verification are gone: their containers from
 * every node (a worker still tearing down its last task on the overlay breaks the next one's
 * attachment), then their tasks from the manager's view of the overlay network (a task still
 * shutting down holds its host-mode port, and the new test service would stall on it).
 */
export async function waitForTestTasksToLeave(
  ctx: StepContext<Inventory>,
  network: string,
): Promise<void> {
  await waitForServiceContainersToLeave(
    ctx.hosts.map((host) => ctx.remoteFor(host.id)),
    [VERIFY_SERVICE, PINNED_SERVICE],
    { timeoutMs: CONVERGE_TIMEOUT_MS, pauseMs: TASK_POLL_MS, signal: ctx.signal },
  );
  const manager = ctx.remote;
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const inspect = await manager.exec(`docker network inspect --verbose ${shellQuote(network)}`, {
      sudo: true,
      quiet: true,
      allowFailure: true,
      purpose: purpose('overlayPeers'),
    });
    if (inspect.exitCode !== 0) return;
    const remaining = [VERIFY_SERVICE, PINNED_SERVICE].flatMap((service) =>
      overlayTasks(inspect.stdout, service),
    );
    if (remaining.length === 0) return;
    await sleep(TASK_POLL_MS);
  }
}

/** A container of the verify service's task on the manager, to make requests from. */
export async function localTaskContainer(manager: RemoteHost): Promise<string> {
  const result = await manager.exec(
    `docker ps -q --filter label=com.docker.swarm.service.name=${VERIFY_SERVICE} | head -n 1`,
    { sudo: true, purpose: purpose('testContainer') },
  );
  const id = result.stdout.trim();
  if (!id)
    throw new StepFailure(
      localized('failures.verify-swarm.noTaskOnManager', { service: VERIFY_SERVICE }),
    );
  return id;
}

function execIn(manager: RemoteHost, container: string, script: string) {
  return manager.exec(`docker exec ${shellQuote(container)} sh -c ${shellQuote(script)}`, {
    sudo: true,
    purpose: purpose('requests'),
  });
}

/** From inside a task, fetches each `host:port` once; answers by target. */
export async function fetchEach(
  manager: RemoteHost,
  container: string,
  targets: readonly string[],
): Promise<Map<string, string>> {
  return parseFetches((await execIn(manager, container, fetchEachScript(targets))).stdout);
}

/** From inside a task, asks each overlay task until all answer or the overlay settle time ends. */
export function fetchTasksUntilAnswered(
  ctx: StepContext<Inventory>,
  container: string,
  tasks: readonly OverlayTask[],
): ReturnType<typeof fetchUntilAnswered> {
  return fetchUntilAnswered(
    (targets) => fetchEach(ctx.remote, container, targets),
    tasks.map((task) => `${task.ip}:80`),
    { timeoutMs: OVERLAY_SETTLE_MS, pauseMs: OVERLAY_RETRY_PAUSE_MS, signal: ctx.signal },
  );
}

/** From inside a task, requests the verify service by name; the answers in order. */
export async function fetchByServiceName(
  manager: RemoteHost,
  container: string,
  virtualIp: boolean,
): Promise<string[]> {
  const script = fetchRepeatedlyScript(
    VERIFY_SERVICE,
    80,
    LOAD_BALANCE_REQUESTS,
    virtualIp ? 'vip' : 'dnsrr',
  );
  return (await execIn(manager, container, script)).stdout.split('\n').filter(Boolean);
}
