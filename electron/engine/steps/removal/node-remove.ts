/**
 * On the manager that stays: take the leaving nodes out of the swarm's node list, once each has
 * left (its node is `down`), or at once with --force for a node that never will.
 */
import { localized, localizedList } from '../../../shared/messages';
import { shellJoin } from '../../shell/quote';
import { managerView, type SwarmMember } from '../../swarm/manager-view';
import { pollUntil } from '../../swarm/settling';
import { StepFailure, type StepContext, type StepDefinition } from '../step';
import { freshMembers, leavingMembers, onActingManager, type RemovalOptions } from './removal';

interface RemoveProbe {
  members: ReadonlyMap<string, SwarmMember>;
}

/** How long a node that left may take to show as down on the manager. */
const DOWN_TIMEOUT_MS = 60_000;

export const nodeRemoveStep: StepDefinition<RemoveProbe, RemovalOptions> = {
  id: 'node-remove',
  title: localized('steps.node-remove.title'),
  explanation: localized('steps.node-remove.explanation'),
  waitsFor: ['swarm-leave'],
  // A host that could not leave (it failed, not just did not answer) must not stop the others'
  // removal; its own node is only forced out with --force.
  proceedPastFailures: true,
  appliesTo: onActingManager,
  probe: freshMembers,

  decide({ members }, ctx) {
    const listed = leavingMembers(ctx.hosts, ctx.options.removal, members);
    if (listed.length === 0)
      return { kind: 'ok', message: localized('outcomes.node-remove.noneListed') };
    return {
      kind: 'change',
      changes: listed.map(({ member }) =>
        localized('outcomes.node-remove.remove', { node: member.name }),
      ),
    };
  },

  async apply(ctx, { members }) {
    for (const { member } of leavingMembers(ctx.hosts, ctx.options.removal, members)) {
      const down = await waitUntilDown(ctx, member);
      if (!down && !ctx.options.removal.force) {
        throw new StepFailure(
          member.state
            ? localized('failures.node-remove.stillUp', {
                node: member.name,
                state: member.state,
                seconds: DOWN_TIMEOUT_MS / 1000,
              })
            : localized('failures.node-remove.stillListedUp', {
                node: member.name,
                seconds: DOWN_TIMEOUT_MS / 1000,
              }),
          localized('failures.node-remove.stillUpFix'),
        );
      }
      await ctx.remote.exec(
        shellJoin(['docker', 'node', 'rm', ...(down ? [] : ['--force']), member.id]),
        { sudo: true },
      );
    }
    managerView(ctx).nodesChanged();
  },

  async verify(ctx, before, changed) {
    const { members } = changed ? await nodeRemoveStep.probe(ctx) : before;
    const still = leavingMembers(ctx.hosts, ctx.options.removal, members);
    if (still.length > 0) {
      throw new StepFailure(
        localized('failures.node-remove.stillListed', {
          nodes: localizedList(still.map(({ member }) => member.name)),
        }),
      );
    }
    return { removed: ctx.options.removal.hostIds };
  },
};

/** Polls the node's state on the manager until it is down; false when it stays up. */
async function waitUntilDown(
  ctx: StepContext<RemovalOptions>,
  member: SwarmMember,
): Promise<boolean> {
  const { settled } = await pollUntil(
    async () =>
      (
        await ctx.remote.exec(
          shellJoin(['docker', 'node', 'inspect', '--format', '{{.Status.State}}', member.id]),
          { sudo: true, quiet: true },
        )
      ).stdout.trim(),
    (state) => state === 'down',
    { timeoutMs: DOWN_TIMEOUT_MS, pauseMs: 1000, signal: ctx.signal },
  );
  return settled;
}
