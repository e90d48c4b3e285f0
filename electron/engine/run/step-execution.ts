/** One step on one host: probe, decide, apply when needed, verify, and say how it ended. */
import type { AnyStep, StepContext } from '../steps/step';
import { StepFailure } from '../steps/step';
import { plainMessage } from '../ssh/plain-cause';
import { localized, localizedClauses } from '../../shared/messages';
import { inEachLanguage, inEveryLanguage, type Localized } from '../../shared/localized';
import type { PlanHostSummary, StepPhase } from '../../shared/plan';
import { stepKey } from './journal';
import type { CommandRecorder } from './recording-remote';
import type { Emit, RunOptions, StepOutcomes } from './run-state';
import type { Semaphore } from './semaphore';

/** What running a step needs from the run around it. */
export interface StepExecution<Options> {
  run: RunOptions<Options>;
  emit: Emit;
  signal: AbortSignal;
  outcomes: StepOutcomes;
  /** Written here as a step moves on, read by the recorder to label each command. */
  phases: Map<string, StepPhase>;
  /** Values steps hand each other during the run (StepContext.shared). */
  shared: Map<string, unknown>;
  recorder: CommandRecorder;
  /** The run's bound on steps at once: a step that waits for other hosts gives its place up. */
  semaphore: Semaphore;
  /** Settles once every host but `hostId` has finished `stepId` (the scheduler knows). */
  othersFinished: (stepId: string, hostId: string) => Promise<void>;
}

export async function runStepOnHost<Options>(
  execution: StepExecution<Options>,
  step: AnyStep<Options>,
  host: PlanHostSummary,
): Promise<void> {
  const { emit, signal, outcomes } = execution;
  const started = Date.now();
  const warnings: Localized[] = [];
  const ctx = stepContext(execution, step, host, warnings);
  const enterPhase = (phase: StepPhase) => {
    execution.phases.set(stepKey(host.id, step.id), phase);
    emit({ type: 'step-phase', host: host.id, step: step.id, phase });
  };
  emit({ type: 'step-started', host: host.id, step: step.id });
  try {
    enterPhase('probe');
    const probe: unknown = await step.probe(ctx);
    const decision = await step.decide(probe, ctx);
    if (decision.kind === 'skip') {
      outcomes.finish(host.id, step.id, {
        status: 'skipped',
        message: decision.reason,
        warnings,
        durationMs: Date.now() - started,
      });
      return;
    }
    let changes: Localized[] = [];
    if (decision.kind === 'change') {
      changes = decision.changes;
      throwIfCancelled(signal);
      // A dry run says what would change, and changes nothing.
      if (!execution.run.dryRun) {
        enterPhase('apply');
        await step.apply(ctx, probe);
      }
    }
    let data: unknown;
    if (!execution.run.dryRun) {
      enterPhase('verify');
      data = await step.verify(ctx, probe, changes.length > 0);
    }
    outcomes.finish(host.id, step.id, {
      status: changes.length > 0 ? 'changed' : 'ok',
      message:
        changes.length > 0
          ? localizedClauses(changes)
          : ((decision.kind === 'ok' ? decision.message : undefined) ??
            localized('outcomes.run.alreadyAsWanted')),
      changes,
      warnings,
      data,
      durationMs: Date.now() - started,
    });
  } catch (error) {
    outcomes.finish(host.id, step.id, {
      status: 'failed',
      message: signal.aborted ? localized('outcomes.run.cancelled') : describeError(error),
      warnings,
      data: error instanceof StepFailure ? error.data : undefined,
      durationMs: Date.now() - started,
    });
  }
}

/** What the step sees of the run; its warnings are kept in `warnings` for step-finished. */
function stepContext<Options>(
  execution: StepExecution<Options>,
  step: AnyStep<Options>,
  host: PlanHostSummary,
  warnings: Localized[],
): StepContext<Options> {
  const { run, emit, recorder } = execution;
  const warn = (message: string | Localized): void => {
    const words = inEveryLanguage(message);
    warnings.push(inEachLanguage(words, (text) => run.secrets.redact(text)));
    emit({ type: 'log', host: host.id, step: step.id, level: 'warn', message: words.en });
  };
  return {
    host,
    hosts: run.hosts,
    // Trouble in a command's output (a name that does not resolve …) is a warning of the step.
    remote: recorder.remoteFor(host.id, step.id, host.id, warn),
    remoteFor: (hostId) => recorder.remoteFor(hostId, step.id, host.id, warn),
    options: run.options,
    shared: execution.shared,
    addSecret: (secret) => run.secrets.addSecret(secret),
    warn,
    log: (message) => emit({ type: 'log', host: host.id, step: step.id, level: 'info', message }),
    signal: execution.signal,
    tools: run.tools ?? {},
    othersFinished: () => execution.semaphore.aside(execution.othersFinished(step.id, host.id)),
    aside: (wait) => execution.semaphore.aside(wait),
  };
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StepFailure(localized('outcomes.run.cancelled'));
}

/**
 * A step's own failure in every language; a common one (a refused login, a host that does not
 * answer) by its plain cause and fix; any other error in its own words.
 */
function describeError(error: unknown): Localized | string {
  if (error instanceof StepFailure) return error.localized;
  if (error instanceof Error) return plainMessage(error) ?? error.message;
  return String(error);
}
