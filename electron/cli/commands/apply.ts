import type { Command } from 'commander';
import { formatIssues, loadInventory, resolveSecrets } from '../../engine/inventory';
import type { Inventory, SecretsResolution } from '../../engine/inventory';
import { settleHostKeys } from '../host-keys';
import { confirm, promptSecret } from '../prompt';
import { runSetupFromCli } from '../run-setup';

interface ApplyFlags {
  file: string;
  report?: string;
  json?: boolean;
  yes?: boolean;
  resume?: string;
  concurrency: string;
}

export function registerApplyCommand(program: Command): void {
  program
    .command('apply')
    .description(
      'Run the whole setup on the hosts of an inventory, from bare hosts to a verified swarm.',
    )
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option(
      '--report <dir>',
      'write the journal and the report (html, md, json, pdf, reproduce.sh) into this folder',
    )
    .option('--json', 'print every run event as a JSON line on stdout')
    .option(
      '-y, --yes',
      'do not ask before changing the hosts; trust host keys seen for the first time',
    )
    .option('--resume <journal>', 'continue an interrupted run from its journal')
    .option('--concurrency <n>', 'how many steps may run at once across hosts', '64')
    .action(async (flags: ApplyFlags) => {
      process.exitCode = await apply(flags);
    });
}

async function apply(flags: ApplyFlags): Promise<number> {
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const secrets = await askForMissingSecrets(inventory);
  const trustedNow = await settleHostKeys(inventory, secrets, { yes: flags.yes === true });
  if (!trustedNow) return 1;

  if (!flags.yes && !flags.json) {
    const question = `Set up a swarm on ${inventory.hosts.length} host(s) from ${flags.file}? This changes them.`;
    if (!(await confirm(question))) {
      process.stderr.write('Nothing was changed. Pass --yes to run without asking.\n');
      return 1;
    }
  }
  const { finished, runDir } = await runSetupFromCli({
    inventory,
    secrets,
    trustedNow,
    concurrency: Number.parseInt(flags.concurrency, 10),
    ...(flags.report ? { reportDir: flags.report } : {}),
    ...(flags.resume ? { resumeJournal: flags.resume } : {}),
    ...(flags.json ? { json: true } : {}),
  });
  if (!flags.json) process.stderr.write(`Journal and report: ${runDir}\n`);
  return finished.status === 'succeeded' ? 0 : 1;
}

/** Loads and validates an inventory; prints every issue (with line:col) when it is not valid. */
export async function loadInventoryOrExplain(file: string): Promise<Inventory | undefined> {
  const loaded = await loadInventory({ file });
  if (loaded.warnings.length > 0) {
    process.stderr.write(`${formatIssues(loaded.warnings, { fileName: file })}\n`);
  }
  if (!loaded.ok) {
    process.stderr.write(`${formatIssues(loaded.errors, { fileName: file })}\n`);
    return undefined;
  }
  return loaded.inventory;
}

/** Secrets the inventory points at but that are not set: asked for on the terminal. */
export async function askForMissingSecrets(inventory: Inventory): Promise<SecretsResolution> {
  let resolution = resolveSecrets(inventory, process.env);
  if (resolution.missing.length === 0) return resolution;
  const answers: Record<string, string> = {};
  for (const missing of resolution.missing) {
    answers[missing.key] = await promptSecret(missing.prompt);
  }
  resolution = resolveSecrets(inventory, process.env, answers);
  if (resolution.missing.length > 0) {
    throw new Error(
      `still missing: ${resolution.missing.map((missing) => missing.prompt).join('; ')}`,
    );
  }
  return resolution;
}
