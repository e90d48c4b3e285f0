/**
 * A reset of every host dissolves the swarm: the workers leave, then the managers (with
 * --force, which a manager needs; there is no quorum left to keep).
 */
import { localized } from '../../../shared/messages';
import { readSwarmInfo, type SwarmInfo } from '../../swarm/swarm-info';
import { StepFailure, type StepDefinition } from '../step';
import { isReset, type ResetOptions } from './reset';

function dissolveStep(role: 'worker' | 'manager'): StepDefinition<SwarmInfo, ResetOptions> {
  const step: StepDefinition<SwarmInfo, ResetOptions> = {
    id: role === 'worker' ? 'swarm-dissolve-workers' : 'swarm-dissolve-managers',
    title: localized(`steps.swarm-dissolve-${role}s.title`),
    explanation: localized(`steps.swarm-dissolve-${role}s.explanation`),
    ...(role === 'manager'
      ? { waitsFor: ['swarm-dissolve-workers'], proceedPastFailures: true }
      : {}),
    appliesTo: (host, _hosts, options) => isReset(host, options) && host.role === role,
    probe: (ctx) => readSwarmInfo(ctx.remote),
    decide: (info) =>
      info.state === 'inactive'
        ? { kind: 'ok', message: localized('outcomes.swarm-leave.notInSwarm') }
        : {
            kind: 'change',
            changes: [
              localized(
                role === 'manager'
                  ? 'outcomes.swarm-dissolve.leaveForce'
                  : 'outcomes.swarm-leave.leave',
              ),
            ],
          },
    async apply(ctx) {
      await ctx.remote.exec(
        role === 'manager' ? 'docker swarm leave --force' : 'docker swarm leave',
        { sudo: true, timeoutMs: 120_000 },
      );
    },
    async verify(ctx, before, changed) {
      const info = changed ? await readSwarmInfo(ctx.remote) : before;
      if (info.state !== 'inactive')
        throw new StepFailure(localized('failures.swarm.stateAfterLeave', { state: info.state }));
      return { left: changed };
    },
  };
  return step;
}

export const dissolveWorkersStep = dissolveStep('worker');
export const dissolveManagersStep = dissolveStep('manager');
