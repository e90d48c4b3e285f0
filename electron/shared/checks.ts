/**
 * What the preflight and verify-swarm steps prove, as they travel in step-finished `data`: to
 * the journal, the report and the wizard's tables.
 */
import { z } from 'zod';

export const checkStatusSchema = z.enum(['pass', 'warn', 'fail']);
export type CheckStatus = z.infer<typeof checkStatusSchema>;

/** A check's words in one language. */
export const checkWordsSchema = z.object({ detail: z.string(), fix: z.string().optional() });
export type CheckWords = z.infer<typeof checkWordsSchema>;

/** A check's words in the languages other than English (preflight and verification checks). */
export const checkTranslationsSchema = z.object({ 'zh-CN': checkWordsSchema });
export type CheckTranslations = z.infer<typeof checkTranslationsSchema>;

/** One row of the preflight table. */
export const preflightCheckSchema = z.object({
  id: z.string(),
  status: checkStatusSchema,
  /** What was seen, in plain words (English: logs, the CLI, the journal). */
  detail: z.string(),
  /** What to do about a warning or a failure. */
  fix: z.string().optional(),
  /**
   * The same detail and fix for the wizard and the report in Chinese. Every check made now has
   * them; a journal written before checks spoke Chinese does not.
   */
  translations: checkTranslationsSchema.optional(),
});
export type PreflightCheck = z.infer<typeof preflightCheckSchema>;

/** A node as `docker node ls` and `docker node inspect` describe it. */
export const swarmNodeSchema = z.object({
  id: z.string(),
  hostname: z.string(),
  status: z.string(),
  availability: z.string(),
  managerStatus: z.string(),
  address: z.string(),
});
export type SwarmNode = z.infer<typeof swarmNodeSchema>;

/** One observed check of the verification; `passed` is set only from what was seen. */
export const verificationCheckSchema = z.object({
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
  /** What was observed, in plain words (English: logs, the CLI, the journal). */
  detail: z.string(),
  /** The same in Chinese, for the wizard and the report (absent in older journals). */
  translations: checkTranslationsSchema.optional(),
});
export type VerificationCheck = z.infer<typeof verificationCheckSchema>;

/** The verify-swarm step's data. */
export const verificationResultSchema = z.object({
  nodes: z.array(swarmNodeSchema),
  checks: z.array(verificationCheckSchema),
  /** How load balancing was proven: through the routing mesh, or by DNS round robin. */
  loadBalancing: z.enum(['routing-mesh', 'dns-round-robin']),
  /** Answers per node, from every fetch made. */
  answers: z.record(z.string(), z.number()),
  serviceKept: z.boolean(),
});
export type VerificationResult = z.infer<typeof verificationResultSchema>;
