import { setTimeout as sleep } from 'node:timers/promises';
import { localized, localizedClauses, localizedList } from '../../../shared/messages';
import { localizedCheckWords } from '../../facts/checks/check';
import type { HostFacts } from '../../facts/facts';
import type { SwarmNode, VerificationCheck, VerificationResult } from '../../../shared/checks';
import type { Inventory } from '../../inventory/schema';
import { isFirstManager } from '../../swarm/swarm-info';
import {
  HOST_MODE_PORT,
  INGRESS_PORT,
  PINNED_SERVICE,
  VERIFY_SERVICE,
} from '../../swarm/verification';
import { swarmPorts } from '../firewall';
import { factsKey } from '../preflight';
import { StepFailure, type StepContext, type StepDefinition } from '../step';
import {
  countAnswers,
  hostPortsCheck,
  loadBalancingCheck,
  nodeProblems,
  nodesCheck,
  pinnedCheck,
  placementCheck,
  reachabilityCheck,
  routingMeshCheck,
} from './checks';
import {
  fetchByServiceName,
  fetchEach,
  fetchTasksUntilAnswered,
  localTaskContainer,
  readNodes,
  removeTestServices,
  startTestServices,
  testServiceCommands,
  waitForOverlayTasks,
  waitForTasks,
  waitForTestTasksToLeave,
  type TestServices,
} from './remote';

export type { VerificationCheck, VerificationResult };

/**
 * Proves the swarm works: every node Ready, a service spread one task per node, a task pinned
 * by constraint, tasks reaching each other across the overlay, and load balancing — through
 * the routing mesh where the kernel has IPVS, otherwise by DNS round robin and host-mode
 * ports, said plainly.
 */
export const verifySwarmStep: StepDefinition<undefined, Inventory> = {
  id: 'verify-swarm',
  title: localized('steps.verify-swarm.title'),
  explanation: localized('steps.verify-swarm.explanation'),
  waitsFor: ['swarm-join', 'overlay-network', 'test-image', 'node-labels'],
  appliesTo: (host, hosts, options) => options.verify.enabled && isFirstManager(host, hosts),

  probe: async () => undefined,
  // Verification changes nothing that outlives it, so the step is never `changed`.
  decide: () => ({ kind: 'ok', message: localized('outcomes.verify-swarm.verified') }),
  apply: async () => {},

  async verify(ctx) {
    const manager = ctx.remote;
    const expected = ctx.hosts.map((host) => expectedNodeName(ctx, host.id));
    const nodes = await readNodesUntilReady(ctx, expected);
    const checks: VerificationCheck[] = [nodesCheck(nodes, expected)];
    // A node that is Down or missing fails verification whatever the test services do: say so
    // now, with its cause, rather than after their tasks waited in vain for it.
    if (!checks[0]?.passed) throw nodesFailure(nodes, expected, checks);
    const { image, replicasPerNode, keepService } = ctx.options.verify;
    const services: TestServices = {
      image,
      network: ctx.options.swarm.network.name,
      nodeCount: nodes.length,
      replicasPerNode,
      pinnedNode: expected.at(-1) ?? '',
      virtualIp: ctx.hosts.every(
        (host) => (ctx.shared.get(factsKey(host.id)) as HostFacts | undefined)?.ipvs === true,
      ),
    };
    const answers: Record<string, number> = {};

    await removeTestServices(manager);
    await waitForTestTasksToLeave(ctx, services.network);
    try {
      checks.push(...(await checkTestServices(ctx, services, nodes, answers)));
    } finally {
      // Not waited for: their tasks stop on their own, and the next verification waits for
      // any still there before it publishes the same ports again.
      if (!keepService) await removeTestServices(manager);
    }

    const result: VerificationResult = {
      nodes,
      checks,
      loadBalancing: services.virtualIp ? 'routing-mesh' : 'dns-round-robin',
      answers,
      serviceKept: keepService,
    };
    const failed = checks.filter((check) => !check.passed);
    if (failed.length > 0) {
      throw new StepFailure(
        failedWords(checks),
        failed.some((check) => check.id === 'reachability')
          ? localized('failures.verify-swarm.overlayPorts', {
              ports: localizedList(swarmPorts(ctx.options)),
            })
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
        ...testServiceCommands({
          image,
          network,
          nodeCount: hosts.length,
          replicasPerNode,
          pinnedNode: last?.hostname ?? last?.id ?? '',
          virtualIp: vip,
        }),
        ...(keepService ? [] : [`docker service rm ${VERIFY_SERVICE} ${PINNED_SERVICE}`]),
      ],
      files: [],
      note: localized(vip ? 'plans.notes.verifyMesh' : 'plans.notes.verifyRoundRobin', { network }),
    };
  },
};

