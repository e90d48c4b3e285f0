import type { HostFacts } from '../facts/facts';
import type { PlanHostSummary } from '../run/events';

/** Text shown to people, in every language the app speaks. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

export interface ExecOptions {
  /** Run through sudo when the login user is not root. */
  sudo?: boolean;
  /** Bytes written to the command's stdin (file contents, secrets). Never logged. */
  stdin?: string | Buffer;
  timeoutMs?: number;
  /** A failing exit code is a result, not an error. */
  allowFailure?: boolean;
  /** Show this instead of the real command in events (the real one holds a value that is secret). */
  displayCommand?: string;
  /** Do not record this command's output in events (it is noise, or a secret). */
  quiet?: boolean;
}

export interface ExecResult {
  exitCode: number | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

export interface UploadOptions {
  mode: number;
  owner?: string;
  group?: string;
  sudo?: boolean;
}

/** A host as steps see it: every command they send is recorded, redacted and cancellable. */
export interface RemoteHost {
  readonly host: PlanHostSummary;
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  /** Writes a whole file atomically: the path holds the old content or the new, never half. */
  uploadFile(path: string, content: string | Buffer, options: UploadOptions): Promise<void>;
  readFile(path: string, options?: { sudo?: boolean }): Promise<string | null>;
}

/** What a step decided after probing a host. */
export type Decision =
  | { kind: 'ok'; message?: string }
  | { kind: 'change'; changes: string[] }
  | { kind: 'skip'; reason: string };

/** Capabilities of the operator's side that some steps use; the caller of a run provides them. */
export interface StepTools {
  /** The app's public key line, installed on hosts by the key exchange. */
  appPublicKey?: string;
  /** Logs in to a host with the app's key alone and runs `true`; throws when that fails. */
  proveKeyLogin?(hostId: string): Promise<void>;
}

export interface StepContext<Options = unknown> {
  /** The host this step runs on. */
  readonly host: PlanHostSummary;
  /** Every host of the plan, in order. */
  readonly hosts: readonly PlanHostSummary[];
  readonly remote: RemoteHost;
  /** Reach another host of the plan (for example the manager that hands out join tokens). */
  remoteFor(hostId: string): RemoteHost;
  readonly options: Options;
  /** Values shared between steps and hosts during one run (facts, the swarm's manager address). */
  readonly shared: Map<string, unknown>;
  /** A value learnt during the run that must never appear in events (a join token). */
  addSecret(secret: string): void;
  warn(message: string): void;
  log(message: string): void;
  readonly signal: AbortSignal;
  readonly tools: StepTools;
}

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
  /** Run again on resume even when the journal says it finished (it gathers facts). */
  alwaysRun?: boolean;
  appliesTo(host: PlanHostSummary, hosts: readonly PlanHostSummary[], options: Options): boolean;
  probe(ctx: StepContext<Options>): Promise<Probe>;
  decide(probe: Probe, ctx: StepContext<Options>): Decision | Promise<Decision>;
  apply(ctx: StepContext<Options>, probe: Probe, changes: string[]): Promise<void>;
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
  note?: string;
}

/** The type-erased form the runner holds in its list. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- variance: steps differ in Probe
export type AnyStep<Options = unknown> = StepDefinition<any, Options>;

/** Raised by a step for a failure whose message is already written for people. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly fix?: string,
    /** Structured results that still belong in the report (the failing preflight table). */
    readonly data?: unknown,
  ) {
    super(fix ? `${message} — ${fix}` : message);
    this.name = 'StepFailure';
  }
}
