/**
 * The main process's IPC handlers as plain TypeScript: channel → async (payload) => result,
 * one group per area of the channel table. Every payload is parsed with its channel's schema
 * before anything else happens (types.ts, implement); the engine does the work. No Electron
 * here: register.ts wires this map to `ipcMain`, and the unit and e2e tests call it directly.
 */
import { join } from 'node:path';
import { appDataDir } from '../../../engine/app-paths';
import { runSetup, runSwarmOperation } from '../../../engine/setup';
import { HostKeyDecisions } from '../../connection/host-key-trust';
import { ProfileStore } from '../../profiles/profile-store';
import { RunManager } from '../../runs/run-manager';
import { realBackends } from '../../terminals/backend-factory';
import { spawnPty } from '../../terminals/spawn-pty';
import { FileTransfers } from '../../terminals/file-transfers';
import { TerminalManager } from '../../terminals/terminal-manager';
import { runTranscripts } from '../../terminals/transcripts';
import { appHandlers } from './app';
import { connectionHandlers } from './connection';
import { historyHandlers } from './history';
import { inventoryHandlers } from './inventory';
import { profileHandlers } from './profiles';
import { reportHandlers } from './report';
import { runHandlers } from './run';
import { terminalHandlers } from './terminal';
import { fileHandlers } from './files';
import type { HandlerDeps, HandlerMap } from './types';

export type {
  Dialogs,
  Handler,
  HandlerContext,
  HandlerDeps,
  HandlerMap,
  SaveFileRequest,
} from './types';

export interface Handlers {
  handlers: HandlerMap;
  runs: RunManager;
  terminals: TerminalManager;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const runs = new RunManager({
    runSetup: deps.runSetup ?? runSetup,
    runOperation: deps.runOperation ?? runSwarmOperation,
    env: deps.env,
  });
  const profiles = new ProfileStore(join(appDataDir(deps.env), 'profiles'), deps.secretBox);
  const terminals = new TerminalManager(
    deps.terminalBackends ?? realBackends(deps.env, deps.spawnPty ?? spawnPty),
    runTranscripts(runs, deps.env),
  );
  // A channel of the table without a handler here is a type error.
  const handlers: HandlerMap = {
    ...appHandlers(deps),
    ...inventoryHandlers(deps),
    ...connectionHandlers(deps, new HostKeyDecisions(deps.env)),
    ...runHandlers(deps, runs),
    ...historyHandlers(deps, runs),
    ...profileHandlers(deps, profiles),
    ...reportHandlers(deps, runs),
    ...terminalHandlers(terminals),
    ...fileHandlers(new FileTransfers(terminals, deps.dialogs)),
  };
  return { handlers, runs, terminals };
}
