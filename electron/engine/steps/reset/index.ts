/**
 * `swarmlab reset`: undoes what swarmlab did on some hosts or all. Some hosts: they leave the
 * swarm as `remove` takes them out. All hosts: the swarm is dissolved, workers first. Then each
 * reset host gets its files back, loses swarmlab's keys (last) and, if asked, Docker.
 */
import type { PlanHostSummary } from '../../../shared/plan';
import { REMOVAL_STEPS } from '../removal';
import type { AnyStep } from '../step';
import { resetDaemonConfigStep, resetHostnameStep } from './config';
import { dissolveManagersStep, dissolveWorkersStep } from './dissolve';
import { resetDockerStep } from './docker';
import { resetHostsBlockStep } from './hosts-block';
import { resetKeysStep, resetManagerPairStep } from './keys';
import { resetsEverything, type Reset, type ResetOptions } from './reset';

const CLEANUP_STEPS: readonly AnyStep<ResetOptions>[] = [
  resetDaemonConfigStep,
  resetHostnameStep,
  resetHostsBlockStep,
  resetDockerStep,
  resetKeysStep,
  resetManagerPairStep,
];

/** Every step a reset may run, for the catalog that explains them. */
export const ALL_RESET_STEPS: readonly AnyStep<ResetOptions>[] = [
  dissolveWorkersStep,
  dissolveManagersStep,
  ...CLEANUP_STEPS,
];

/** The steps of a reset of `reset.hostIds` among `hosts`. */
export function resetSteps(
  hosts: readonly PlanHostSummary[],
  reset: Reset,
): readonly AnyStep<ResetOptions>[] {
  const leaving = resetsEverything(hosts, reset)
    ? [dissolveWorkersStep, dissolveManagersStep]
    : REMOVAL_STEPS;
  return [...leaving, ...CLEANUP_STEPS];
}

export { isReset, resetsEverything, type Reset, type ResetOptions } from './reset';
export { withoutHostsBlock } from './hosts-block';
export { withoutKey } from './keys';
export { parseInstallRecord } from './docker';
