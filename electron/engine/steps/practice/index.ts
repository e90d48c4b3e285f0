/**
 * `swarmlab practice`: the tutorial's exercises on the user's own swarm, one step each, on the
 * first manager. Each creates its own services (named swarmlab-practice-…), shows the docker
 * commands with their output, checks what happened, and removes them again.
 */
import { localized, localizedList } from '../../../shared/messages';
import { PRACTICE_EXERCISES, type PracticeExercise } from '../../../shared/practice';
import { shellJoin } from '../../shell/quote';
import {
  createServiceCommand,
  fetchEachScript,
  fetchRepeatedlyScript,
  type ServiceSpec,
} from '../../swarm/verification';
import { waitForOverlayTasks } from '../verify-swarm/remote';
import type { AnyStep } from '../step';
import { preflightStep } from '../preflight';
import { testImageStep } from '../test-image';
import {
  exerciseStep,
  hasRoutingMesh,
  nodeNames,
  PRACTICE_PREFIX,
  waitAndShowTasks,
  type ExerciseLog,
  type ExerciseSpec,
  type PracticeContext,
  type PracticeOptions,
} from './exercise';

export { PRACTICE_PREFIX, type PracticeOptions } from './exercise';

const WEB = `${PRACTICE_PREFIX}web`;
const SCALED = `${PRACTICE_PREFIX}scaled`;
const PINNED = `${PRACTICE_PREFIX}pinned`;
const GLOBAL = `${PRACTICE_PREFIX}global`;
const PING = `${PRACTICE_PREFIX}ping`;
const BALANCED = `${PRACTICE_PREFIX}balanced`;
/** Published ports of the practice services (verification uses 18080 and 18081). */
const WEB_PORT = 18090;
const BALANCED_PORT = 18091;
const REQUESTS = 12;
/** How long the ping exercise waits for the overlay to list every node's task. */
const OVERLAY_VIEW_MS = 30_000;

function spec(
  ctx: PracticeContext,
  name: string,
  replicas: number,
  extra: Partial<ServiceSpec> = {},
): ServiceSpec {
  return {
    name,
    image: ctx.options.verify.image,
    network: ctx.options.swarm.network.name,
    replicas,
    endpointMode: hasRoutingMesh(ctx) ? ('vip' as const) : ('dnsrr' as const),
    ...extra,
  };
}

const service: ExerciseSpec = {
  id: 'practice-service',
  services: [WEB],
  notice: (ctx) =>
    localized(hasRoutingMesh(ctx) ? 'practice.service.notice' : 'practice.service.noticeHost', {
      port: WEB_PORT,
    }),
  async run(ctx, log) {
    const nodes = nodeNames(ctx);
    const mesh = hasRoutingMesh(ctx);
    await log.run(
      createServiceCommand(
        spec(
          ctx,
          WEB,
          nodes.length,
          mesh ? { publishIngressPort: WEB_PORT } : { publishHostPort: WEB_PORT, maxPerNode: 1 },
        ),
      ),
    );
    await log.run(shellJoin(['docker', 'service', 'ls', '--filter', `name=${WEB}`]));
    const tasks = await waitAndShowTasks(ctx, log, WEB, (running) => running >= nodes.length);
    return {
      passed: tasks.length === nodes.length,
      detail: localized('practice.service.result', {
        running: tasks.length,
        wanted: nodes.length,
        nodes: localizedList([...new Set(tasks.map((task) => task.node))]),
      }),
    };
  },
};

const scale: ExerciseSpec = {
  id: 'practice-scale',
  services: [SCALED],
  notice: () => localized('practice.scale.notice'),
  async run(ctx, log) {
    const nodes = nodeNames(ctx);
    const up = nodes.length * 2;
    await log.run(createServiceCommand(spec(ctx, SCALED, 1)));
    await waitAndShowTasks(ctx, log, SCALED, (running) => running >= 1);
    await log.run(shellJoin(['docker', 'service', 'scale', '--detach', `${SCALED}=${up}`]));
    const scaledUp = await waitAndShowTasks(ctx, log, SCALED, (running) => running >= up);
    const spread = new Set(scaledUp.map((task) => task.node));
    await log.run(shellJoin(['docker', 'service', 'scale', '--detach', `${SCALED}=1`]));
    const scaledDown = await waitAndShowTasks(ctx, log, SCALED, (running) => running === 1);
    return {
      passed: scaledUp.length === up && spread.size === nodes.length && scaledDown.length === 1,
      detail: localized('practice.scale.result', {
        up,
        runningUp: scaledUp.length,
        nodes: spread.size,
        runningDown: scaledDown.length,
      }),
    };
  },
};

const constraint: ExerciseSpec = {
  id: 'practice-constraint',
  services: [PINNED],
  notice: (ctx) => localized('practice.constraint.notice', { node: nodeNames(ctx).at(-1) ?? '' }),
  async run(ctx, log) {
    const node = nodeNames(ctx).at(-1) ?? '';
    await log.run(
      createServiceCommand(spec(ctx, PINNED, 2, { constraint: `node.hostname==${node}` })),
    );
    const tasks = await waitAndShowTasks(ctx, log, PINNED, (running) => running >= 2);
    const elsewhere = tasks.filter((task) => task.node !== node).map((task) => task.node);
    return {
      passed: tasks.length === 2 && elsewhere.length === 0,
      detail:
        elsewhere.length > 0
          ? localized('practice.constraint.elsewhere', { node, others: localizedList(elsewhere) })
          : localized('practice.constraint.result', { running: tasks.length, node }),
    };
  },
};

