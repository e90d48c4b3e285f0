import { randomUUID } from 'node:crypto';
import { shellQuote } from '../shell/quote';
import { SWARMLAB_VERSION } from '../version';
import type {
  AnyStep,
  ExecOptions,
  ExecResult,
  RemoteHost,
  StepContext,
  StepTools,
  UploadOptions,
} from '../steps/step';
import { StepFailure } from '../steps/step';
import type { ConnectionProvider, SecretFilter } from './connection';
import {
  emptySummary,
  type FileUpload,
  type PlanHostSummary,
  type RunEvent,
  type RunEventInput,
  type RunFinishedEvent,
  type StepPhase,
  type StepStatus,
} from './events';
import { completedSteps, RunJournal, stepKey } from './journal';
import { Semaphore } from './semaphore';

export interface RunOptions<Options> {
  hosts: PlanHostSummary[];
  steps: readonly AnyStep<Options>[];
  options: Options;
  connections: ConnectionProvider;
  secrets: SecretFilter;
  /** Where the journal is appended. */
  journalPath: string;
  /** Events of an earlier run of the same plan: steps it finished are not run again. */
  resumeFrom?: RunEvent[];
  /** How many steps may run at once across all hosts. */
  concurrency?: number;
  signal?: AbortSignal;
  onEvent?: (event: RunEvent) => void;
  runId?: string;
  tools?: StepTools;
}

