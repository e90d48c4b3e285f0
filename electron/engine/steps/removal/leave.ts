/**
 * On each leaving host: leave the swarm. A host that does not answer (its machine is gone) is
 * not an error here: the manager removes its node all the same, and the host is named as not
 * cleaned.
 */
import { localized } from '../../../shared/messages';
import { ConnectError } from '../../ssh/errors';
import { readSwarmInfo, type SwarmInfo } from '../../swarm/swarm-info';
import { StepFailure, type StepDefinition } from '../step';
import { isLeaving, type RemovalOptions } from './removal';

type LeaveProbe = { answered: true; info: SwarmInfo } | { answered: false; reason: string };

export const swarmLeaveStep: StepDefinition<LeaveProbe, RemovalOptions> = {
  id: 'swarm-leave',
  title: localized('steps.swarm-leave.title'),
  explanation: localized('steps.swarm-leave.explanation'),
  waitsFor: ['node-drain'],
  appliesTo: (host, _hosts, options) => isLeaving(host, options.removal),

  async probe(ctx) {
    try {
      return { answered: true, info: await readSwarmInfo(ctx.remote) };
    } catch (error) {
      if (error instanceof ConnectError) return { answered: false, reason: error.message };
      throw error;
    }
  },

  decide(probe, ctx) {
    if (!probe.answered) {
      ctx.warn(
        localized('failures.swarm-leave.unreachable', {
          host: ctx.host.hostname ?? ctx.host.address,
          reason: probe.reason,
        }),
      );
      return { kind: 'ok', message: localized('outcomes.swarm-leave.unreachable') };
    }
    if (probe.info.state === 'inactive')
      return { kind: 'ok', message: localized('outcomes.swarm-leave.notInSwarm') };
    return { kind: 'change', changes: [localized('outcomes.swarm-leave.leave')] };
  },

  async apply(ctx) {
    // Without --force: a node that is still a manager refuses, as it must (drain demoted it).
    await ctx.remote.exec('docker swarm leave', { sudo: true, timeoutMs: 120_000 });
  },

  async verify(ctx, before, changed) {
    if (!before.answered) return { cleaned: false };
    const info = changed ? await readSwarmInfo(ctx.remote) : before.info;
    if (info.state !== 'inactive') {
      throw new StepFailure(localized('failures.swarm.stateAfterLeave', { state: info.state }));
    }
    return { cleaned: true };
  },
};