/**
 * Starts the test services and runs the checks that need them, in order; every answer a task
 * gave is added to `answers`, per node.
 */
async function checkTestServices(
  ctx: StepContext<Inventory>,
  services: TestServices,
  nodes: readonly SwarmNode[],
  answers: Record<string, number>,
): Promise<VerificationCheck[]> {
  const manager = ctx.remote;
  await startTestServices(manager, services);
  const expectedTasks = nodes.length * services.replicasPerNode;
  const spread = await waitForTasks(ctx, VERIFY_SERVICE, expectedTasks);
  const checks = [placementCheck(nodes, spread, expectedTasks)];
  checks.push(pinnedCheck(await waitForTasks(ctx, PINNED_SERVICE, 1), services.pinnedNode));

  const probeContainer = await localTaskContainer(manager);
  const tasks = await waitForOverlayTasks(ctx, services.network, spread.length);
  const { answers: byTask, settledAfterMs } = await fetchTasksUntilAnswered(
    ctx,
    probeContainer,
    tasks,
  );
  countAnswers(
    answers,
    tasks.map((task) => byTask.get(`${task.ip}:80`) ?? 'FAIL'),
  );
  checks.push(
    reachabilityCheck({
      nodes,
      managerName: expectedNodeName(ctx, ctx.host.id),
      network: services.network,
      runningTasks: spread.length,
      tasks,
      byTask,
      settledAfterMs,
    }),
  );

  const byName = await fetchByServiceName(manager, probeContainer, services.virtualIp);
  countAnswers(answers, byName);
  checks.push(loadBalancingCheck(byName, spread.length, services.virtualIp));

  const byHostPort = await fetchEach(
    manager,
    probeContainer,
    nodes.map((node) => `${node.address}:${HOST_MODE_PORT}`),
  );
  countAnswers(
    answers,
    nodes.map((node) => byHostPort.get(`${node.address}:${HOST_MODE_PORT}`) ?? 'FAIL'),
  );
  checks.push(hostPortsCheck(nodes, byHostPort));

  if (services.virtualIp) {
    const byMesh = await fetchEach(
      manager,
      probeContainer,
      nodes.map((node) => `${node.address}:${INGRESS_PORT}`),
    );
    countAnswers(answers, byMesh.values());
    checks.push(routingMeshCheck(nodes, byMesh));
  } else {
    ctx.warn(localized('failures.verify-swarm.noIpvs'));
  }
  return checks;
}

/**
 * How long verification waits for nodes that are not Ready yet (a dockerd that just restarted
 * is Down for a few seconds), and how often it asks. Tests shorten the wait.
 */
export const nodeReadiness = { waitMs: 30_000, pollMs: 1_000 };

async function readNodesUntilReady(
  ctx: StepContext<Inventory>,
  expected: readonly string[],
): Promise<SwarmNode[]> {
  const deadline = Date.now() + nodeReadiness.waitMs;
  for (;;) {
    const nodes = await readNodes(ctx.remote);
    if (nodesCheck(nodes, expected).passed || Date.now() >= deadline || ctx.signal.aborted)
      return nodes;
    await sleep(nodeReadiness.pollMs);
  }
}

/** Nodes missing or not Ready: the failure names them and what to look at on each. */
function nodesFailure(
  nodes: readonly SwarmNode[],
  expected: readonly string[],
  checks: VerificationCheck[],
): StepFailure {
  const { missing, notReady } = nodeProblems(nodes, expected);
  const fix =
    notReady.length > 0
      ? localized('failures.verify-swarm.nodesDownFix', {
          nodes: localizedList(notReady.map((node) => node.hostname)),
        })
      : localized('failures.verify-swarm.nodesMissingFix', { nodes: localizedList(missing) });
  const result: VerificationResult = {
    nodes: [...nodes],
    checks,
    loadBalancing: 'dns-round-robin',
    answers: {},
    serviceKept: false,
  };
  return new StepFailure(failedWords(checks), fix, result);
}

function failedWords(checks: readonly VerificationCheck[]) {
  return localized('failures.verify-swarm.failed', {
    checks: localizedClauses(
      checks
        .filter((check) => !check.passed)
        .map((check) =>
          localized('failures.run.check', {
            check: check.id,
            detail: localizedCheckWords(check).detail,
          }),
        ),
    ),
  });
}

function expectedNodeName(ctx: StepContext<Inventory>, hostId: string): string {
  const host = ctx.hosts.find((candidate) => candidate.id === hostId);
  const facts = ctx.shared.get(factsKey(hostId)) as HostFacts | undefined;
  return host?.hostname ?? facts?.hostname ?? hostId;
}
