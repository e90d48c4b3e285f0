import { z } from 'zod';
import { inventoryDocumentSchema, type InventoryDocument } from './common';

/** Profile names become file names: keep them to plain characters (CJK allowed). */
export const profileNameSchema = z
  .string()
  .trim()
  .min(1, 'name is empty')
  .max(80, 'name is longer than 80 characters')
  .regex(/^[\p{L}\p{N} _.-]+$/u, 'name may hold letters, digits, space, "_", "." and "-" only');

export const saveProfileRequestSchema = z.object({
  name: profileNameSchema,
  inventory: inventoryDocumentSchema,
  /** Store passwords too, encrypted with the OS keyring. Off unless the person asks. */
  includeSecrets: z.boolean(),
});
export type SaveProfileRequest = z.infer<typeof saveProfileRequestSchema>;

export const profileRefSchema = z.object({ name: profileNameSchema });
export type ProfileRef = z.infer<typeof profileRefSchema>;

export interface ProfileSummary {
  name: string;
  savedAt: string;
  hostCount: number;
  hasSecrets: boolean;
}

export interface LoadedProfile {
  name: string;
  inventory: InventoryDocument;
}

/** Whether passwords can be kept safely on this machine, and if not, why. */
export type SecretStorageStatus = { available: true } | { available: false; reason: string };
