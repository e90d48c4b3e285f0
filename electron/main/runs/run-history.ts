/**
 * The runs kept on this computer: every run folder under the app's data dir with a journal,
 * newest first, summed up from its journal (and the inventory it kept, without secrets).
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'yaml';
import { appDataDir } from '../../engine/app-paths';
import { readJournal } from '../../engine/run/journal';
import type { RunHistoryEntry } from '../../contract/history';
import type { RunEvent } from '../../shared/run-events';

/** The inventory a run kept beside its journal (secrets left out). */
export const RUN_INVENTORY_FILE = 'inventory.yaml';
const HISTORY_LIMIT = 100;

export function runsDir(env: NodeJS.ProcessEnv): string {
  return join(appDataDir(env), 'runs');
}

/** A run folder by its name, refusing anything that would leave the runs folder. */
export function runFolder(env: NodeJS.ProcessEnv, folder: string): string {
  if (!/^[\w.-]+$/.test(folder) || folder === '.' || folder === '..') {
    throw new Error(`${folder} is not a run folder`);
  }
  return join(runsDir(env), folder);
}

export async function listRunHistory(env: NodeJS.ProcessEnv): Promise<RunHistoryEntry[]> {
  const names = await readdir(runsDir(env)).catch(() => [] as string[]);
  const entries = await Promise.all(
    names.map(async (name) => {
      try {
        return await describeRun(env, name);
      } catch {
        return undefined; // not a run folder, or a journal that cannot be read
      }
    }),
  );
  return entries
    .filter((entry): entry is RunHistoryEntry => entry !== undefined)
    .sort((a, b) => b.startedAt.localeCompare(a.startedAt))
    .slice(0, HISTORY_LIMIT);
}

async function describeRun(
  env: NodeJS.ProcessEnv,
  folder: string,
): Promise<RunHistoryEntry | undefined> {
  const dir = runFolder(env, folder);
  if (!(await stat(dir)).isDirectory()) return undefined;
  const events = await readJournal(join(dir, 'journal.jsonl'));
  const started = events.find((event) => event.type === 'run-started');
  if (!started) return undefined;
  // The wizard's preflight checks are runs too, but not ones to come back to.
  if (started.steps.every((step) => step.id.startsWith('preflight'))) return undefined;
  const finished = finalStatus(events);
  const inventoryName = await keptInventoryName(dir);
  const operation = started.operation ?? 'setup';
  return {
    folder,
    runId: started.runId,
    startedAt: new Date(started.at).toISOString(),
    ...(finished.at ? { finishedAt: new Date(finished.at).toISOString() } : {}),
    status: finished.status,
    operation,
    hosts: started.hosts.map((host) => host.id),
    ...(inventoryName !== undefined ? { inventoryName } : {}),
    resumable:
      operation === 'setup' && finished.status !== 'succeeded' && inventoryName !== undefined,
  };
}

/** How the journal ends: its last run-finished after the last run-started, or interrupted. */
function finalStatus(events: readonly RunEvent[]): {
  status: RunHistoryEntry['status'];
  at?: number;
} {
  const lastStart = events.findLastIndex((event) => event.type === 'run-started');
  const end = events.slice(lastStart).findLast((event) => event.type === 'run-finished');
  return end?.type === 'run-finished'
    ? { status: end.status, at: end.at }
    : { status: 'interrupted' };
}

/** The kept inventory's name ('' when it has none), or undefined when none was kept. */
async function keptInventoryName(dir: string): Promise<string | undefined> {
  const text = await readFile(join(dir, RUN_INVENTORY_FILE), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  const document = parse(text) as { name?: unknown } | null;
  return typeof document?.name === 'string' ? document.name : '';
}
