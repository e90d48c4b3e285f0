/**
 * On the manager that stays: drain every leaving node so its tasks start elsewhere, demote the
 * leaving managers (never at the cost of quorum), and wait until the services are whole again.
 */
import { localized, localizedList } from '../../../shared/messages';
import { shellJoin } from '../../shell/quote';
import { managerView, type SwarmMember } from '../../swarm/manager-view';
import { quorumProblem } from '../../swarm/quorum';
import { pollUntil, UNSETTLED_SERVICES_COMMAND } from '../../swarm/settling';
import { roleChangeCommand } from '../swarm-join';
import { StepFailure, type Localized, type StepContext, type StepDefinition } from '../step';
import { freshMembers, leavingMembers, onActingManager, type RemovalOptions } from './removal';

interface DrainProbe {
  members: ReadonlyMap<string, SwarmMember>;
}

/** How long the services may take to run their tasks elsewhere before the removal goes on. */
const SETTLE_TIMEOUT_MS = 120_000;

export const nodeDrainStep: StepDefinition<DrainProbe, RemovalOptions> = {
  id: 'node-drain',
  title: localized('steps.node-drain.title'),
  explanation: localized('steps.node-drain.explanation'),
  appliesTo: onActingManager,
  probe: freshMembers,

  decide({ members }, ctx) {
    const leaving = leavingMembers(ctx.hosts, ctx.options.removal, members);
    if (leaving.length === 0)
      return { kind: 'ok', message: localized('outcomes.node-drain.noneListed') };
    const problem = quorumProblem(
      members,
      leaving.flatMap(({ member }) => (member.manager ? [member.id] : [])),
    );
    if (problem && !ctx.options.removal.force) {
      throw new StepFailure(
        problem.reason,
        localized('failures.swarm.orForce', { fix: problem.fix }),
      );
    }
    if (problem) ctx.warn(localized('failures.swarm.forced', { reason: problem.reason }));
    const changes: Localized[] = leaving.flatMap(({ member }) => [
      ...(member.availability !== 'drain'
        ? [localized('outcomes.node-drain.drain', { node: member.name })]
        : []),
      ...(member.manager ? [localized('outcomes.node-drain.demote', { node: member.name })] : []),
    ]);
    return changes.length === 0
      ? { kind: 'ok', message: localized('outcomes.node-drain.alreadyDrained') }
      : { kind: 'change', changes };
  },

  async apply(ctx, { members }) {
    const leaving = leavingMembers(ctx.hosts, ctx.options.removal, members);
    for (const { member } of leaving) {
      if (member.availability !== 'drain') {
        await ctx.remote.exec(
          shellJoin(['docker', 'node', 'update', '--availability', 'drain', member.id]),
          { sudo: true },
        );
      }
    }
    // One membership change at a time, as the quorum arithmetic assumes.
    for (const { member } of leaving) {
      if (member.manager) {
        await ctx.remote.exec(roleChangeCommand(member.id, 'worker'), {
          sudo: true,
          timeoutMs: 120_000,
        });
      }
    }
    managerView(ctx).nodesChanged();
    await waitForServicesToSettle(ctx);
  },

  async verify(ctx, before, changed) {
    const { members } = changed ? await nodeDrainStep.probe(ctx) : before;
    const leaving = leavingMembers(ctx.hosts, ctx.options.removal, members);
    const undrained = leaving.filter(
      ({ member }) => member.availability !== 'drain' || member.manager,
    );
    if (undrained.length > 0) {
      throw new StepFailure(
        localized('failures.node-drain.undrained', {
          nodes: localizedList(undrained.map(({ member }) => member.name)),
        }),
      );
    }
    return { drained: leaving.map(({ member }) => member.name) };
  },
};

/** Waits until every replicated service runs all it wants again; says so if it does not. */
async function waitForServicesToSettle(ctx: StepContext<RemovalOptions>): Promise<void> {
  const { answer: unsettled, settled } = await pollUntil(
    async () =>
      (
        await ctx.remote.exec(UNSETTLED_SERVICES_COMMAND, { sudo: true, quiet: true })
      ).stdout.trim(),
    (short) => short === '',
    { timeoutMs: SETTLE_TIMEOUT_MS, pauseMs: 1000, signal: ctx.signal },
  );
  if (!settled) {
    ctx.warn(
      localized('failures.node-drain.unsettled', {
        seconds: SETTLE_TIMEOUT_MS / 1000,
        services: localizedList(unsettled.split('\n')),
      }),
    );
  }
}
