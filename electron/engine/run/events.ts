/**
 * Everything a run says, as plain JSON-serialisable events. The UI, the CLI, the journal on
 * disk and the report all read this one stream. Secrets are redacted before an event is
 * emitted (see run/runner.ts), so consumers never need to.
 *
 * The types are inferred from the schemas in run/event-schema.ts (the declaration, with the
 * fields' documentation), which readJournal checks every journal line against.
 */
import type { z } from 'zod';
import type {
  commandFinishedEventSchema,
  commandOutputEventSchema,
  commandStartedEventSchema,
  fileUploadSchema,
  logEventSchema,
  outputStreamSchema,
  planHostSummarySchema,
  planStepSummarySchema,
  runEventSchema,
  runFinishedEventSchema,
  runStartedEventSchema,
  runSummarySchema,
  stepFinishedEventSchema,
  stepPhaseEventSchema,
  stepPhaseSchema,
  stepStartedEventSchema,
  stepStatusSchema,
} from './event-schema';

export type StepStatus = z.infer<typeof stepStatusSchema>;
export type StepPhase = z.infer<typeof stepPhaseSchema>;
export type OutputStream = z.infer<typeof outputStreamSchema>;
export type PlanHostSummary = z.infer<typeof planHostSummarySchema>;
export type PlanStepSummary = z.infer<typeof planStepSummarySchema>;
export type FileUpload = z.infer<typeof fileUploadSchema>;
export type RunSummary = z.infer<typeof runSummarySchema>;

export type RunStartedEvent = z.infer<typeof runStartedEventSchema>;
export type StepStartedEvent = z.infer<typeof stepStartedEventSchema>;
export type StepPhaseEvent = z.infer<typeof stepPhaseEventSchema>;
export type CommandStartedEvent = z.infer<typeof commandStartedEventSchema>;
export type CommandOutputEvent = z.infer<typeof commandOutputEventSchema>;
export type CommandFinishedEvent = z.infer<typeof commandFinishedEventSchema>;
export type StepFinishedEvent = z.infer<typeof stepFinishedEventSchema>;
export type LogEvent = z.infer<typeof logEventSchema>;
export type RunFinishedEvent = z.infer<typeof runFinishedEventSchema>;

export type RunEvent = z.infer<typeof runEventSchema>;

/** Distributes `Omit` over the union so each event keeps its own fields. */
export type RunEventInput = RunEvent extends infer E
  ? E extends RunEvent
    ? Omit<E, 'at'>
    : never
  : never;

export function emptySummary(): RunSummary {
  return { ok: 0, changed: 0, failed: 0, skipped: 0 };
}
