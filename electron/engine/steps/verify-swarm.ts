import { setTimeout as sleep } from 'node:timers/promises';
import { said, type CheckTranslations } from '../facts/checks';
import type { HostFacts } from '../facts/facts';
import type { Inventory } from '../inventory/schema';
import { shellJoin, shellQuote } from '../shell/quote';
import { isFirstManager } from '../swarm/swarm-info';
import {
  createServiceCommand,
  fetchEachScript,
  fetchRepeatedlyScript,
  HOST_MODE_PORT,
  INGRESS_PORT,
  nodeOfAnswer,
  overlayTasks,
  parseFetches,
  parseNodeList,
  parseTaskStates,
  PINNED_SERVICE,
  VERIFY_SERVICE,
  type SwarmNode,
} from '../swarm/verification';
import { fetchUntilAnswered, waitForServiceContainersToLeave } from '../swarm/settling';
import { swarmPorts } from './firewall';
import { factsKey } from './preflight';
import { StepFailure, type RemoteHost, type StepContext, type StepDefinition } from './step';

const CONVERGE_TIMEOUT_MS = 120_000;
/** Between polls of task state: a round trip costs ~0.1 s, tasks settle within seconds. */
const TASK_POLL_MS = 250;
const LOAD_BALANCE_REQUESTS = 12;
/**
 * How long a task that does not answer across the overlay is asked again. New tasks reach the
 * other nodes' overlay by gossip, within seconds (14 s seen on loaded lab hosts); a task still
 * silent after a minute is taken as unreachable.
 */
const OVERLAY_SETTLE_MS = 60_000;
const OVERLAY_RETRY_PAUSE_MS = 500;

/** One observed check of the verification; `passed` is set only from what was seen. */
export interface VerificationCheck {
  id:
    | 'nodes'
    | 'placement'
    | 'pinned'
    | 'reachability'
    | 'load-balancing'
    | 'host-ports'
    | 'routing-mesh';
  passed: boolean;
  /** What was observed, in plain words (English: logs, the CLI, the journal). */
  detail: string;
  /** The same in Chinese, for the wizard and the report (absent in older journals). */
  translations?: CheckTranslations;
}

export interface VerificationResult {
  nodes: SwarmNode[];
  checks: VerificationCheck[];
  /** How load balancing was proven: through the routing mesh, or by DNS round robin. */
  loadBalancing: 'routing-mesh' | 'dns-round-robin';
  /** Answers per node, from every fetch made. */
  answers: Record<string, number>;
  serviceKept: boolean;
}

/**
 * Proves the swarm works: every node Ready, a service spread one task per node, a task pinned
 * by constraint, tasks reaching each other across the overlay, and load balancing — through
 * the routing mesh where the kernel has IPVS, otherwise by DNS round robin and host-mode
 * ports, said plainly.
 */
