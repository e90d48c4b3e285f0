/** What a run is about: its hosts and steps as summaries, and how steps end. */
import { z } from 'zod';
import {
  addressSchema,
  countSchema,
  hostIdSchema,
  hostnameSchema,
  portSchema,
  stepIdSchema,
  userSchema,
} from './fields';
import { localizedSchema } from './localized';

export const stepStatusSchema = z.enum(['ok', 'changed', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

export const stepPhaseSchema = z.enum(['probe', 'apply', 'verify']);
export type StepPhase = z.infer<typeof stepPhaseSchema>;

export const planHostSummarySchema = z.object({
  id: hostIdSchema,
  address: addressSchema,
  port: portSchema,
  user: userSchema,
  hostname: hostnameSchema.optional(),
  role: z.enum(['manager', 'worker']),
  /** The address swarm advertises, when the inventory pins one. */
  advertiseAddress: addressSchema.optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type PlanHostSummary = z.infer<typeof planHostSummarySchema>;

export const planStepSummarySchema = z.object({
  id: stepIdSchema,
  title: localizedSchema,
  /** What the step is for, in one or two sentences (journals of older versions: absent). */
  explanation: localizedSchema.optional(),
  /** Ids of the hosts this step applies to, in plan order. */
  hosts: z.array(hostIdSchema),
});
export type PlanStepSummary = z.infer<typeof planStepSummarySchema>;

/** How many (host, step) pairs ended in each status. */
export const runSummarySchema = z.object({
  ok: countSchema,
  changed: countSchema,
  failed: countSchema,
  skipped: countSchema,
});
export type RunSummary = z.infer<typeof runSummarySchema>;

export function emptySummary(): RunSummary {
  return { ok: 0, changed: 0, failed: 0, skipped: 0 };
}

/** One entry per failed step: which host failed where and why. */
export const stepFailureSummarySchema = z.object({
  host: hostIdSchema,
  step: stepIdSchema,
  message: z.string(),
});
export type StepFailureSummary = z.infer<typeof stepFailureSummarySchema>;
