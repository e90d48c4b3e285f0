/** What `remove` and `reset` share: their options, and the question before they change hosts. */
import type { Command } from 'commander';
import { confirm } from '../prompt';

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
