/**
 * The file panel beside a node's terminal: SFTP on the terminal's own connection (the key the
 * person trusted, the login swarmlab made). Listing answers at once; copies run in main,
 * streamed, and report their progress as events until done, failed or cancelled.
 */
import { z } from 'zod';

const terminalIdSchema = z.string().min(1).max(64);
/** A remote path as the panel names it: absolute, or empty for "where the shell is". */
const remotePathSchema = z
  .string()
  .max(4096)
  .refine((path) => !path.includes('\0'), 'a path cannot hold a NUL byte');

export const listFilesRequestSchema = z.object({
  terminalId: terminalIdSchema,
  /** Absent: the shell's current directory (OSC 7), else the login's home. */
  path: remotePathSchema.optional(),
});
export type ListFilesRequest = z.infer<typeof listFilesRequestSchema>;

export interface RemoteEntry {
  name: string;
  kind: 'file' | 'directory' | 'link' | 'other';
  size: number;
  /** Seconds since the epoch. */
  modified: number;
}

export interface RemoteListing {
  /** The directory listed, absolute. */
  path: string;
  /** Directories first, then by name. */
  entries: RemoteEntry[];
}

export const uploadRequestSchema = z.object({
  terminalId: terminalIdSchema,
  /** The remote directory the files go into. */
  directory: remotePathSchema,
  /** Local files dropped on the panel; absent: main asks with a file dialog. */
  localPaths: z.array(z.string().min(1).max(4096)).max(100).optional(),
  /** Replace files of the same name (the person was asked first). */
  overwrite: z.boolean(),
});
export type UploadRequest = z.infer<typeof uploadRequestSchema>;

export type UploadAnswer =
  | { status: 'started'; transfers: string[] }
  | { status: 'cancelled' }
  /** Nothing started: these names exist in the directory; ask, then send again with overwrite. */
  | { status: 'exists'; names: string[]; localPaths: string[] };

export const downloadRequestSchema = z.object({
  terminalId: terminalIdSchema,
  remotePath: remotePathSchema,
});
export type DownloadRequest = z.infer<typeof downloadRequestSchema>;

export type DownloadAnswer = { status: 'started'; transfer: string } | { status: 'cancelled' };

export const cancelTransferRequestSchema = z.object({ transfer: z.string().min(1).max(64) });

/** main → renderer: one copy's progress, then its end. */
export interface TransferEvent {
  transfer: string;
  terminalId: string;
  direction: 'upload' | 'download';
  name: string;
  done: number;
  total: number;
  state: 'running' | 'done' | 'failed' | 'cancelled';
  /** Why it failed. */
  message?: string;
}
