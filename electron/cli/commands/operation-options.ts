/**
 * What `remove`, `reset` and `practice` share: their options, the question before they change
 * hosts, and the way they run (secrets asked for, host keys settled, then the run).
 */
import type { Command } from 'commander';
import type { Inventory } from '../../engine/inventory';
import { settleHostKeys } from '../host-keys';
import { confirm } from '../prompt';
import { runSetupFromCli, type CliRunOptions, type CliRunResult } from '../run-setup';
import { askForMissingSecrets } from './apply';

export interface OperationFlags {
  file: string;
  force?: boolean;
  yes?: boolean;
  json?: boolean;
  report?: string;
}

export function withOperationOptions(command: Command, forceHelp: string): Command {
  return command
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('--force', forceHelp)
    .option(
      '-y, --yes',
      'do not ask before changing the hosts; trust host keys seen for the first time',
    )
    .option('--json', 'print every run event as a JSON line on stdout')
    .option('--report <dir>', 'write the journal and the report into this folder');
}

/** True when the user agreed (or --yes / --json said so); says that nothing changed otherwise. */
export async function agreed(flags: OperationFlags, question: string): Promise<boolean> {
  if (flags.yes || flags.json) return true;
  if (await confirm(question)) return true;
  process.stderr.write('Nothing was changed. Pass --yes to run without asking.\n');
  return false;
}

/**
 * Asks for the secrets the inventory does not hold, settles the host keys (asking about new ones
 * unless --yes), then runs the operation; undefined when a key was not trusted.
 */
export async function runOperationFromCli(
  inventory: Inventory,
  flags: Pick<OperationFlags, 'yes' | 'json' | 'report'>,
  operation: Pick<CliRunOptions, 'removal' | 'reset' | 'practice' | 'check'>,
): Promise<CliRunResult | undefined> {
  const secrets = await askForMissingSecrets(inventory);
  const trustedNow = await settleHostKeys(inventory, secrets, { yes: flags.yes === true });
  if (!trustedNow) return undefined;
  return runSetupFromCli({
    inventory,
    secrets,
    trustedNow,
    ...operation,
    ...(flags.report ? { reportDir: flags.report } : {}),
    ...(flags.json ? { json: true } : {}),
  });
}
