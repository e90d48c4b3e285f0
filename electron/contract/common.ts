import { z } from 'zod';
import { localizedSchema } from '../shared/localized';

/** A validation issue as the engine words it: where, what is wrong, how to fix it. */
export const issueSchema = z.object({
  path: z.string(),
  host: z.string().optional(),
  message: z.string(),
  fix: z.string(),
  line: z.number().optional(),
  col: z.number().optional(),
  /** `message` and `fix` in every language, where the engine has catalog words for them. */
  localized: z.object({ message: localizedSchema, fix: localizedSchema }).optional(),
});
export type Issue = z.infer<typeof issueSchema>;

/** A problem on one line of pasted text (address ranges, /etc/hosts lines). */
export const lineIssueSchema = z.object({
  line: z.number(),
  text: z.string(),
  message: z.string(),
  fix: z.string(),
});
export type LineIssue = z.infer<typeof lineIssueSchema>;

/** Requests that carry nothing. */
export const emptyRequestSchema = z.object({}).strict();
export type EmptyRequest = z.infer<typeof emptyRequestSchema>;

/**
 * An inventory document as the wizard builds it or a YAML file holds it: plain data whose
 * real validation is the engine's `validateInventory`, which explains every issue.
 */
export const inventoryDocumentSchema = z.record(z.string(), z.unknown());
export type InventoryDocument = z.infer<typeof inventoryDocumentSchema>;

/** What a file dialog answered: a path, or the person cancelled. */
export type DialogOutcome<T> = { status: 'cancelled' } | ({ status: 'done' } & T);