/** What a finished step reported, kept so later steps and the summary can read it. */
interface StepOutcome {
  status: StepStatus;
  message: string;
  /** Skipped because of a failure or a cancel, not because there was nothing to do. */
  blocked?: boolean;
}

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
  const shared = new Map<string, unknown>();
  const earlier = run.resumeFrom ? completedSteps(run.resumeFrom) : new Map<string, StepStatus>();
  const outcomes = new Map<string, StepOutcome>();
  const summary = emptySummary();
  const failures: RunFinishedEvent['failures'] = [];
  let nextCommandId = 1;

  const emit = (input: RunEventInput): void => {
    // Every string inside an event passes through the secret filter before it leaves the engine.
    const event = run.secrets.redactDeep({ ...input, at: Date.now() } as RunEvent);
    void journal.append(event);
    run.onEvent?.(event);
  };

  const applicableHosts = new Map<string, PlanHostSummary[]>();
  for (const step of run.steps) {
    applicableHosts.set(
      step.id,
      run.hosts.filter((host) => step.appliesTo(host, run.hosts, run.options)),
    );
  }

  // One promise per step, settled when the step has finished on every host it applies to.
  const stepDone = new Map<string, { promise: Promise<void>; hostFinished: () => void }>();
  for (const step of run.steps) {
    let remaining = applicableHosts.get(step.id)?.length ?? 0;
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    if (remaining === 0) resolve();
    stepDone.set(step.id, {
      promise,
      hostFinished: () => {
        remaining -= 1;
        if (remaining === 0) resolve();
      },
    });
  }

  /** The phase each (host, step) is in, so every command says which phase sent it. */
  const phases = new Map<string, StepPhase>();
  const remoteFor = (hostId: string, stepId: string, forHost: string): RemoteHost => {
    const origin = () => ({
      phase: phases.get(stepKey(forHost, stepId)) ?? 'probe',
      ...(forHost !== hostId ? { forHost } : {}),
    });
    const host = run.hosts.find((candidate) => candidate.id === hostId);
    if (!host) throw new Error(`unknown host ${hostId}`);
    const connection = run.connections.connectionFor(hostId);
    return {
      host,
      exec: async (script: string, options: ExecOptions = {}): Promise<ExecResult> => {
        const commandId = nextCommandId++;
        const sudo = options.sudo ?? false;
        const shown = options.displayCommand ?? script;
        emit({
          type: 'command-started',
          host: hostId,
          step: stepId,
          commandId,
          command: shown,
          sudo,
          ...origin(),
        });
        const stdoutFilter = run.secrets.stream();
        const stderrFilter = run.secrets.stream();
        const output = (stream: 'stdout' | 'stderr', text: string): void => {
          if (text !== '' && !options.quiet) {
            emit({ type: 'command-output', host: hostId, step: stepId, commandId, stream, text });
          }
        };
        let result: ExecResult;
        try {
          result = await connection.exec(script, {
            stdin: options.stdin,
            sudo,
            timeoutMs: options.timeoutMs,
            signal,
            onStdout: (chunk) => output('stdout', stdoutFilter.push(chunk)),
            onStderr: (chunk) => output('stderr', stderrFilter.push(chunk)),
          });
        } catch (error) {
          output('stdout', stdoutFilter.flush());
          output('stderr', stderrFilter.flush());
          emit({
            type: 'command-finished',
            host: hostId,
            step: stepId,
            commandId,
            exitCode: null,
            durationMs: 0,
          });
          throw error;
        }
        output('stdout', stdoutFilter.flush());
        output('stderr', stderrFilter.flush());
        emit({
          type: 'command-finished',
          host: hostId,
          step: stepId,
          commandId,
          exitCode: result.exitCode,
          durationMs: result.durationMs,
        });
        if (result.exitCode !== 0 && !options.allowFailure) {
          const lastLines = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-3);
          throw new StepFailure(
            `\`${firstLine(shown)}\` exited with ${result.exitCode ?? 'no code'}: ${run.secrets.redact(lastLines.join(' / '))}`,
          );
        }
        return result;
      },
      uploadFile: async (path: string, content: string | Buffer, options: UploadOptions) => {
        const commandId = nextCommandId++;
        const mode = options.mode.toString(8).padStart(4, '0');
        emit({
          type: 'command-started',
          host: hostId,
          step: stepId,
          commandId,
          command: `# write ${path} (mode ${mode}, ${Buffer.byteLength(content)} bytes) over SFTP`,
          sudo: options.sudo ?? false,
          upload: describeUpload(path, mode, content, options),
          ...origin(),
        });
        const started = Date.now();
        try {
          await connection.uploadFile(path, content, options);
        } finally {
          emit({
            type: 'command-finished',
            host: hostId,
            step: stepId,
            commandId,
            exitCode: 0,
            durationMs: Date.now() - started,
          });
        }
      },
      readFile: async (path: string, options: { sudo?: boolean } = {}) => {
        const result = await connection.exec(`cat -- ${shellQuote(path)} 2>/dev/null || exit 3`, {
          sudo: options.sudo ?? false,
          signal,
        });
        if (result.exitCode === 3) return null;
        if (result.exitCode !== 0) throw new StepFailure(`cannot read ${path} on ${hostId}`);
        return result.stdout;
      },
    };
  };

  const finish = (host: string, stepId: string, outcome: StepOutcome & Partial<StepExtras>) => {
    outcomes.set(stepKey(host, stepId), outcome);
    summary[outcome.status] += 1;
    if (outcome.status === 'failed')
      failures.push({ host, step: stepId, message: outcome.message });
    emit({
      type: 'step-finished',
      host,
      step: stepId,
      status: outcome.status,
      message: outcome.message,
      durationMs: outcome.durationMs ?? 0,
      changes: outcome.changes ?? [],
      warnings: outcome.warnings ?? [],
      data: outcome.data,
    });
  };

  const runStepOnHost = async (step: AnyStep<Options>, host: PlanHostSummary): Promise<void> => {
    const started = Date.now();
    const warnings: string[] = [];
    const ctx: StepContext<Options> = {
      host,
      hosts: run.hosts,
      remote: remoteFor(host.id, step.id, host.id),
      remoteFor: (hostId) => remoteFor(hostId, step.id, host.id),
      options: run.options,
      shared,
      addSecret: (secret) => run.secrets.addSecret(secret),
      warn: (message) => {
        warnings.push(run.secrets.redact(message));
        emit({ type: 'log', host: host.id, step: step.id, level: 'warn', message });
      },
      log: (message) => emit({ type: 'log', host: host.id, step: step.id, level: 'info', message }),
      signal,
      tools: run.tools ?? {},
    };
    const enterPhase = (phase: StepPhase) => {
      phases.set(stepKey(host.id, step.id), phase);
      emit({ type: 'step-phase', host: host.id, step: step.id, phase });
    };
    emit({ type: 'step-started', host: host.id, step: step.id });
    try {
      enterPhase('probe');
      const probe: unknown = await step.probe(ctx);
      const decision = await step.decide(probe, ctx);
      if (decision.kind === 'skip') {
        finish(host.id, step.id, {
          status: 'skipped',
          message: decision.reason,
          warnings,
          durationMs: Date.now() - started,
        });
        return;
      }
      let changes: string[] = [];
      if (decision.kind === 'change') {
        changes = decision.changes;
        throwIfCancelled(signal);
        enterPhase('apply');
        await step.apply(ctx, probe, changes);
      }
      enterPhase('verify');
      const data: unknown = await step.verify(ctx, probe, changes.length > 0);
      finish(host.id, step.id, {
        status: changes.length > 0 ? 'changed' : 'ok',
        message:
          changes.length > 0
            ? changes.join('; ')
            : decision.kind === 'ok'
              ? (decision.message ?? 'already as wanted')
              : 'already as wanted',
        changes,
        warnings,
        data,
        durationMs: Date.now() - started,
      });
    } catch (error) {
      finish(host.id, step.id, {
        status: 'failed',
        message: signal.aborted ? 'cancelled' : describeError(error),
        warnings,
        data: error instanceof StepFailure ? error.data : undefined,
        durationMs: Date.now() - started,
      });
    }
  };

  const walkHost = async (host: PlanHostSummary): Promise<void> => {
    let hostFailure: string | undefined;
    for (const step of run.steps) {
      if (!applicableHosts.get(step.id)?.includes(host)) continue;
      const done = stepDone.get(step.id);
      const skipCancelled = (): void =>
        finish(host.id, step.id, {
          status: 'skipped',
          message: 'cancelled before it started',
          blocked: true,
        });
      try {
        if (signal.aborted) {
          skipCancelled();
          continue;
        }
        if (hostFailure) {
          finish(host.id, step.id, {
            status: 'skipped',
            message: `not run: ${hostFailure}`,
            blocked: true,
          });
          continue;
        }
        const blocked = await waitForBarriers(step);
        // The wait can be long (other hosts' installs): a cancel during it must not start the step.
        if (signal.aborted) {
          skipCancelled();
          continue;
        }
        if (blocked) {
          finish(host.id, step.id, { status: 'skipped', message: blocked, blocked: true });
          hostFailure = blocked;
          continue;
        }
        const before = earlier.get(stepKey(host.id, step.id));
        if (!step.alwaysRun && (before === 'ok' || before === 'changed')) {
          finish(host.id, step.id, { status: 'ok', message: 'done in the run this one resumes' });
          continue;
        }
        await semaphore.run(() => runStepOnHost(step, host));
        const outcome = outcomes.get(stepKey(host.id, step.id));
        if (outcome?.status === 'failed') hostFailure = `${step.id} failed on this host`;
      } finally {
        done?.hostFinished();
      }
    }
  };

  /** Waits for the steps this one needs; returns why it cannot run, if one of them failed. */
  const waitForBarriers = async (step: AnyStep<Options>): Promise<string | undefined> => {
    for (const neededId of step.waitsFor ?? []) {
      await stepDone.get(neededId)?.promise;
      const failedOn = (applicableHosts.get(neededId) ?? [])
        .filter((other) => {
          const outcome = outcomes.get(stepKey(other.id, neededId));
          return outcome?.status === 'failed' || outcome?.blocked === true;
        })
        .map((other) => other.id);
      if (failedOn.length > 0 && !step.proceedPastFailures) {
        return `not run: it needs ${neededId}, which did not complete on ${failedOn.join(', ')}`;
      }
    }
    return undefined;
  };

  emit({
    type: 'run-started',
    runId,
    version: SWARMLAB_VERSION,
    resumed: Boolean(run.resumeFrom),
    hosts: run.hosts,
    steps: run.steps.map((step) => ({
      id: step.id,
      title: step.title,
      hosts: (applicableHosts.get(step.id) ?? []).map((host) => host.id),
    })),
  });

  await Promise.all(run.hosts.map((host) => walkHost(host)));

  const finished: RunEventInput = {
    type: 'run-finished',
    runId,
    status: signal.aborted ? 'cancelled' : summary.failed > 0 ? 'failed' : 'succeeded',
    summary,
    durationMs: Date.now() - startedAt,
    failures,
  };
  emit(finished);
  await journal.flush();
  return { ...finished, at: Date.now() } as RunFinishedEvent;
}

interface StepExtras {
  changes: string[];
  warnings: string[];
  data: unknown;
  durationMs: number;
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new StepFailure('cancelled');
}

/** Configs travel with the event (redacted like everything else), so reports can show them. */
const MAX_RECORDED_UPLOAD_BYTES = 64 * 1024;

function describeUpload(
  path: string,
  mode: string,
  content: string | Buffer,
  options: UploadOptions,
): FileUpload {
  const bytes = Buffer.byteLength(content);
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const isText =
    bytes <= MAX_RECORDED_UPLOAD_BYTES && !text.includes('\uFFFD') && !text.includes('\u0000');
  return {
    path,
    mode,
    bytes,
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.group ? { group: options.group } : {}),
    ...(isText ? { content: text } : {}),
  };
}

function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? text;
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