export const verifySwarmStep: StepDefinition<undefined, Inventory> = {
  id: 'verify-swarm',
  title: { en: 'Verify the swarm', 'zh-CN': '验证集群' },
  explanation: {
    en: 'Deploys a small test service with one task per node, pins one task to a chosen node, and proves that tasks reach each other across the overlay network by name and that requests are balanced across tasks. Where the kernel lacks IPVS (no routing mesh), it says so and proves balancing by DNS round robin and host-mode ports instead. The test services are removed afterwards.',
    'zh-CN':
      '部署一个小测试服务（每个节点一个任务），把一个任务固定到指定节点，验证任务之间能通过 overlay 网络按服务名互相访问，且请求会分摊到不同任务。若内核缺少 IPVS（路由网格不可用），会如实说明，并改用 DNS 轮询和 host 模式端口来验证负载均衡。测试服务验证后会被删除。',
  },
  waitsFor: ['swarm-join', 'overlay-network', 'test-image', 'node-labels'],
  appliesTo: (host, hosts, options) => options.verify.enabled && isFirstManager(host, hosts),

  probe: async () => undefined,
  // Verification changes nothing that outlives it, so the step is never `changed`.
  decide: () => ({ kind: 'ok', message: 'verified' }),
  apply: async () => {},

  async verify(ctx) {
    const manager = ctx.remote;
    const sudo = { sudo: true } as const;
    const checks: VerificationCheck[] = [];
    const answers: Record<string, number> = {};
    const count = (answer: string) => {
      const node = nodeOfAnswer(answer);
      if (node) answers[node] = (answers[node] ?? 0) + 1;
    };

    const nodes = await readNodes(manager);
    const expected = ctx.hosts.map((host) => expectedNodeName(ctx, host.id));
    const missing = expected.filter((name) => !nodes.some((node) => node.hostname === name));
    const notReady = nodes.filter((node) => node.status !== 'Ready');
    checks.push({
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
    });

    const ipvsEverywhere = ctx.hosts.every(
      (host) => (ctx.shared.get(factsKey(host.id)) as HostFacts | undefined)?.ipvs === true,
    );
    const { image, replicasPerNode, keepService } = ctx.options.verify;
    const network = ctx.options.swarm.network.name;
    const pinnedNode = expected.at(-1) ?? '';

    await removeTestServices(manager);
    await waitForTestTasksToLeave(ctx, network);
    try {
      await manager.exec(
        createServiceCommand({
          name: VERIFY_SERVICE,
          image,
          network,
          replicas: nodes.length * replicasPerNode,
          maxPerNode: replicasPerNode,
          endpointMode: ipvsEverywhere ? 'vip' : 'dnsrr',
          publishHostPort: HOST_MODE_PORT,
          ...(ipvsEverywhere ? { publishIngressPort: INGRESS_PORT } : {}),
        }),
        sudo,
      );
      await manager.exec(
        createServiceCommand({
          name: PINNED_SERVICE,
          image,
          network,
          replicas: 1,
          constraint: `node.hostname==${pinnedNode}`,
          endpointMode: 'dnsrr',
        }),
        sudo,
      );
      const spread = await waitForTasks(ctx, VERIFY_SERVICE, nodes.length * replicasPerNode);
      const perNode = new Map<string, number>();
      for (const task of spread) perNode.set(task.node, (perNode.get(task.node) ?? 0) + 1);
      const empty = nodes
        .filter((node) => !perNode.has(node.hostname))
        .map((node) => node.hostname);
      checks.push({
        id: 'placement',
        passed: empty.length === 0 && spread.length === nodes.length * replicasPerNode,
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
      });

      const pinned = await waitForTasks(ctx, PINNED_SERVICE, 1);
      checks.push({
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
      });

      const probeContainer = await localTaskContainer(manager);
      const tasks = await waitForOverlayTasks(ctx, network, spread.length);
      const { answers: byTask, settledAfterMs } = await fetchUntilAnswered(
        async (targets) =>
          parseFetches((await execIn(manager, probeContainer, fetchEachScript(targets))).stdout),
        tasks.map((task) => `${task.ip}:80`),
        { timeoutMs: OVERLAY_SETTLE_MS, pauseMs: OVERLAY_RETRY_PAUSE_MS, signal: ctx.signal },
      );
      const nodeAt = (address: string) =>
        nodes.find((node) => node.address === address)?.hostname ?? address;
      const settled =
        settledAfterMs > 0
          ? {
              en: `; the last answered after ${(settledAfterMs / 1000).toFixed(1)} s, once the overlay knew it`,
              zh: `；最后一个任务在 ${(settledAfterMs / 1000).toFixed(1)} 秒后才应答（overlay 网络这时才识别到它）`,
            }
          : { en: '', zh: '' };
      const unreachable = tasks.filter((task) => {
        const answer = byTask.get(`${task.ip}:80`) ?? 'FAIL';
        count(answer);
        return answer === 'FAIL';
      });
      const managerName = expectedNodeName(ctx, ctx.host.id);
      const otherNodesReached = [...byTask.values()]
        .map(nodeOfAnswer)
        .filter((node) => node !== undefined && node !== managerName);
      checks.push({
        id: 'reachability',
        passed:
          tasks.length === spread.length &&
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
      });

      const byName = (
        await execIn(
          manager,
          probeContainer,
          fetchRepeatedlyScript(
            VERIFY_SERVICE,
            80,
            LOAD_BALANCE_REQUESTS,
            ipvsEverywhere ? 'vip' : 'dnsrr',
          ),
        )
      ).stdout
        .split('\n')
        .filter(Boolean);
      byName.forEach(count);
      const responders = new Set(byName.filter((answer) => answer !== 'FAIL'));
      const failedByName = byName.filter((answer) => answer === 'FAIL').length;
      checks.push({
        id: 'load-balancing',
        passed: failedByName === 0 && responders.size >= Math.min(2, spread.length),
        ...said(
          {
            detail: `${LOAD_BALANCE_REQUESTS} requests to ${VERIFY_SERVICE}:80 (${ipvsEverywhere ? 'virtual IP' : 'DNS round robin'}) were answered by ${responders.size} different tasks${failedByName ? `, ${failedByName} failed` : ''}`,
          },
          {
            detail: `发往 ${VERIFY_SERVICE}:80 的 ${LOAD_BALANCE_REQUESTS} 个请求（${ipvsEverywhere ? '虚拟 IP' : 'DNS 轮询'}）由 ${responders.size} 个不同的任务应答${failedByName ? `，${failedByName} 个失败` : ''}`,
          },
        ),
      });

      const hostPortUrls = nodes.map((node) => `${node.address}:${HOST_MODE_PORT}`);
      const byHostPort = parseFetches(
        (await execIn(manager, probeContainer, fetchEachScript(hostPortUrls))).stdout,
      );
      const wrongHostPorts = nodes.filter((node) => {
        const answer = byHostPort.get(`${node.address}:${HOST_MODE_PORT}`) ?? 'FAIL';
        count(answer);
        return nodeOfAnswer(answer) !== node.hostname;
      });
      checks.push({
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
      });

      if (ipvsEverywhere) {
        const meshUrls = nodes.map((node) => `${node.address}:${INGRESS_PORT}`);
        const byMesh = parseFetches(
          (await execIn(manager, probeContainer, fetchEachScript(meshUrls))).stdout,
        );
        const silent = nodes.filter(
          (node) => (byMesh.get(`${node.address}:${INGRESS_PORT}`) ?? 'FAIL') === 'FAIL',
        );
        [...byMesh.values()].forEach(count);
        checks.push({
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
        });
      } else {
        ctx.warn(
          'the kernel has no IPVS, so the swarm routing mesh and virtual-IP load balancing cannot work here; load balancing was proven by DNS round robin and host-mode ports instead',
        );
      }
    } finally {
      // Not waited for: their tasks stop on their own, and the next verification waits for
      // any still there before it publishes the same ports again.
      if (!keepService) await removeTestServices(manager);
    }

    const result: VerificationResult = {
      nodes,
      checks,
      loadBalancing: ipvsEverywhere ? 'routing-mesh' : 'dns-round-robin',
      answers,
      serviceKept: keepService,
    };
    const failed = checks.filter((check) => !check.passed);
    if (failed.length > 0) {
      throw new StepFailure(
        `verification failed: ${failed.map((check) => `${check.id}: ${check.detail}`).join('; ')}`,
        failed.some((check) => check.id === 'reachability')
          ? `swarm's overlay needs ${swarmPorts(ctx.options).join(', ')} open between the nodes — check their firewalls and any cloud security group`
          : undefined,
        result,
      );
    }
    return result;
  },

  preview(_host, facts, options, hosts) {
    const { image, replicasPerNode, keepService } = options.verify;
    const network = options.swarm.network.name;
    const last = hosts.at(-1);
    // Only this host's facts are known here; the run asks every node for IPVS.
    const vip = facts.ipvs;
    return {
      commands: [
        createServiceCommand({
          name: VERIFY_SERVICE,
          image,
          network,
          replicas: hosts.length * replicasPerNode,
          maxPerNode: replicasPerNode,
          endpointMode: vip ? 'vip' : 'dnsrr',
          publishHostPort: HOST_MODE_PORT,
          ...(vip ? { publishIngressPort: INGRESS_PORT } : {}),
        }),
        createServiceCommand({
          name: PINNED_SERVICE,
          image,
          network,
          replicas: 1,
          constraint: `node.hostname==${last?.hostname ?? last?.id ?? ''}`,
          endpointMode: 'dnsrr',
        }),
        ...(keepService ? [] : [`docker service rm ${VERIFY_SERVICE} ${PINNED_SERVICE}`]),
      ],
      files: [],
      note: `then fetches every task across ${network} from a task on this node, and by service name to see requests balanced (${vip ? 'virtual IP and routing mesh' : 'DNS round robin and host-mode ports: this kernel has no IPVS'})`,
    };
  },
};

