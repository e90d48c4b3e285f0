import { z } from 'zod';
import { inventoryDocumentSchema, localizedSchema } from './common';

// ---------------------------------------------------------------------------------------
// Run events: the engine's RunEvent union (electron/engine/run/events.ts), as schemas.
// main/ipc/contract-check.ts proves at compile time that the engine's events fit these.

const stepStatusSchema = z.enum(['ok', 'changed', 'failed', 'skipped']);
export type StepStatus = z.infer<typeof stepStatusSchema>;

const planHostSchema = z.object({
  id: z.string(),
  address: z.string(),
  port: z.number(),
  user: z.string(),
  hostname: z.string().optional(),
  role: z.enum(['manager', 'worker']),
  advertiseAddress: z.string().optional(),
  labels: z.record(z.string(), z.string()).optional(),
});
export type PlanHost = z.infer<typeof planHostSchema>;

const planStepSchema = z.object({
  id: z.string(),
  title: localizedSchema,
  hosts: z.array(z.string()),
});
export type PlanStep = z.infer<typeof planStepSchema>;

const summarySchema = z.object({
  ok: z.number(),
  changed: z.number(),
  failed: z.number(),
  skipped: z.number(),
});
export type RunSummary = z.infer<typeof summarySchema>;

const at = z.number();
const hostStep = { at, host: z.string(), step: z.string() };

export const runEventSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('run-started'),
    at,
    runId: z.string(),
    version: z.string(),
    hosts: z.array(planHostSchema),
    steps: z.array(planStepSchema),
    resumed: z.boolean(),
  }),
  z.object({ type: z.literal('step-started'), ...hostStep }),
  z.object({
    type: z.literal('step-phase'),
    ...hostStep,
    phase: z.enum(['probe', 'apply', 'verify']),
  }),
  z.object({
    type: z.literal('command-started'),
    ...hostStep,
    commandId: z.number(),
    command: z.string(),
    sudo: z.boolean(),
    upload: z
      .object({
        path: z.string(),
        mode: z.string(),
        bytes: z.number(),
        content: z.string().optional(),
      })
      .optional(),
  }),
  z.object({
    type: z.literal('command-output'),
    ...hostStep,
    commandId: z.number(),
    stream: z.enum(['stdout', 'stderr']),
    text: z.string(),
  }),
  z.object({
    type: z.literal('command-finished'),
    ...hostStep,
    commandId: z.number(),
    exitCode: z.number().nullable(),
    durationMs: z.number(),
  }),
  z.object({
    type: z.literal('step-finished'),
    ...hostStep,
    status: stepStatusSchema,
    message: z.string(),
    durationMs: z.number(),
    changes: z.array(z.string()),
    warnings: z.array(z.string()),
    data: z.unknown().optional(),
  }),
  z.object({
    type: z.literal('log'),
    at,
    host: z.string().optional(),
    step: z.string().optional(),
    level: z.enum(['info', 'warn', 'error']),
    message: z.string(),
  }),
  z.object({
    type: z.literal('run-finished'),
    at,
    runId: z.string(),
    status: z.enum(['succeeded', 'failed', 'cancelled']),
    summary: summarySchema,
    durationMs: z.number(),
    failures: z.array(z.object({ host: z.string(), step: z.string(), message: z.string() })),
  }),
]);
export type RunEvent = z.infer<typeof runEventSchema>;
export type RunEventOf<T extends RunEvent['type']> = Extract<RunEvent, { type: T }>;

/** What main sends on `run:event`: the event, tagged with the run it belongs to. */
export const runEventMessageSchema = z.object({ runId: z.string(), event: runEventSchema });
export type RunEventMessage = z.infer<typeof runEventMessageSchema>;

// ---------------------------------------------------------------------------------------
// Step-specific data the UI explains (step-finished.data)

/** A check's words in another language (engine: facts/checks.ts CheckWords). */
const checkWordsSchema = z.object({ detail: z.string(), fix: z.string().optional() });

/** One row of a preflight table (engine: facts/checks.ts PreflightCheck). */
export const preflightCheckSchema = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
  fix: z.string().optional(),
  /** Absent in journals written before checks spoke Chinese. */
  translations: z.object({ 'zh-CN': checkWordsSchema }).optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

/** The verify-swarm step's data (engine: steps/verify-swarm.ts VerificationResult). */
export const verificationResultSchema = z.object({
  nodes: z.array(
    z.object({
      id: z.string(),
      hostname: z.string(),
      status: z.string(),
      availability: z.string(),
      managerStatus: z.string(),
      address: z.string(),
    }),
  ),
  checks: z.array(
    z.object({
      id: z.enum([
        'nodes',
        'placement',
        'pinned',
        'reachability',
        'load-balancing',
        'host-ports',
        'routing-mesh',
      ]),
      passed: z.boolean(),
      detail: z.string(),
      translations: z.object({ 'zh-CN': checkWordsSchema }).optional(),
    }),
  ),
  loadBalancing: z.enum(['routing-mesh', 'dns-round-robin']),
  answers: z.record(z.string(), z.number()),
  serviceKept: z.boolean(),
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;

// ---------------------------------------------------------------------------------------
// Requests

export const stepCatalogEntrySchema = z.object({
  id: z.string(),
  title: localizedSchema,
  explanation: localizedSchema,
});
export type StepCatalogEntry = z.infer<typeof stepCatalogEntrySchema>;

/** `preflight` reads the hosts and changes nothing; `setup` runs every step. */
export const runModeSchema = z.enum(['preflight', 'setup']);
export type RunMode = z.infer<typeof runModeSchema>;

export const startRunRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  mode: runModeSchema,
});
export type StartRunRequest = z.infer<typeof startRunRequestSchema>;

export const runIdSchema = z.string().min(1).max(100);

export const runRefSchema = z.object({ runId: runIdSchema });
export type RunRef = z.infer<typeof runRefSchema>;

export const retryStepRequestSchema = z.object({
  runId: runIdSchema,
  host: z.string().min(1),
  step: z.string().min(1),
});
export type RetryStepRequest = z.infer<typeof retryStepRequestSchema>;

export const continuePastHostRequestSchema = z.object({
  runId: runIdSchema,
  host: z.string().min(1),
});
export type ContinuePastHostRequest = z.infer<typeof continuePastHostRequestSchema>;

/** A run that was started: follow it by its id on `run:event`. */
export interface StartedRun {
  runId: string;
}
