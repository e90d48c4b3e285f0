/** history:*: the runs kept on this computer, their reports, and resuming one. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { InventoryDocument } from '../../../contract/common';
import { listRunHistory, RUN_INVENTORY_FILE, runFolder } from '../../runs/run-history';
import type { RunManager } from '../../runs/run-manager';
import { readyToRun } from './checked-inventory';
import { eventSink } from './run';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

export function historyHandlers(deps: HandlerDeps, runs: RunManager) {
  return implement<ChannelsOf<'history'>>({
    'history:list': () => listRunHistory(deps.env),
    'history:open': ({ folder }) => runs.openFromHistory(folder),
    'history:inventory': async ({ folder }) => {
      const text = await readFile(join(runFolder(deps.env, folder), RUN_INVENTORY_FILE), 'utf8');
      return { inventory: parse(text) as InventoryDocument };
    },
    'history:resume': ({ runId, inventory }, context) => {
      const ready = readyToRun(inventory, deps.env);
      runs.resumeFromHistory(runId, ready.inventory, ready.secrets, eventSink(context));
      return { runId };
    },
  });
}
