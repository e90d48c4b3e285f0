import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import {
  ASSUMABLE_SYSTEMS,
  assumedFacts,
  isAssumableSystem,
  type AssumableSystem,
} from '../../engine/facts/assumed';
import type { HostFacts } from '../../engine/facts/facts';
import { resolveHosts, resolveSecrets, type Inventory } from '../../engine/inventory';
import { previewPlan, probeFacts, redactPreview, renderPlanText } from '../../engine/plan-preview';
import { settleHostKeys } from '../host-keys';
import { terminalSafe, terminalSafeJson } from '../../engine/text/terminal-safe';
import { askForMissingSecrets, loadInventoryOrExplain } from './apply';

interface PlanFlags {
  file: string;
  json?: boolean;
  offline?: boolean;
  os?: AssumableSystem;
  yes?: boolean;
}

function parseSystem(value: string): AssumableSystem {
  if (!isAssumableSystem(value)) {
    throw new InvalidArgumentError(`choose one of ${Object.keys(ASSUMABLE_SYSTEMS).join(', ')}`);
  }
  return value;
}

export function registerPlanCommand(program: Command): void {
  program
    .command('plan')
    .description(
      'Show, per host, the exact commands and files the setup would run, with secrets masked. Reads the hosts, changes nothing.',
    )
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('--json', 'print the plan as one JSON document on stdout')
    .option('--offline', 'do not connect: assume bare hosts of the system given with --os')
    .option('-y, --yes', 'trust host keys seen for the first time without asking')
    .option(
      '--os <system>',
      `the system assumed with --offline (${Object.keys(ASSUMABLE_SYSTEMS).join(', ')})`,
      parseSystem,
    )
    .action(async (flags: PlanFlags) => {
      process.exitCode = await plan(flags);
    });
}

async function plan(flags: PlanFlags): Promise<number> {
  if (flags.offline && !flags.os) {
    process.stderr.write('swarmlab plan --offline needs --os to know which system to assume\n');
    return 2;
  }
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  // Offline, no secret is needed; the inventory's variables are still masked if they are set.
  const secrets = flags.offline
    ? resolveSecrets(inventory, process.env)
    : await askForMissingSecrets(inventory);
  if (!flags.offline && !(await settleHostKeys(inventory, secrets, { yes: flags.yes === true })))
    return 1;
  const facts =
    flags.os && flags.offline ? assumed(inventory, flags.os) : await probe(inventory, secrets);
  const previews = redactPreview(await previewPlan(inventory, facts), secrets);
  // The plan quotes what the hosts said (their system's name, why one did not answer): it is
  // printed terminal-safe, so a host's escape sequences reach the operator as visible text.
  if (flags.json) {
    process.stdout.write(
      `${terminalSafeJson(JSON.stringify({ inventory: inventory.name, hosts: previews }, null, 2))}\n`,
    );
  } else {
    const source = flags.offline
      ? `assuming bare ${flags.os ?? ''} hosts`
      : 'from each host’s facts';
    process.stdout.write(terminalSafe(renderPlanText(previews, `${inventory.name} (${source})`)));
  }
  // A host that did not answer, or a step that would refuse it, makes the plan incomplete.
  const incomplete = previews.some(
    (host) => host.error !== undefined || host.steps.some((step) => step.error !== undefined),
  );
  return incomplete ? 1 : 0;
}

function assumed(inventory: Inventory, system: AssumableSystem): Map<string, HostFacts> {
  return new Map(
    resolveHosts(inventory).map((host) => [host.id, assumedFacts(system, host.hostname ?? '')]),
  );
}

async function probe(
  inventory: Inventory,
  secrets: Parameters<typeof probeFacts>[1],
): Promise<Map<string, HostFacts | string>> {
  process.stderr.write(`Reading ${inventory.hosts.length} host(s) (read-only facts probe)…\n`);
  return probeFacts(inventory, secrets, { ssh: { hostKeyPolicy: 'strict' } });
}
