/** What a terminal's backend (remote shell over ssh2, local pty) offers its owner. */
import type { SFTPWrapper } from 'ssh2';
import type { NodeStats } from '../../shared/node-stats';

export interface TerminalDimensions {
  readonly cols: number;
  readonly rows: number;
}

/** Life of a backend, as its owner hears it. Reasons are plain text, never secrets. */
export type BackendStatus =
  | { readonly state: 'connecting' }
  | { readonly state: 'connected' }
  /** The shell ended on its own (exit, logout). */
  | { readonly state: 'exited'; readonly code: number | null; readonly signal?: string }
  /** The connection dropped under a running shell. */
  | { readonly state: 'lost'; readonly reason: string }
  /** It never got going (unreachable, auth, spawn failed). */
  | { readonly state: 'failed'; readonly reason: string };

export interface BackendSink {
  /** Raw output bytes, in order; never decoded here. */
  onData(chunk: Uint8Array): void;
  onStatus(status: BackendStatus): void;
  /** A node's figures, from backends that can read them (the ssh2 shell). */
  onStats?(stats: NodeStats): void;
}

export interface TerminalBackend {
  /** Connects or spawns; reports through the sink. Calling again after an end starts afresh. */
  start(size: TerminalDimensions): Promise<void>;
  write(data: Uint8Array): void;
  resize(size: TerminalDimensions): void;
  pause(): void;
  resume(): void;
  /** Ends the session for good; no status is reported after this. */
  close(): void;
  /** Samples the node every few seconds while `on` (only backends on a node's connection). */
  watchStats?(on: boolean): void;
  /** The SFTP channel on the node's connection (only the ssh2 shell). */
  sftp?(): Promise<SFTPWrapper>;
}