const global: ExerciseSpec = {
  id: 'practice-global',
  services: [GLOBAL],
  notice: () => localized('practice.global.notice'),
  async run(ctx, log) {
    const nodes = nodeNames(ctx);
    await log.run(createServiceCommand(spec(ctx, GLOBAL, 1, { mode: 'global' })));
    const tasks = await waitAndShowTasks(ctx, log, GLOBAL, (running) => running >= nodes.length);
    const missing = nodes.filter((node) => !tasks.some((task) => task.node === node));
    return {
      passed: tasks.length === nodes.length && missing.length === 0,
      detail:
        missing.length > 0
          ? localized('practice.global.missing', { nodes: localizedList(missing) })
          : localized('practice.global.result', { count: nodes.length }),
    };
  },
};

const ping: ExerciseSpec = {
  id: 'practice-ping',
  services: [PING],
  notice: (ctx) => localized('practice.ping.notice', { network: ctx.options.swarm.network.name }),
  async run(ctx, log) {
    const nodes = nodeNames(ctx);
    const local = await startOnePerNode(ctx, log, PING);
    const container = local.id;
    // The other nodes' tasks, as this manager's view of the overlay lists them (gossip may lag
    // a moment behind the tasks starting).
    const onOverlay = await waitForOverlayTasks(ctx, ctx.options.swarm.network.name, nodes.length, {
      service: PING,
      timeoutMs: OVERLAY_VIEW_MS,
    });
    // Told apart by task name (the container's name), not by address: the inventory's address
    // may be a DNS name, or not the one the node advertises.
    const others = onOverlay.filter((task) => task.name !== local.name && task.ip);
    await log.run(
      shellJoin(['docker', 'network', 'inspect', '--verbose', ctx.options.swarm.network.name]),
    );
    const answered: string[] = [];
    const silent: string[] = [];
    for (const task of others) {
      const { exitCode } = await log.attempt(
        shellJoin(['docker', 'exec', container, 'ping', '-c', '2', '-W', '2', task.ip]),
      );
      (exitCode === 0 ? answered : silent).push(`${task.name} (${task.ip})`);
    }
    return {
      passed: others.length === nodes.length - 1 && silent.length === 0,
      detail:
        silent.length > 0
          ? localized('practice.ping.silent', { tasks: localizedList(silent) })
          : localized('practice.ping.result', { count: answered.length }),
    };
  },
};

const balance: ExerciseSpec = {
  id: 'practice-balance',
  services: [BALANCED],
  notice: (ctx) =>
    localized(hasRoutingMesh(ctx) ? 'practice.balance.notice' : 'practice.balance.noticeNoIpvs'),
  async run(ctx, log) {
    const nodes = nodeNames(ctx);
    const mesh = hasRoutingMesh(ctx);
    const { id: container } = await startOnePerNode(
      ctx,
      log,
      BALANCED,
      mesh ? { publishIngressPort: BALANCED_PORT } : {},
    );
    // Through the routing mesh: the published port on this manager, answered by any task.
    const script = mesh
      ? fetchEachScript(
          Array.from({ length: REQUESTS }, () => `${ctx.host.address}:${BALANCED_PORT}`),
        )
      : fetchRepeatedlyScript(BALANCED, 80, REQUESTS, 'dnsrr');
    const output = await log.run(shellJoin(['docker', 'exec', container, 'sh', '-c', script]));
    // Mesh lines are `target answer`; round-robin lines are the answer alone.
    const answers = output
      .split('\n')
      .filter(Boolean)
      .map((line) => (mesh ? line.slice(line.indexOf(' ') + 1).trim() : line.trim()));
    const distinct = new Set(answers.filter((answer) => answer !== 'FAIL'));
    return {
      passed: distinct.size >= Math.min(2, nodes.length),
      detail: localized('practice.balance.result', {
        requests: answers.length,
        tasks: distinct.size,
      }),
    };
  },
};

/**
 * Starts a service with one task on every node, waits until they all run, and returns the
 * container of the task on this manager (where the exercise looks from): its id and name.
 */
async function startOnePerNode(
  ctx: PracticeContext,
  log: ExerciseLog,
  name: string,
  extra: Partial<ServiceSpec> = {},
): Promise<{ id: string; name: string }> {
  const nodes = nodeNames(ctx).length;
  await log.run(createServiceCommand(spec(ctx, name, nodes, { maxPerNode: 1, ...extra })));
  await waitAndShowTasks(ctx, log, name, (running) => running >= nodes);
  const line = await log.run(
    `docker ps --filter label=com.docker.swarm.service.name=${name} --format '{{.ID}} {{.Names}}' | head -n 1`,
  );
  const [id = '', containerName = ''] = line.trim().split(' ');
  return { id, name: containerName };
}

const EXERCISES: Record<PracticeExercise, ExerciseSpec> = {
  'practice-service': service,
  'practice-scale': scale,
  'practice-constraint': constraint,
  'practice-global': global,
  'practice-ping': ping,
  'practice-balance': balance,
};

/** The steps of `swarmlab practice`: facts, the test image on every node, then the exercises. */
export function practiceSteps(
  only: readonly PracticeExercise[] = PRACTICE_EXERCISES,
): AnyStep<PracticeOptions>[] {
  return [
    preflightStep as AnyStep<PracticeOptions>,
    testImageStep as AnyStep<PracticeOptions>,
    ...PRACTICE_EXERCISES.filter((id) => only.includes(id)).map(
      (id) => exerciseStep(EXERCISES[id]) as AnyStep<PracticeOptions>,
    ),
  ];
}
