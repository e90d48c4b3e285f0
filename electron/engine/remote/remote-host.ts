/**
 * What steps and the swarm helpers they share see of a host. It sits below both (and below the
 * runner, which implements it), so each imports it downward.
 */
import type { ExecOptions, ExecResult, UploadOptions } from '../../shared/exec';
import type { Localized } from '../../shared/localized';
import type { PlanHostSummary } from '../../shared/plan';

/** A host as steps see it: every command they send is recorded, redacted and cancellable. */
export interface RemoteHost {
  readonly host: PlanHostSummary;
  exec(script: string, options?: ExecOptions): Promise<ExecResult>;
  /** Writes a whole file atomically: the path holds the old content or the new, never half. */
  uploadFile(path: string, content: string | Buffer, options: UploadOptions): Promise<void>;
  readFile(path: string, options?: { sudo?: boolean }): Promise<string | null>;
}

/** Capabilities of the operator's side that some steps use; the caller of a run provides them. */
export interface StepTools {
  /** The app's public key line, installed on hosts by the key exchange. */
  appPublicKey?: string;
  /** Logs in to a host with the app's key alone and runs `true`; throws when that fails. */
  proveKeyLogin?(hostId: string): Promise<void>;
}

/** Everything a step is given while it runs on one host. */
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
  /** Said in step-finished's warnings: in the catalog's words, or a host's own (a string). */
  warn(message: string | Localized): void;
  log(message: string): void;
  readonly signal: AbortSignal;
  readonly tools: StepTools;
  /**
   * Settles once every other host this step applies to has finished it (done, failed or
   * passed over): for the one host that must go last. Waits without holding a place of the
   * run's concurrency.
   */
  othersFinished(): Promise<void>;
  /** Awaits what other hosts' steps will settle, without holding a place they need to run. */
  aside<T>(wait: Promise<T>): Promise<T>;
}
