import { z } from 'zod';
import { localizedSchema } from '../shared/localized';
import { runEventSchema } from '../shared/run-events';
import { swarmOperationSchema } from '../shared/operations';
import { inventoryDocumentSchema } from './common';

// Run events are declared once, in electron/shared/run-events.ts: the renderer receives what the
// engine's journal holds. What main sends on `run:event` is that event, tagged with its run.
export const runEventMessageSchema = z.object({ runId: z.string(), event: runEventSchema });
export type RunEventMessage = z.infer<typeof runEventMessageSchema>;

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

/** Remove hosts from the swarm, or reset them (every host: the swarm is dissolved). */
export const operationRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  operation: swarmOperationSchema,
});
export type OperationRequest = z.infer<typeof operationRequestSchema>;

/** The inventory an apply would run: what would it change on which host? */
export const changesRequestSchema = z.object({ inventory: inventoryDocumentSchema });
export type ChangesRequest = z.infer<typeof changesRequestSchema>;

export const runIdSchema = z.string().min(1).max(100);

export const runRefSchema = z.object({ runId: runIdSchema });
export type RunRef = z.infer<typeof runRefSchema>;

export const retryStepRequestSchema = z.object({
  runId: runIdSchema,
  host: z.string().min(1),
  step: z.string().min(1),
});
export type RetryStepRequest = z.infer<typeof retryStepRequestSchema>;

/** Leaves these failed hosts behind and goes on with the others (several at once: one relaunch). */
export const continuePastHostRequestSchema = z.object({
  runId: runIdSchema,
  hosts: z.array(z.string().min(1).max(200)).min(1).max(1000),
});
export type ContinuePastHostRequest = z.infer<typeof continuePastHostRequestSchema>;

/** A run that was started: follow it by its id on `run:event`. */
export interface StartedRun {
  runId: string;
}
