/**
 * Walks the plan: each host takes its steps in order, hosts walk in parallel, and a step that
 * `waitsFor` another waits until that step has finished on every host it applies to. A failure
 * stops only the failing host's later steps; a cancel stops every step not yet started; a
 * resumed run passes over the steps the earlier run finished.
 */
import { localized, localizedList } from '../../shared/messages';
import type { AnyStep, Localized } from '../steps/step';
import type { PlanHostSummary, StepStatus } from '../../shared/plan';
import { stepKey } from './journal';
import type { RunOptions, StepOutcomes } from './run-state';
import type { Semaphore } from './semaphore';

export interface SchedulerOptions<Options> {
  run: RunOptions<Options>;
  signal: AbortSignal;
  outcomes: StepOutcomes;
  /** How each (host, step) ended in the run this one resumes. */
  earlier: ReadonlyMap<string, StepStatus>;
  /** Bounds how many steps run at once across all hosts. */
  semaphore: Semaphore;
  runStep: (step: AnyStep<Options>, host: PlanHostSummary) => Promise<void>;
}

/** Settles once a step has finished on every host it applies to, or on all but one. */
interface StepBarrier {
  promise: Promise<void>;
  hostFinished: (hostId: string) => void;
  /** Settles once every host but `hostId` has finished the step. */
  othersFinished: (hostId: string) => Promise<void>;
}

export class Scheduler<Options> {
  /** The hosts each step applies to, by step id, in plan order. */
  readonly applicableHosts = new Map<string, PlanHostSummary[]>();
  private readonly stepDone = new Map<string, StepBarrier>();

  constructor(private readonly scheduling: SchedulerOptions<Options>) {
    const { run } = scheduling;
    for (const step of run.steps) {
      this.applicableHosts.set(
        step.id,
        run.hosts.filter((host) => step.appliesTo(host, run.hosts, run.options)),
      );
    }
    for (const step of run.steps) {
      this.stepDone.set(step.id, barrier(this.applicableHosts.get(step.id) ?? []));
    }
  }

  /**
   * Settles once every host but `hostId` that `stepId` applies to has finished it (done, failed
   * or passed over), for a host that must go last (the swarm's leader in a rolling restart).
   */
  othersFinished(stepId: string, hostId: string): Promise<void> {
    return this.stepDone.get(stepId)?.othersFinished(hostId) ?? Promise.resolve();
  }

  /**
   * Takes a host through its steps. The loop awaits only the barriers and the step itself, so
   * events keep the order the hosts' steps reach them in.
   */
  async walkHost(host: PlanHostSummary): Promise<void> {
    const { signal, outcomes, semaphore } = this.scheduling;
    /** Why the rest of this host's steps cannot run, once one of them failed or was blocked. */
    let hostFailure: Localized | undefined;
    /** A dry run found a change on this host: what comes after it is not looked at. */
    let previewedChange = false;
    for (const step of this.scheduling.run.steps) {
      if (!this.applicableHosts.get(step.id)?.includes(host)) continue;
      const done = this.stepDone.get(step.id);
      try {
        if (signal.aborted) {
          this.skipCancelled(host, step);
          continue;
        }
        if (previewedChange) {
          // Not blocked: the other hosts' steps that wait for this one go on being looked at.
          outcomes.finish(host.id, step.id, {
            status: 'skipped',
            message: localized('outcomes.run.afterPreviewedChange'),
          });
          continue;
        }
        if (hostFailure && !step.runsAfterFailuresHere) {
          outcomes.finish(host.id, step.id, {
            status: 'skipped',
            message: localized('outcomes.run.notRun', { reason: hostFailure }),
            blocked: true,
          });
          continue;
        }
        const blocked = await this.waitForBarriers(step);
        // The wait can be long (other hosts' installs): a cancel during it must not start the step.
        if (signal.aborted) {
          this.skipCancelled(host, step);
          continue;
        }
        if (blocked) {
          outcomes.finish(host.id, step.id, {
            status: 'skipped',
            message: localized('outcomes.run.notRun', { reason: blocked }),
            blocked: true,
          });
          hostFailure = blocked;
          continue;
        }
        if (this.passOverDoneEarlier(step, host)) continue;
        await semaphore.run(() => this.scheduling.runStep(step, host));
        const outcome = outcomes.get(host.id, step.id);
        if (outcome?.status === 'failed')
          hostFailure = localized('outcomes.run.stepFailedHere', { step: step.id });
        if (outcome?.status === 'changed' && this.scheduling.run.dryRun && !step.standsAlone)
          previewedChange = true;
      } finally {
        done?.hostFinished(host.id);
      }
    }
  }

  private skipCancelled(host: PlanHostSummary, step: AnyStep<Options>): void {
    this.scheduling.outcomes.finish(host.id, step.id, {
      status: 'skipped',
      message: localized('outcomes.run.cancelledBeforeStart'),
      blocked: true,
    });
  }

  /** A step the resumed run finished counts as done, unless it must run every time. */
  private passOverDoneEarlier(step: AnyStep<Options>, host: PlanHostSummary): boolean {
    const before = this.scheduling.earlier.get(stepKey(host.id, step.id));
    if (step.alwaysRun || (before !== 'ok' && before !== 'changed')) return false;
    this.scheduling.outcomes.finish(host.id, step.id, {
      status: 'ok',
      message: localized('outcomes.run.doneInResumedRun'),
    });
    return true;
  }

  /** Waits for the steps this one needs; returns why it cannot run, if one of them failed. */
  private async waitForBarriers(step: AnyStep<Options>): Promise<Localized | undefined> {
    const { outcomes } = this.scheduling;
    for (const neededId of step.waitsFor ?? []) {
      await this.stepDone.get(neededId)?.promise;
      const failedOn = (this.applicableHosts.get(neededId) ?? [])
        .filter((other) => {
          const outcome = outcomes.get(other.id, neededId);
          return outcome?.status === 'failed' || outcome?.blocked === true;
        })
        .map((other) => other.id);
      if (failedOn.length > 0 && !step.proceedPastFailures) {
        return localized('outcomes.run.neededStepIncomplete', {
          step: neededId,
          hosts: localizedList(failedOn),
        });
      }
    }
    return undefined;
  }
}

function barrier(hosts: readonly PlanHostSummary[]): StepBarrier {
  const remaining = new Set(hosts.map((host) => host.id));
  const waiting: { except: string; resolve: () => void }[] = [];
  let resolveAll!: () => void;
  const promise = new Promise<void>((r) => (resolveAll = r));
  const settle = () => {
    if (remaining.size === 0) resolveAll();
    for (const waiter of [...waiting]) {
      if (remaining.size === 0 || (remaining.size === 1 && remaining.has(waiter.except))) {
        waiting.splice(waiting.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  };
  settle();
  return {
    promise,
    hostFinished: (hostId) => {
      remaining.delete(hostId);
      settle();
    },
    othersFinished: (hostId) =>
      new Promise<void>((resolve) => {
        waiting.push({ except: hostId, resolve });
        settle();
      }),
  };
}
