import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { formatIssues, resolveSecrets, validateInventory } from '../../electron/engine/inventory';
import type { Inventory, InventoryInput } from '../../electron/engine/inventory';
import { hostExec, type LabInfo } from '../../electron/engine/lab';
import { labPasswordEnv, type LabInventoryOptions } from '../../electron/engine/lab/inventory';
import type { RunEvent, RunFinishedEvent } from '../../electron/shared/run-events';
import { runSetup, type SetupRequest } from '../../electron/engine/setup';

/** A private app home (key pair, known_hosts) so each test file starts as a new user would. */
export async function freshAppHome(): Promise<NodeJS.ProcessEnv> {
  const home = await mkdtemp(join(tmpdir(), 'swarmlab-home-'));
  return { ...process.env, SWARMLAB_HOME: home };
}

export function validInventory(input: InventoryInput): Inventory {
  const result = validateInventory(input);
  if (!result.ok) throw new Error(formatIssues(result.errors));
  return result.inventory;
}

export interface LabRun {
  finished: RunFinishedEvent;
  events: RunEvent[];
  journalPath: string;
}

/** Runs the engine on lab hosts with the passwords the lab made, collecting every event. */
export async function runOnLab(
  lab: LabInfo,
  inventory: Inventory,
  env: NodeJS.ProcessEnv,
  options: LabInventoryOptions &
    Partial<Omit<SetupRequest, 'inventory' | 'secrets'>> & {
      /** Replaces some of the lab's password variables (a wrong password, say). */
      passwordOverrides?: Record<string, string>;
    } = {},
): Promise<LabRun> {
  const secrets = resolveSecrets(inventory, {
    ...labPasswordEnv(lab, options),
    ...options.passwordOverrides,
  });
  const journalPath =
    options.journalPath ?? join(await mkdtemp(join(tmpdir(), 'swarmlab-run-')), 'journal.jsonl');
  const events: RunEvent[] = [];
  const finished = await runSetup({
    inventory,
    secrets,
    journalPath,
    env,
    ssh: { readyTimeoutMs: 8_000, ...options.ssh },
    ...(options.steps ? { steps: options.steps } : {}),
    ...(options.resumeFrom ? { resumeFrom: options.resumeFrom } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onEvent: (event) => {
      events.push(event);
      options.onEvent?.(event);
    },
  });
  return { finished, events, journalPath };
}

/** The final status of every (host, step) of a run, as "host step status" lines. */
export function outcomes(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'step-finished' ? [`${event.host} ${event.step} ${event.status}`] : [],
  );
}

/** Fails when any of the lab's passwords appears in the given texts. */
export async function expectNoLabSecrets(
  lab: LabInfo,
  texts: readonly string[],
  files: readonly string[] = [],
): Promise<void> {
  const all = [...texts, ...(await Promise.all(files.map((file) => readFile(file, 'utf8'))))];
  const secrets = lab.hosts.flatMap((host) => [host.rootPassword, host.sudoPassword]);
  for (const text of all) {
    for (const secret of secrets)
      expect(text.includes(secret), 'a lab password leaked').toBe(false);
    expect(text).not.toMatch(/SWMTKN-1-[0-9a-z]{20,}/);
    expect(text).not.toContain('PRIVATE KEY-----\n');
  }
}

/** `docker node ls` on a manager: "hostname status manager-status" per node, sorted. */
export async function swarmNodeList(managerName: string): Promise<string[]> {
  const result = await hostExec(managerName, [
    'docker',
    'node',
    'ls',
    '--format',
    '{{.Hostname}} {{.Status}} {{.ManagerStatus}}',
  ]);
  return result.stdout
    .trim()
    .split('\n')
    .map((line) => line.trim())
    .sort();
}
