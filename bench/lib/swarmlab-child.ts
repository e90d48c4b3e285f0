/**
 * One swarmlab run in a process of its own, so the bench times it like any other contender and
 * reads the process's own peak memory. Argument: a JSON ChildSpec. Prints one JSON ChildResult
 * line on stdout.
 *
 * - `steps`: the setup with only the steps the Ansible playbook also takes (no key exchange, no
 *   time sync, no firewall, no host comparison, no verification). The facts probe stays: later
 *   steps decide from its facts, as Ansible's modules decide from gathered facts.
 * - `preflight`: the preflight step alone (the facts probe) against N SSH endpoints.
 */
import {
  formatIssues,
  loadInventory,
  resolveSecrets,
  validateInventory,
  type Inventory,
  type InventoryInput,
} from '../../electron/engine/inventory';
import type { RunEvent } from '../../electron/shared/run-events';
import { runSetup } from '../../electron/engine/setup';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { preflightStep } from '../../electron/engine/steps/preflight';
import { processMemory } from './util';

export type ChildSpec =
  | { mode: 'steps'; inventoryFile: string; journalPath: string }
  | {
      mode: 'preflight';
      addresses: string[];
      port: number;
      keyFile: string;
      journalPath: string;
    };

export interface ChildResult {
  status: string;
  /** From the call into the engine to its answer: connections, commands, parsing. */
  runMs: number;
  /** Peak resident memory of this process (VmHWM), and what it held before the run. */
  hwmKb: number;
  rssBeforeKb: number;
  /** Step durations (ms), summed over hosts and the longest host, per step. */
  steps: Record<string, { maxMs: number; hosts: number }>;
  failures: string[];
}

/** Steps a same-steps run leaves out; the inventory switches off the rest (see `sameSteps`). */
const NOT_IN_PLAYBOOK = new Set(['preflight-cluster']);

/** The inventory with the options the playbook has no counterpart for switched off. */
function sameSteps(inventory: Inventory): Inventory {
  return {
    ...inventory,
    prepare: { ...inventory.prepare, keyExchange: false, timeSync: false, firewall: 'leave' },
    verify: { ...inventory.verify, enabled: false },
  };
}

async function main(): Promise<void> {
  const spec = JSON.parse(process.argv[2] ?? '{}') as ChildSpec;
  const rssBeforeKb = (await processMemory('self')).rssKb;
  let inventory: Inventory;
  if (spec.mode === 'steps') {
    const loaded = await loadInventory({ file: spec.inventoryFile });
    if (!loaded.ok) throw new Error(formatIssues(loaded.errors));
    inventory = sameSteps(loaded.inventory);
  } else {
    const input: InventoryInput = {
      name: 'fan-out',
      hosts: spec.addresses.map((address, index) => ({
        address,
        role: index === 0 ? 'manager' : 'worker',
        port: spec.port,
        user: 'root',
        keyFile: spec.keyFile,
      })),
      prepare: { keyExchange: false },
    };
    const validated = validateInventory(input);
    if (!validated.ok) throw new Error(formatIssues(validated.errors));
    inventory = validated.inventory;
  }
  const steps =
    spec.mode === 'steps'
      ? SETUP_STEPS.filter((step) => !NOT_IN_PLAYBOOK.has(step.id))
      : [preflightStep];

  const durations: ChildResult['steps'] = {};
  const onEvent = (event: RunEvent): void => {
    if (event.type !== 'step-finished') return;
    const entry = (durations[event.step] ??= { maxMs: 0, hosts: 0 });
    entry.maxMs = Math.max(entry.maxMs, event.durationMs);
    entry.hosts += 1;
  };
  const started = performance.now();
  const finished = await runSetup({
    inventory,
    secrets: resolveSecrets(inventory, process.env),
    journalPath: spec.journalPath,
    steps,
    onEvent,
    // A hundred handshakes on a loaded two-core machine can take longer than the default.
    ssh: { readyTimeoutMs: 60_000 },
  });
  const runMs = performance.now() - started;
  const memory = await processMemory('self');
  const result: ChildResult = {
    status: finished.status,
    runMs,
    hwmKb: memory.hwmKb,
    rssBeforeKb,
    steps: durations,
    failures: finished.failures.map(
      (failure) => `${failure.host} ${failure.step}: ${failure.message}`,
    ),
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
