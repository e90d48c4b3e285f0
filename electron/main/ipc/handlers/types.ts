/**
 * What every handler group is written with: the dependencies main hands in, the context a
 * handler may push events through, and implement(), which puts the channel's schema in front
 * of each implementation.
 */
import {
  requestSchemas,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type RequestOf,
  type ResponseOf,
} from '../../../contract/api';
import type { RunOperation, RunSetup } from '../../runs/run-manager';
import type { SecretBox } from '../../profiles/profile-store';
import type { SpawnPty } from '../../terminals/spawn-pty';
import type { BackendFactory } from '../../terminals/terminal-manager';
import { parsePayload } from '../validate-payload';

/** Native file dialogs: Electron's in the app (native/dialogs.ts), scripted in tests. */
export interface Dialogs {
  pickKeyFile(): Promise<string | undefined>;
  openInventoryFile(): Promise<{ path: string; text: string } | undefined>;
  /** Asks for an ssh config or an Ansible inventory to import hosts from; its path. */
  pickHostsSource(source: 'ssh-config' | 'ansible'): Promise<string | undefined>;
  /** Asks where to save, writes the content there, returns the path (undefined: cancelled). */
  saveFile(request: SaveFileRequest): Promise<string | undefined>;
  /** Asks for local files to upload to a node; their paths (undefined: cancelled). */
  pickFilesToUpload(): Promise<string[] | undefined>;
  /** Asks where a file from a node goes; the path, written by the caller (undefined: cancelled). */
  pickDownloadPath(defaultName: string): Promise<string | undefined>;
}

export interface SaveFileRequest {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
  content: string | Buffer;
}

export interface HandlerDeps {
  appVersion?: string;
  platform?: string;
  /** SWARMLAB_HOME and friends: where runs, profiles and known_hosts live. */
  env: NodeJS.ProcessEnv;
  dialogs: Dialogs;
  secretBox: SecretBox;
  /** The engine's runSetup; a seam for tests. */
  runSetup?: RunSetup;
  /** The engine's runSwarmOperation (remove, reset); a seam for tests. */
  runOperation?: RunOperation;
  /** node-pty's spawn, behind its seam (terminals/spawn-pty.ts); tests hand in a fake. */
  spawnPty?: SpawnPty;
  /** Prints the report's HTML to PDF: Electron's printToPDF in the app, Chromium in tests. */
  printPdf?: (html: string) => Promise<Buffer>;
  /** Terminal backends; defaults to the real ones (ssh2 shell, local pty). */
  terminalBackends?: BackendFactory;
  /** Hands an http(s) address to the system browser: Electron's shell.openExternal. */
  openExternal?: (url: string) => Promise<void>;
}

/** What a handler may do besides answering: push events to the window that called it. */
export interface HandlerContext {
  sendEvent<C extends EventChannel>(channel: C, payload: EventContract[C]): void;
}

export type Handler<C extends InvokeChannel> = (
  payload: unknown,
  context: HandlerContext,
) => Promise<ResponseOf<C>>;

export type HandlerMap = { [C in InvokeChannel]: Handler<C> };

/** The channels of one area of the table, by their id's prefix ("run" → "run:start", …). */
export type ChannelsOf<Area extends string> = Extract<InvokeChannel, `${Area}:${string}`>;

/** The work behind a channel, given a request its schema has already accepted. */
export type Implementation<C extends InvokeChannel> = (
  request: RequestOf<C>,
  context: HandlerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

/** Handlers for the given channels: each parses its payload with the channel's schema first. */
export function implement<C extends InvokeChannel>(implementations: {
  [K in C]: Implementation<K>;
}): { [K in C]: Handler<K> } {
  const handlers: Partial<Record<C, Handler<C>>> = {};
  for (const channel of Object.keys(implementations) as C[]) {
    const implementation = implementations[channel] as Implementation<C>;
    handlers[channel] = async (payload, context) => {
      const request = parsePayload(channel, requestSchemas[channel], payload) as RequestOf<C>;
      return implementation(request, context);
    };
  }
  return handlers as { [K in C]: Handler<K> };
}
