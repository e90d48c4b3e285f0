/**
 * Everything a run says, as plain JSON-serialisable events. The UI, the CLI, the journal on
 * disk and the report all read this one stream. Secrets are redacted before an event is
 * emitted (see run/runner.ts), so consumers never need to.
 */

export type StepStatus = 'ok' | 'changed' | 'failed' | 'skipped';
export type StepPhase = 'probe' | 'apply' | 'verify';
export type OutputStream = 'stdout' | 'stderr';

export interface PlanHostSummary {
  id: string;
  address: string;
  port: number;
  user: string;
  hostname?: string;
  role: 'manager' | 'worker';
  /** The address swarm advertises, when the inventory pins one. */
  advertiseAddress?: string;
  labels?: Record<string, string>;
}

export interface PlanStepSummary {
  id: string;
  title: { en: string; 'zh-CN': string };
  /** Ids of the hosts this step applies to, in plan order. */
  hosts: string[];
}

interface EventBase {
  /** Milliseconds since the epoch. */
  at: number;
}

export interface RunStartedEvent extends EventBase {
  type: 'run-started';
  runId: string;
  version: string;
  hosts: PlanHostSummary[];
  steps: PlanStepSummary[];
  /** True when this run continues an earlier run from its journal. */
  resumed: boolean;
}

export interface StepStartedEvent extends EventBase {
  type: 'step-started';
  host: string;
  step: string;
}

export interface StepPhaseEvent extends EventBase {
  type: 'step-phase';
  host: string;
  step: string;
  phase: StepPhase;
}

export interface CommandStartedEvent extends EventBase {
  type: 'command-started';
  host: string;
  step: string;
  commandId: number;
  command: string;
  sudo: boolean;
  /** Set when the "command" is a file written over SFTP: what was written, where. */
  upload?: FileUpload;
  /** The phase of the step that sent it (absent in journals of older versions). */
  phase?: StepPhase;
  /** Set when a step reached another host for its own host (a join token from the manager). */
  forHost?: string;
}

export interface FileUpload {
  path: string;
  /** Octal, e.g. "0644". */
  mode: string;
  bytes: number;
  owner?: string;
  group?: string;
  /** The text written, when it is small UTF-8 text (configs); absent for binaries. */
  content?: string;
}

export interface CommandOutputEvent extends EventBase {
  type: 'command-output';
  host: string;
  step: string;
  commandId: number;
  stream: OutputStream;
  text: string;
}

export interface CommandFinishedEvent extends EventBase {
  type: 'command-finished';
  host: string;
  step: string;
  commandId: number;
  exitCode: number | null;
  durationMs: number;
}

export interface StepFinishedEvent extends EventBase {
  type: 'step-finished';
  host: string;
  step: string;
  status: StepStatus;
  /** One line for people: what changed, why it was skipped, or why it failed. */
  message: string;
  durationMs: number;
  /** What apply changed, one entry per change. */
  changes: string[];
  warnings: string[];
  /** Step-specific structured results (preflight checks, verification results, facts). */
  data?: unknown;
}

export interface LogEvent extends EventBase {
  type: 'log';
  host?: string;
  step?: string;
  level: 'info' | 'warn' | 'error';
  message: string;
}

export interface RunSummary {
  ok: number;
  changed: number;
  failed: number;
  skipped: number;
}

export interface RunFinishedEvent extends EventBase {
  type: 'run-finished';
  runId: string;
  status: 'succeeded' | 'failed' | 'cancelled';
  summary: RunSummary;
  durationMs: number;
  /** One entry per failed step: which host failed where and why. */
  failures: { host: string; step: string; message: string }[];
}

export type RunEvent =
  | RunStartedEvent
  | StepStartedEvent
  | StepPhaseEvent
  | CommandStartedEvent
  | CommandOutputEvent
  | CommandFinishedEvent
  | StepFinishedEvent
  | LogEvent
  | RunFinishedEvent;

/** Distributes `Omit` over the union so each event keeps its own fields. */
export type RunEventInput = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'at'>
    : never
  : never;

export function emptySummary(): RunSummary {
  return { ok: 0, changed: 0, failed: 0, skipped: 0 };
}
