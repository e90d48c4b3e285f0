/**
 * What the parts of one run share: the options it was started with, the one way events leave
 * the engine, and the outcome of every (host, step) so far.
 */
import type { AnyStep, Localized, StepTools } from '../steps/step';
import type { ConnectionProvider, SecretFilter } from './connection';
import { emptySummary, type PlanHostSummary, type StepStatus } from '../../shared/plan';
import type {
  RunEvent,
  RunEventInput,
  RunFinishedEvent,
  RunOperation,
} from '../../shared/run-events';
import type { HostKeyRecord } from './host-key-record';
import { stepKey, type RunJournal } from './journal';
import { inEveryLanguage } from '../../shared/localized';

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
  /** What the run does, as the journal and the report name it; a setup when not said. */
  operation?: RunOperation;
  /**
   * Probe and decide only: say what each host would get, change nothing, verify nothing. A
   * host's steps after its first change are not looked at, since what they find depends on it.
   */
  dryRun?: boolean;
  /** The host keys the run's connections accept, recorded as events once the run has begun. */
  hostKeys?: HostKeyRecord;
}

export type Emit = (input: RunEventInput) => void;

/** Stamps, redacts, journals and hands on each event, in the order they are emitted. */
export function eventEmitter(
  journal: RunJournal,
  secrets: SecretFilter,
  onEvent: ((event: RunEvent) => void) | undefined,
): Emit {
  return (input) => {
    // Every string inside an event passes through the secret filter before it leaves the engine.
    const event = secrets.redactDeep({ ...input, at: Date.now() } as RunEvent);
    void journal.append(event);
    onEvent?.(event);
  };
}

/** What a finished step reported, kept so later steps and the summary can read it. */
export interface StepOutcome {
  status: StepStatus;
  /** In the catalog's words where the engine says it; a host's error as the host said it. */
  message: Localized | string;
  /** Skipped because of a failure or a cancel, not because there was nothing to do. */
  blocked?: boolean;
}

/** What a step that ran has to say beyond its outcome. */
export interface StepExtras {
  changes: Localized[];
  /** In every language; a host's own words are the same in each. */
  warnings: Localized[];
  data: unknown;
  durationMs: number;
}

/** Every (host, step) outcome of the run, tallied for its summary as each one finishes. */
export class StepOutcomes {
  readonly summary = emptySummary();
  readonly failures: RunFinishedEvent['failures'] = [];
  private readonly byStep = new Map<string, StepOutcome>();

  constructor(private readonly emit: Emit) {}

  /** Records how a step ended on a host and says so in a step-finished event. */
  finish(host: string, stepId: string, outcome: StepOutcome & Partial<StepExtras>): void {
    this.byStep.set(stepKey(host, stepId), outcome);
    this.summary[outcome.status] += 1;
    // The journal and the CLI speak English; `localized` carries every language for the rest.
    const message = typeof outcome.message === 'string' ? outcome.message : outcome.message.en;
    const changes = outcome.changes ?? [];
    const warnings = outcome.warnings ?? [];
    if (outcome.status === 'failed') this.failures.push({ host, step: stepId, message });
    this.emit({
      type: 'step-finished',
      host,
      step: stepId,
      status: outcome.status,
      message,
      durationMs: outcome.durationMs ?? 0,
      changes: changes.map((change) => change.en),
      warnings: warnings.map((warning) => warning.en),
      data: outcome.data,
      ...(outcome.blocked ? { blocked: true } : {}),
      ...(saidInEveryLanguage(outcome.message, changes, warnings)
        ? { localized: { message: inEveryLanguage(outcome.message), changes, warnings } }
        : {}),
    });
  }

  get(host: string, stepId: string): StepOutcome | undefined {
    return this.byStep.get(stepKey(host, stepId));
  }
}

/**
 * Whether the engine said anything of a step's end in the catalog's words: then step-finished
 * carries every language (a host's own words among them the same in each).
 */
function saidInEveryLanguage(
  message: Localized | string,
  changes: readonly Localized[],
  warnings: readonly Localized[],
): boolean {
  return (
    typeof message !== 'string' ||
    changes.length > 0 ||
    warnings.some((warning) => warning.en !== warning['zh-CN'])
  );
}
