/**
 * Everything a run says, as plain JSON-serialisable events: the UI, the CLI, the journal on disk
 * and the report all read this one stream. The zod schemas are the declaration (readJournal
 * checks every journal line against them); the types are inferred, so the two cannot drift.
 * Secrets are redacted before an event is emitted (engine/run/run-state.ts), so consumers never
 * need to.
 */
import { z } from 'zod';
import {
  atSchema,
  countSchema,
  durationSchema,
  fileModeSchema,
  hostIdSchema,
  runIdSchema,
  shown,
  stepIdSchema,
  userSchema,
} from './fields';
import { localizedSchema, stepWordsSchema } from './localized';
import {
  planHostSummarySchema,
  planStepSummarySchema,
  runSummarySchema,
  stepFailureSummarySchema,
  stepPhaseSchema,
  stepStatusSchema,
} from './plan';

/** The operations a run can be: a setup (apply, demo, the wizard), `remove` or `reset`. */
export const runOperationSchema = z.enum(['setup', 'removal', 'reset', 'practice', 'check']);
export type RunOperation = z.infer<typeof runOperationSchema>;

export const outputStreamSchema = z.enum(['stdout', 'stderr']);
export type OutputStream = z.infer<typeof outputStreamSchema>;

export const fileUploadSchema = z.object({
  /** Where the file went. Free text: a home folder is what the host said it is. */
  path: z.string().min(1),
  /** Octal, e.g. "0644". */
  mode: fileModeSchema,
  bytes: countSchema,
  owner: userSchema.optional(),
  group: userSchema.optional(),
  /** The text written, when it is small UTF-8 text (configs); absent for binaries. */
  content: z.string().optional(),
});
export type FileUpload = z.infer<typeof fileUploadSchema>;

const hostStep = { at: atSchema, host: hostIdSchema, step: stepIdSchema };

export const runStartedEventSchema = z.object({
  type: z.literal('run-started'),
  at: atSchema,
  runId: runIdSchema,
  version: z.string(),
  hosts: z.array(planHostSummarySchema),
  steps: z.array(planStepSummarySchema),
  /** True when this run continues an earlier run from its journal. */
  resumed: z.boolean(),
  /** What the run does to the swarm; journals written before removals existed are setups. */
  operation: runOperationSchema.optional(),
});

export const stepStartedEventSchema = z.object({ type: z.literal('step-started'), ...hostStep });

export const stepPhaseEventSchema = z.object({
  type: z.literal('step-phase'),
  ...hostStep,
  phase: stepPhaseSchema,
});

export const commandStartedEventSchema = z.object({
  type: z.literal('command-started'),
  ...hostStep,
  commandId: countSchema,
  command: z.string(),
  sudo: z.boolean(),
  /** Set when the "command" is a file written over SFTP: what was written, where. */
  upload: fileUploadSchema.optional(),
  /** The phase of the step that sent it (absent in journals of older versions). */
  phase: stepPhaseSchema.optional(),
  /** Set when a step reached another host for its own host (a join token from the manager). */
  forHost: hostIdSchema.optional(),
  /** What a read-only command finds out, in words (absent where the step does not say). */
  purpose: localizedSchema.optional(),
});

export const commandOutputEventSchema = z.object({
  type: z.literal('command-output'),
  ...hostStep,
  commandId: countSchema,
  stream: outputStreamSchema,
  text: z.string(),
});

export const commandFinishedEventSchema = z.object({
  type: z.literal('command-finished'),
  ...hostStep,
  commandId: countSchema,
  exitCode: z.number().int().nullable(),
  durationMs: durationSchema,
});

export const stepFinishedEventSchema = z.object({
  type: z.literal('step-finished'),
  ...hostStep,
  status: stepStatusSchema,
  /** One line for people: what changed, why it was skipped, or why it failed. */
  message: z.string(),
  durationMs: durationSchema,
  /** What apply changed, one entry per change. */
  changes: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Step-specific structured results (preflight checks, verification results, facts). */
  data: z.unknown().optional(),
  /**
   * `message`, `changes` and `warnings` in every language, where the engine said any of them in
   * the catalog's words (`outcomes.*`, `failures.*`); a host's own words among them are the same
   * text in each. Absent where the host's words are all there is (an error from outside a step),
   * and in journals written before outcomes were translated; `warnings` is absent in journals
   * written before warnings were.
   */
  localized: stepWordsSchema.optional(),
  /** Skipped without being looked at: a step before it failed, or the run was cancelled. */
  blocked: z.boolean().optional(),
});

/** The key a host presented when the run connected to it, as accepted (once per host and key). */
export const hostKeyEventSchema = z.object({
  type: z.literal('host-key'),
  at: atSchema,
  host: hostIdSchema,
  /** The hop whose key it is: the host itself, or a jump host on the way to it. */
  address: z.string().min(1),
  port: z.number().int().min(1).max(65535),
  keyType: z.string().min(1),
  fingerprint: z.string().min(1),
  /** Trusted for the first time by this command (asked before the run, or --yes). */
  firstContact: z.boolean(),
});

export const logEventSchema = z.object({
  type: z.literal('log'),
  at: atSchema,
  host: hostIdSchema.optional(),
  step: stepIdSchema.optional(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});

export const runFinishedEventSchema = z.object({
  type: z.literal('run-finished'),
  at: atSchema,
  runId: runIdSchema,
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  summary: runSummarySchema,
  durationMs: durationSchema,
  /** One entry per failed step: which host failed where and why. */
  failures: z.array(stepFailureSummarySchema),
});

const EVENT_SCHEMAS = [
  runStartedEventSchema,
  stepStartedEventSchema,
  stepPhaseEventSchema,
  commandStartedEventSchema,
  commandOutputEventSchema,
  commandFinishedEventSchema,
  stepFinishedEventSchema,
  hostKeyEventSchema,
  logEventSchema,
  runFinishedEventSchema,
] as const;

export const RUN_EVENT_TYPES: readonly string[] = EVENT_SCHEMAS.map(
  (schema) => schema.shape.type.value,
);

export const runEventSchema = z.discriminatedUnion('type', EVENT_SCHEMAS, {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const type: unknown =
      typeof issue.input === 'object' && issue.input !== null
        ? (issue.input as { type?: unknown }).type
        : undefined;
    const expected = `one of ${RUN_EVENT_TYPES.join(', ')}`;
    return type === undefined
      ? `is missing (${expected})`
      : `${shown(type)} is not a run event type (${expected})`;
  },
});

export type RunStartedEvent = z.infer<typeof runStartedEventSchema>;
export type StepStartedEvent = z.infer<typeof stepStartedEventSchema>;
export type StepPhaseEvent = z.infer<typeof stepPhaseEventSchema>;
export type CommandStartedEvent = z.infer<typeof commandStartedEventSchema>;
export type CommandOutputEvent = z.infer<typeof commandOutputEventSchema>;
export type CommandFinishedEvent = z.infer<typeof commandFinishedEventSchema>;
export type StepFinishedEvent = z.infer<typeof stepFinishedEventSchema>;
export type HostKeyEvent = z.infer<typeof hostKeyEventSchema>;
export type LogEvent = z.infer<typeof logEventSchema>;
export type RunFinishedEvent = z.infer<typeof runFinishedEventSchema>;

export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

/** Distributes `Omit` over the union so each event keeps its own fields. */
export type RunEventInput = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'at'>
    : never
  : never;
