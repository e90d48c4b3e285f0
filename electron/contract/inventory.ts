import { z } from 'zod';
import type { Localized } from '../shared/localized';
import { MAX_INVENTORY_BYTES } from '../engine/inventory/limits';
import {
  inventoryDocumentSchema,
  issueSchema,
  lineIssueSchema,
  type DialogOutcome,
  type InventoryDocument,
} from './common';

export const validateRequestSchema = z.object({ inventory: inventoryDocumentSchema });
export type ValidateRequest = z.infer<typeof validateRequestSchema>;

export const validationResponseSchema = z.object({
  ok: z.boolean(),
  errors: z.array(issueSchema),
  warnings: z.array(issueSchema),
});
export type ValidationResponse = z.infer<typeof validationResponseSchema>;

/** Pasted text: "192.168.11.130-150", a CIDR block, or /etc/hosts lines. Capped: it is typed. */
export const pastedTextRequestSchema = z.object({ text: z.string().max(200_000) });
export type PastedTextRequest = z.infer<typeof pastedTextRequestSchema>;

export const expandRangeResponseSchema = z.object({
  addresses: z.array(z.string()),
  errors: z.array(lineIssueSchema),
});
export type ExpandRangeResponse = z.infer<typeof expandRangeResponseSchema>;

export const hostsLinesResponseSchema = z.object({
  entries: z.array(
    z.object({
      address: z.string(),
      hostname: z.string(),
      names: z.array(z.string()),
      line: z.number(),
    }),
  ),
  errors: z.array(lineIssueSchema),
});
export type HostsLinesResponse = z.infer<typeof hostsLinesResponseSchema>;

export const parseYamlRequestSchema = z.object({
  text: z.string().max(MAX_INVENTORY_BYTES),
  fileName: z.string().max(4096).optional(),
});
export type ParseYamlRequest = z.infer<typeof parseYamlRequestSchema>;

/** A parsed inventory file: the document to load into the wizard, or why it cannot be. */
export type ParsedInventory =
  | { ok: true; inventory: InventoryDocument; warnings: z.infer<typeof issueSchema>[] }
  | { ok: false; errors: z.infer<typeof issueSchema>[] };

export type ImportedInventory = DialogOutcome<{ fileName: string; parsed: ParsedInventory }>;

/** Hosts from an ssh config or an Ansible inventory the person picks (inventory:import-hosts). */
export const importHostsRequestSchema = z.object({
  source: z.enum(['ssh-config', 'ansible']),
  /** Managers: names, comma-separated, or an Ansible group; the first host when empty. */
  managers: z.string().max(2000).optional(),
});
export type ImportHostsRequest = z.infer<typeof importHostsRequestSchema>;

export type ImportedHosts = DialogOutcome<{
  fileName: string;
  /** The inventory document, or why it is not a valid one. */
  parsed: ParsedInventory;
  /** What the source held that did not become part of the inventory. */
  notes: { host?: string; what: Localized }[];
}>;

export const exportInventoryRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  /** Passwords stay out of saved files unless the person asks for them. */
  includeSecrets: z.boolean(),
});
export type ExportInventoryRequest = z.infer<typeof exportInventoryRequestSchema>;

export type ExportedFile = DialogOutcome<{ path: string }>;
