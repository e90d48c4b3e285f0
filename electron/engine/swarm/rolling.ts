/**
 * Restarting Docker on a node of a swarm that runs services, without taking the services down:
 * one node at a time across the run, drained first so its tasks run elsewhere, made available
 * again once the manager lists it as Ready, workers before managers and the leader last (so
 * the leadership moves once). A host that is not in a swarm yet is changed at once, as in a
 * first setup, alongside the others.
 */
import type { Localized } from '../../shared/localized';
import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import type { RemoteHost, StepContext } from '../remote/remote-host';
import { StepFailure } from '../remote/step-failure';
import { shellJoin } from '../shell/quote';
import { managerView, type SwarmMember } from './manager-view';
import { pollUntil, RUNNING_TASKS_COMMAND, UNSETTLED_SERVICES_COMMAND } from './settling';
import { firstManager, readSwarmInfo } from './swarm-info';

/** How long the swarm gets for each wait: tasks moved away, the node Ready, services whole. */
export const ROLLING_WAIT_MS = 120_000;
const PAUSE_MS = 1000;

/** The order nodes take their turn in: workers, then managers; the leader waits for all. */
export type TurnRank = 0 | 1;

/**
 * One node of the run out of service at a time. A turn goes to the waiting node of lowest
 * rank (workers before managers), then to the one that asked first.
 */
export class RollingTurns {
  private busy = false;
  private readonly waiting: { rank: TurnRank; start: () => void }[] = [];

  /** Settles when it is the caller's turn; the caller must call the returned release. */
  async take(rank: TurnRank): Promise<() => void> {
    if (this.busy) {
      await new Promise<void>((start) => {
        const at = this.waiting.findIndex((waiter) => waiter.rank > rank);
        this.waiting.splice(at === -1 ? this.waiting.length : at, 0, { rank, start });
      });
    }
    this.busy = true;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      if (next) next.start();
      else this.busy = false;
    };
  }
}

const TURNS_KEY = 'swarm:rolling-turns';

function rollingTurns(shared: Map<string, unknown>): RollingTurns {
  const existing = shared.get(TURNS_KEY);
  if (existing instanceof RollingTurns) return existing;
  const turns = new RollingTurns();
  shared.set(TURNS_KEY, turns);
  return turns;
}

/**
 * Runs `change` (which restarts Docker on the step's host) the rolling way when the host is a
 * node of a swarm with other nodes to take its tasks; at once otherwise.
 */
export async function oneNodeAtATime(
  ctx: StepContext<Inventory>,
  change: () => Promise<void>,
): Promise<void> {
  const info = await readSwarmInfo(ctx.remote).catch(() => undefined);
  const managerHost = firstManager(ctx.hosts);
  if (info?.state !== 'active' || !managerHost) {
    await change();
    return;
  }
  const manager = ctx.remoteFor(managerHost.id);
  const listed = await listedOnManager(ctx, manager, info.nodeId);
  if (!listed) {
    // In some other swarm (swarm-join will stop on it), or the first manager is not one yet:
    // not a node of this inventory's swarm, so nothing of it to keep serving.
    ctx.log('not a node of this swarm as its first manager lists it: Docker restarts at once');
    await change();
    return;
  }
  if (listed.manager?.leader) {
    ctx.log('the leader restarts last: waiting for the other nodes');
    await ctx.othersFinished();
  }
  const release = await ctx.aside(rollingTurns(ctx.shared).take(listed.manager ? 1 : 0));
  try {
    // Read again: the nodes before this one have changed the list.
    return await outOfService(
      ctx,
      manager,
      await memberOnManager(ctx, manager, info.nodeId),
      change,
    );
  } finally {
    release();
  }
}

