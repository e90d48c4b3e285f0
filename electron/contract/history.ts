/**
 * history:*: the runs kept on this computer (each a folder with its journal), to read their
 * report again or to resume one that did not finish, after the app was closed too.
 */
import { z } from 'zod';
import type { RunEvent, RunOperation } from '../shared/run-events';
import { inventoryDocumentSchema, type InventoryDocument } from './common';

export interface RunHistoryEntry {
  /** The run's folder under the app's runs folder (its name only). */
  folder: string;
  runId: string;
  startedAt: string;
  finishedAt?: string;
  /** `interrupted`: the journal stops without an end (the app or the machine went away). */
  status: 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
  operation: RunOperation;
  hosts: string[];
  /** The inventory's name, when the run kept its inventory. */
  inventoryName?: string;
  /** A setup that did not succeed and kept its inventory: it can go on from its journal. */
  resumable: boolean;
}

const folderSchema = z
  .string()
  .regex(/^[\w.-]{1,200}$/, 'is not a run folder name (letters, digits, . _ - only)');

export const historyRefSchema = z.object({ folder: folderSchema });
export type HistoryRef = z.infer<typeof historyRefSchema>;

export interface OpenedHistoryRun {
  /** The run, as the run and report pages follow it from now on. */
  runId: string;
  events: RunEvent[];
}

/** Resume an opened run with the wizard's inventory (which holds the passwords). */
export const resumeHistoryRequestSchema = z.object({
  runId: z.string().min(1).max(100),
  inventory: inventoryDocumentSchema,
});
export type ResumeHistoryRequest = z.infer<typeof resumeHistoryRequestSchema>;

export interface HistoryInventory {
  inventory: InventoryDocument;
}
