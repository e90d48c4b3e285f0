/**
 * What a run did and proved, folded from its journal (engine/report/run-report.ts builds it):
 * what the desktop's report page receives. Secrets were redacted at the source.
 */
import { z } from 'zod';
import { durationSchema, hostIdSchema, runIdSchema, stepIdSchema } from './fields';
import { stepWordsSchema } from './localized';
import {
  planHostSummarySchema,
  planStepSummarySchema,
  runSummarySchema,
  stepFailureSummarySchema,
  stepStatusSchema,
} from './plan';

/** The latest outcome of one step on one host. */
export const stepResultSchema = z.object({
  host: hostIdSchema,
  step: stepIdSchema,
  status: stepStatusSchema,
  message: z.string(),
  durationMs: durationSchema,
  changes: z.array(z.string()),
  warnings: z.array(z.string()),
  data: z.unknown().optional(),
  /** `message`, `changes` and `warnings` in every language, when the engine said them. */
  localized: stepWordsSchema.optional(),
});
export type StepResult = z.infer<typeof stepResultSchema>;

export const runReportSchema = z.object({
  schemaVersion: z.number().int(),
  runId: runIdSchema,
  swarmlabVersion: z.string(),
  /** ISO 8601 times. */
  startedAt: z.string(),
  /** Undefined while the run has not finished. */
  finishedAt: z.union([z.string(), z.undefined()]),
  durationMs: z.union([durationSchema, z.undefined()]),
  status: z.enum(['succeeded', 'failed', 'cancelled', 'unfinished']),
  summary: runSummarySchema,
  hosts: z.array(planHostSummarySchema),
  steps: z.array(planStepSummarySchema),
  results: z.array(stepResultSchema),
  failures: z.array(stepFailureSummarySchema),
});
export type RunReport = z.infer<typeof runReportSchema>;
