import type { HostFacts } from '../facts/facts';
import type { RemoteHost, StepContext, StepTools } from '../remote/remote-host';
import { StepFailure } from '../remote/step-failure';
import type { Localized } from '../../shared/localized';
import type { ExecOptions, ExecResult, UploadOptions } from '../../shared/exec';
import type { PlanHostSummary } from '../../shared/plan';

// What a step works with is declared below the steps (remote/, shared/), where the swarm helpers
// and the runner import it too; steps take it from here, beside their own shape.
export type {
  ExecOptions,
  ExecResult,
  Localized,
  RemoteHost,
  StepContext,
  StepTools,
  UploadOptions,
};
export { StepFailure };

/**
 * What a step decided after probing a host, in words from the message catalog
 * (`outcomes.<step>.*`), so the wizard and the report can say it in the user's language.
 */
export type Decision =
  | { kind: 'ok'; message?: Localized }
  | { kind: 'change'; changes: Localized[] }
  | { kind: 'skip'; reason: Localized };

/**
 * One setup step, in the same shape as every other: probe the host and change nothing,
 * decide, apply only what the probe says is needed, verify, and explain itself.
 */
export interface StepDefinition<Probe = unknown, Options = unknown> {
  id: string;
  title: Localized;
  explanation: Localized;
  /** Steps that must have finished on every host they apply to before this one starts. */
  waitsFor?: string[];
  /**
   * Start even when a step in `waitsFor` failed on some hosts (it compares the hosts that
   * made it). By default such a failure skips this step everywhere.
   */
  proceedPastFailures?: boolean;
  /**
   * Run on a host even after an earlier step failed there (a check that reports what works
   * beside what an earlier check found broken). By default the host's later steps are skipped.
   */
  runsAfterFailuresHere?: boolean;
  /** Run again on resume even when the journal says it finished (it gathers facts). */
  alwaysRun?: boolean;
  /**
   * What apply changes, no later step reads: a dry run goes on looking at the host's next
   * steps after a change here (otherwise it stops, since they would find the host unchanged).
   */
  standsAlone?: boolean;
  appliesTo(host: PlanHostSummary, hosts: readonly PlanHostSummary[], options: Options): boolean;
  probe(ctx: StepContext<Options>): Promise<Probe>;
  decide(probe: Probe, ctx: StepContext<Options>): Decision | Promise<Decision>;
  apply(ctx: StepContext<Options>, probe: Probe): Promise<void>;
  /**
   * Proves the step's outcome; throws when it does not hold. Returns data for the report.
   * `changed` says whether apply ran: when it did not, the probe has just read the wanted
   * state, and a verify that would only read it again takes the probe as it is.
   */
  verify(ctx: StepContext<Options>, probe: Probe, changed: boolean): Promise<unknown>;
  /**
   * What apply would run on a bare host with these facts; reads nothing from the host. Throws
   * StepFailure where apply would refuse the combination.
   */
  preview?(
    host: PlanHostSummary,
    facts: HostFacts,
    options: Options,
    hosts: readonly PlanHostSummary[],
  ): StepPreview | Promise<StepPreview>;
}

/** A file a step would write whole, as `swarmlab plan` shows it. */
export interface PreviewFile {
  path: string;
  mode: number;
  content: string;
}

/**
 * What a step's apply would send to a bare host of the given system: the tutorial for these
 * hosts. Built from the same pure generators apply uses, so the two cannot drift apart.
 */
export interface StepPreview {
  /** Scripts that run before the files are written (backups, folders, a repository key). */
  before?: string[];
  /** Files written whole over SFTP, after `before` and before `commands`. */
  files: PreviewFile[];
  /** Scripts in the order they would run (a comment says where one runs on another host). */
  commands: string[];
  /** What the preview cannot know in advance, or when the step would leave the host alone. */
  note?: Localized;
}

/** The type-erased form the runner holds in its list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: steps differ in Probe
export type AnyStep<Options = unknown> = StepDefinition<any, Options>;