async function outOfService(
  ctx: StepContext<Inventory>,
  manager: RemoteHost,
  self: SwarmMember,
  change: () => Promise<void>,
): Promise<void> {
  const members = await managerView(ctx).nodes(manager);
  const others = [...members.values()].filter(
    (member) =>
      member.id !== self.id && member.state === 'ready' && member.availability === 'active',
  );
  if (self.availability === 'drain' || others.length === 0) {
    ctx.log(
      others.length === 0
        ? `no other node can run ${self.name}'s tasks: its services stop while Docker restarts`
        : `${self.name} is drained already`,
    );
    await change();
    return;
  }

  // A service already short before the drain (it wants more than the swarm can place) is not
  // waited for.
  const shortBefore = await shortServices(manager);
  ctx.log(`draining ${self.name} so its tasks run on the other nodes while Docker restarts`);
  await setAvailability(ctx, manager, self.id, 'drain');
  let changeError: unknown;
  try {
    await waitFor(
      ctx,
      localized('failures.rolling.tasksToStop', { node: self.name }),
      async () => (await runningTasks(ctx.remote)) === 0,
    );
    await waitFor(ctx, localized('failures.rolling.tasksElsewhere'), async () =>
      (await shortServices(manager)).every((name) => shortBefore.includes(name)),
    );
    if (ctx.signal.aborted) throw new StepFailure(localized('outcomes.run.cancelled'));
  } catch (error) {
    // Nothing was changed yet: the node takes tasks again as before.
    await setAvailability(ctx, manager, self.id, self.availability);
    throw error;
  }

  try {
    await change();
  } catch (error) {
    changeError = error;
  }
  const ready = await pollUntil(
    () => nodeState(manager, self.id),
    (state) => state === 'ready',
    { timeoutMs: ROLLING_WAIT_MS, pauseMs: PAUSE_MS, signal: ctx.signal },
  );
  if (!ready.settled) {
    ctx.warn(
      localized('failures.rolling.staysDrained', {
        node: self.name,
        availability: self.availability,
      }),
    );
    throw (
      changeError ??
      new StepFailure(
        localized('failures.rolling.notReady', {
          node: self.name,
          seconds: ROLLING_WAIT_MS / 1000,
          state: ready.answer || localized('failures.rolling.saysNothing'),
        }),
        localized('failures.docker-install.seeJournal'),
      )
    );
  }
  await setAvailability(ctx, manager, self.id, self.availability);
  ctx.log(`${self.name} is Ready and ${self.availability} again`);
  if (changeError) throw changeError;
  // The next node may go only once this one runs its share again (a global service's task),
  // and once a new leader has heard from every node again (it lists them Unknown meanwhile).
  const readyBefore = [...members.values()].filter((member) => member.state === 'ready');
  await waitFor(ctx, localized('failures.rolling.allReady'), async () => {
    const now = await managerView(ctx).freshNodes(manager);
    return (
      readyBefore.every((member) => now.get(member.id)?.state === 'ready') &&
      (await shortServices(manager)).every((name) => shortBefore.includes(name))
    );
  });
}

/** The node as the manager lists it now, or undefined when the manager cannot list it. */
async function listedOnManager(
  ctx: StepContext<Inventory>,
  manager: RemoteHost,
  nodeId: string,
): Promise<SwarmMember | undefined> {
  try {
    return await memberOnManager(ctx, manager, nodeId);
  } catch {
    return undefined;
  }
}

/** The node as the manager lists it now. */
async function memberOnManager(
  ctx: StepContext<Inventory>,
  manager: RemoteHost,
  nodeId: string,
): Promise<SwarmMember> {
  const member = (await managerView(ctx).freshNodes(manager)).get(nodeId);
  if (!member) {
    throw new StepFailure(
      localized('failures.rolling.notListed', { address: manager.host.address, node: nodeId }),
      localized('failures.rolling.notListedFix'),
    );
  }
  return member;
}

async function setAvailability(
  ctx: StepContext<Inventory>,
  manager: RemoteHost,
  nodeId: string,
  availability: string,
): Promise<void> {
  const command = shellJoin(['docker', 'node', 'update', '--availability', availability, nodeId]);
  // Right after a manager's restart the managers may still be electing a leader.
  const { answer } = await pollUntil(
    () => manager.exec(command, { sudo: true, allowFailure: true }),
    (result) => result.exitCode === 0,
    { timeoutMs: ROLLING_WAIT_MS / 4, pauseMs: PAUSE_MS, signal: ctx.signal },
  );
  managerView(ctx).nodesChanged();
  if (answer.exitCode !== 0) {
    throw new StepFailure(
      localized('failures.rolling.availability', {
        availability,
        output: answer.stderr.trim() || answer.stdout.trim(),
      }),
      localized('failures.rolling.availabilityFix', { availability, node: nodeId }),
    );
  }
}

async function nodeState(manager: RemoteHost, nodeId: string): Promise<string> {
  const result = await manager.exec(
    shellJoin(['docker', 'node', 'inspect', '--format', '{{.Status.State}}', nodeId]),
    { sudo: true, quiet: true, allowFailure: true },
  );
  return result.exitCode === 0 ? result.stdout.trim() : '';
}

/** How many swarm tasks run on the node; a node that cannot say counts as still running some. */
async function runningTasks(node: RemoteHost): Promise<number> {
  const result = await node.exec(RUNNING_TASKS_COMMAND, {
    sudo: true,
    quiet: true,
    allowFailure: true,
  });
  if (result.exitCode !== 0) return Number.POSITIVE_INFINITY;
  return result.stdout.split('\n').filter((line) => line.trim() !== '').length;
}

/** The services short of tasks; a manager that cannot say counts as every service short. */
async function shortServices(manager: RemoteHost): Promise<string[]> {
  const result = await manager.exec(UNSETTLED_SERVICES_COMMAND, {
    sudo: true,
    quiet: true,
    allowFailure: true,
  });
  if (result.exitCode !== 0) return ['(the manager does not answer)'];
  return result.stdout.split('\n').filter((line) => line.trim() !== '');
}

/** Waits for the swarm with a deadline; going on late is said, not hidden. */
async function waitFor(
  ctx: StepContext<Inventory>,
  what: Localized,
  holds: () => Promise<boolean>,
): Promise<void> {
  const { settled } = await pollUntil(holds, (answer) => answer, {
    timeoutMs: ROLLING_WAIT_MS,
    pauseMs: PAUSE_MS,
    signal: ctx.signal,
  });
  if (!settled && !ctx.signal.aborted)
    ctx.warn(localized('failures.rolling.wentOn', { seconds: ROLLING_WAIT_MS / 1000, what }));
}