function expectedNodeName(ctx: StepContext<Inventory>, hostId: string): string {
  const host = ctx.hosts.find((candidate) => candidate.id === hostId);
  const facts = ctx.shared.get(factsKey(hostId)) as HostFacts | undefined;
  return host?.hostname ?? facts?.hostname ?? hostId;
}

async function readNodes(manager: RemoteHost): Promise<SwarmNode[]> {
  const list = await manager.exec(
    "docker node ls --format '{{.ID}}|{{.Hostname}}|{{.Status}}|{{.Availability}}|{{.ManagerStatus}}'",
    { sudo: true },
  );
  const nodes = parseNodeList(list.stdout);
  if (nodes.length === 0) return [];
  const addresses = await manager.exec(
    `docker node inspect --format '{{.ID}}|{{.Status.Addr}}' ${shellJoin(nodes.map((node) => node.id))}`,
    { sudo: true },
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
async function waitForTasks(ctx: StepContext<Inventory>, service: string, expected: number) {
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  let running: { node: string; state: string; error: string }[] = [];
  let last = '';
  while (Date.now() < deadline) {
    const result = await ctx.remote.exec(
      `docker service ps --filter desired-state=running --format '{{.Node}}|{{.CurrentState}}|{{.Error}}' ${shellQuote(service)}`,
      { sudo: true, quiet: true },
    );
    const tasks = parseTaskStates(result.stdout);
    running = tasks.filter((task) => task.state.startsWith('Running'));
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
    `${service}: ${running.length} of ${expected} tasks running after ${CONVERGE_TIMEOUT_MS / 1000} s (${last || 'no tasks'})`,
    'check that the test image is on every node (verify.imageArchive) and that nodes can reach each other',
  );
}

/**
 * The verify service's tasks as the manager's overlay network knows them. Tasks on other nodes
 * reach that view by gossip, which lags behind `docker service ps` for a while after dockerd
 * restarted or a node rebooted (seen in the fault tests: 2 of 3 running tasks listed). So this
 * waits until every running task is listed, up to the convergence timeout, and then returns
 * what it has: the reachability check judges a view that stayed short.
 */
async function waitForOverlayTasks(
  ctx: StepContext<Inventory>,
  network: string,
  expected: number,
): Promise<ReturnType<typeof overlayTasks>> {
  const manager = ctx.remote;
  const deadline = Date.now() + CONVERGE_TIMEOUT_MS;
  for (;;) {
    const inspect = await manager.exec(`docker network inspect --verbose ${shellQuote(network)}`, {
      sudo: true,
      quiet: true,
    });
    const tasks = overlayTasks(inspect.stdout, VERIFY_SERVICE);
    if (tasks.length >= expected || Date.now() >= deadline || ctx.signal.aborted) return tasks;
    await sleep(TASK_POLL_MS);
  }
}

async function removeTestServices(manager: RemoteHost): Promise<void> {
  await manager.exec(
    `docker service rm ${VERIFY_SERVICE} ${PINNED_SERVICE} >/dev/null 2>&1 || true`,
    { sudo: true },
  );
}

/**
 * Waits until the test services of an earlier verification are gone: their containers from
 * every node (a worker still tearing down its last task on the overlay breaks the next one's
 * attachment), then their tasks from the manager's view of the overlay network (a task still
 * shutting down holds its host-mode port, and the new test service would stall on it).
 */
async function waitForTestTasksToLeave(
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
    });
    if (inspect.exitCode !== 0) return;
    const remaining = [VERIFY_SERVICE, PINNED_SERVICE].flatMap((service) =>
      overlayTasks(inspect.stdout, service),
    );
    if (remaining.length === 0) return;
    await sleep(TASK_POLL_MS);
  }
}

async function localTaskContainer(manager: RemoteHost): Promise<string> {
  const result = await manager.exec(
    `docker ps -q --filter label=com.docker.swarm.service.name=${VERIFY_SERVICE} | head -n 1`,
    { sudo: true },
  );
  const id = result.stdout.trim();
  if (!id) throw new StepFailure(`no ${VERIFY_SERVICE} task runs on the manager to test from`);
  return id;
}

function execIn(manager: RemoteHost, container: string, script: string) {
  return manager.exec(`docker exec ${shellQuote(container)} sh -c ${shellQuote(script)}`, {
    sudo: true,
  });
}
