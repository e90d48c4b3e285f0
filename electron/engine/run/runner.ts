/**
 * Executes a plan (steps × hosts) and records it as events. The parts live beside this file:
 * scheduler.ts walks the hosts through their steps, step-execution.ts runs one step on one
 * host, recording-remote.ts records every command a step sends, run-state.ts holds what they
 * share.
 */
import { randomUUID } from 'node:crypto';
import { SWARMLAB_VERSION } from '../version';
import type { StepPhase, StepStatus } from '../../shared/plan';
import type { RunEventInput, RunFinishedEvent } from '../../shared/run-events';
import { completedSteps, RunJournal } from './journal';
import { CommandRecorder } from './recording-remote';
import { eventEmitter, StepOutcomes, type RunOptions } from './run-state';
import { Scheduler } from './scheduler';
import { Semaphore } from './semaphore';
import { runStepOnHost, type StepExecution } from './step-execution';

export type { RunOptions } from './run-state';

const DEFAULT_CONCURRENCY = 64;

/**
 * Executes a plan (steps × hosts). Each host walks its steps in order; hosts run in parallel;
 * a step that `waitsFor` another waits until that step has finished on every host it applies
 * to. A failure stops only the failing host's later steps.
 */
export async function runPlan<Options>(run: RunOptions<Options>): Promise<RunFinishedEvent> {
  const runId = run.runId ?? randomUUID();
  const startedAt = Date.now();
  const journal = new RunJournal(run.journalPath);
  const signal = run.signal ?? new AbortController().signal;
  const semaphore = new Semaphore(run.concurrency ?? DEFAULT_CONCURRENCY);
  const earlier = run.resumeFrom ? completedSteps(run.resumeFrom) : new Map<string, StepStatus>();
  const emit = eventEmitter(journal, run.secrets, run.onEvent);
  const outcomes = new StepOutcomes(emit);
  const phases = new Map<string, StepPhase>();
  const recorder = new CommandRecorder({
    hosts: run.hosts,
    connections: run.connections,
    secrets: run.secrets,
    emit,
    signal,
    phases,
  });
  const execution: StepExecution<Options> = {
    run,
    emit,
    signal,
    outcomes,
    phases,
    shared: new Map<string, unknown>(),
    recorder,
    semaphore,
    // The scheduler is made below with this execution; a step asks only once the run has begun.
    othersFinished: (stepId, hostId) => scheduler.othersFinished(stepId, hostId),
  };
  const scheduler = new Scheduler({
    run,
    signal,
    outcomes,
    earlier,
    semaphore,
    runStep: (step, host) => runStepOnHost(execution, step, host),
  });

  emit({
    type: 'run-started',
    runId,
    version: SWARMLAB_VERSION,
    resumed: Boolean(run.resumeFrom),
    operation: run.operation ?? 'setup',
    hosts: run.hosts,
    steps: run.steps.map((step) => ({
      id: step.id,
      title: step.title,
      explanation: step.explanation,
      hosts: (scheduler.applicableHosts.get(step.id) ?? []).map((host) => host.id),
    })),
  });

  run.hostKeys?.startRecording(emit);

  await Promise.all(run.hosts.map((host) => scheduler.walkHost(host)));

  const finished: RunEventInput = {
    type: 'run-finished',
    runId,
    status: signal.aborted ? 'cancelled' : outcomes.summary.failed > 0 ? 'failed' : 'succeeded',
    summary: outcomes.summary,
    durationMs: Date.now() - startedAt,
    failures: outcomes.failures,
  };
  emit(finished);
  await journal.flush();
  return { ...finished, at: Date.now() } as RunFinishedEvent;
}
