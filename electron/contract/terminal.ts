/**
 * Terminal channels. Renderer → main: `terminal:open` starts a session and answers its id;
 * `terminal:frame` carries every later frame (input, resize, ack, reconnect, close) as one
 * discriminated union. Main → renderer: `terminal:event` (data, state, exit). The pattern is
 * freelens's `common/terminal/channels.ts`. Output travels as raw bytes (a Uint8Array, which
 * Electron's structured clone carries as it is) and input as base64 of the raw bytes (it is
 * validated by schema in main, and typed input is small): nothing decodes either on the way,
 * so a UTF-8 character split across two chunks is reassembled by xterm.js, which decodes
 * across writes.
 */
import { z } from 'zod';
import type { NodeStats } from '../shared/node-stats';
import { inventoryDocumentSchema } from './common';

export type { NodeStats } from '../shared/node-stats';

/** A terminal session's id, made by main. */
const terminalIdSchema = z.string().min(1).max(64);

/** Columns × rows; sshd and the kernel accept up to 65535, xterm far less. */
export const terminalSizeSchema = z.object({
  cols: z.number().int().min(2).max(1000),
  rows: z.number().int().min(1).max(500),
});
export type TerminalSize = z.infer<typeof terminalSizeSchema>;

/** A node of the wizard's inventory: by its row (host table) or its host id (run, report). */
export const terminalNodeRefSchema = z.discriminatedUnion('by', [
  z.object({ by: z.literal('index'), index: z.number().int().min(0) }),
  z.object({ by: z.literal('id'), id: z.string().min(1).max(300) }),
]);
export type TerminalNodeRef = z.infer<typeof terminalNodeRefSchema>;

/** Pasted text can be large; this bounds one frame (paste of ~750 kB). */
const MAX_INPUT_BASE64 = 1_000_000;
const base64Schema = z.base64().max(MAX_INPUT_BASE64);

export const terminalOpenRequestSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('node'),
    inventory: inventoryDocumentSchema,
    node: terminalNodeRefSchema,
    /** `ssh2`: the engine's own connection; `system-ssh`: OpenSSH's client in a local pty. */
    via: z.enum(['ssh2', 'system-ssh']),
    size: terminalSizeSchema,
    /** Keep a transcript of the session (the default); the person's setting turns it off. */
    record: z.boolean().optional(),
  }),
  z.object({
    kind: z.literal('local'),
    size: terminalSizeSchema,
    record: z.boolean().optional(),
  }),
]);
export type TerminalOpenRequest = z.infer<typeof terminalOpenRequestSchema>;

export interface OpenedTerminal {
  id: string;
  kind: 'node' | 'local';
  via: 'ssh2' | 'system-ssh' | 'pty';
  /** `user@host:port` of a node, `local` for the operator's shell. */
  label: string;
  /** The node's host id (for node terminals). */
  hostId?: string;
  /** The node's role in the inventory (for node terminals): broadcast to managers or workers. */
  role?: 'manager' | 'worker';
  /** Where the session's transcript is written, when it is recorded. */
  transcript?: string;
}

/** Every frame after open, renderer → main. */
export const terminalFrameSchema = z.discriminatedUnion('type', [
  /** Keystrokes or a paste, sent to one terminal or (broadcast) several. */
  z.object({
    type: z.literal('input'),
    ids: z.array(terminalIdSchema).min(1).max(64),
    data: base64Schema,
  }),
  z.object({ type: z.literal('resize'), id: terminalIdSchema, size: terminalSizeSchema }),
  /** Bytes xterm.js has parsed since the last ack (see terminal-flow.ts). */
  z.object({
    type: z.literal('ack'),
    id: terminalIdSchema,
    bytes: z
      .number()
      .int()
      .min(1)
      .max(1 << 30),
  }),
  /** Connect again after the connection dropped or the shell exited (the "press Enter" key). */
  z.object({ type: z.literal('reconnect'), id: terminalIdSchema, size: terminalSizeSchema }),
  z.object({ type: z.literal('close'), id: terminalIdSchema }),
  /** Sample the node's figures while its terminal is on screen (`on`), or stop. */
  z.object({ type: z.literal('watch-stats'), id: terminalIdSchema, on: z.boolean() }),
]);
export type TerminalFrame = z.infer<typeof terminalFrameSchema>;

export interface TerminalFrameResult {
  /** How many terminals took the frame (unknown or closed ids are skipped). */
  delivered: number;
}

/** Where a session is. `lost` and `exited` can be reconnected; `closed` is gone for good. */
export type TerminalState = 'connecting' | 'connected' | 'lost' | 'exited' | 'failed' | 'closed';

/** main → renderer. */
export type TerminalEvent =
  | { type: 'data'; id: string; data: Uint8Array }
  | { type: 'stats'; id: string; stats: NodeStats }
  | { type: 'state'; id: string; state: TerminalState; detail?: string }
  | { type: 'exit'; id: string; code: number | null; signal?: string };
