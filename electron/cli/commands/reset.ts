import type { Command } from 'commander';
import { resolveHosts } from '../../engine/inventory/resolve';
import { describeOperation } from '../../engine/operation-plan';
import {
  agreed,
  runOperationFromCli,
  withOperationOptions,
  type OperationFlags,
} from './operation-options';
import { loadInventoryOrExplain } from './apply';
import { hostsNamed, planText } from './remove';

interface ResetFlags extends OperationFlags {
  uninstallDocker?: boolean;
}

export function registerResetCommand(program: Command): void {
  withOperationOptions(
    program
      .command('reset')
      .description(
        'Undo what swarmlab did on some hosts, or on all (the swarm is then dissolved), so they can be set up again.',
      )
      .argument('[hosts...]', 'hosts to reset, by hostname or address (default: every host)')
      .option('--uninstall-docker', 'also remove the Docker packages swarmlab installed'),
    'go on when taking some hosts out would cost the swarm its quorum',
  ).action(async (names: string[], flags: ResetFlags) => {
    process.exitCode = await reset(names, flags);
  });
}

async function reset(names: string[], flags: ResetFlags): Promise<number> {
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const hosts = resolveHosts(inventory);
  const chosen = names.length === 0 ? hosts : hostsNamed(names, hosts, flags.file);
  if (!chosen) return 2;
  const hostIds = chosen.map((host) => host.id);
  const plan = describeOperation(inventory, {
    kind: 'reset',
    hostIds,
    uninstallDocker: flags.uninstallDocker === true,
    force: flags.force === true,
  });
  if (plan.refusal) {
    process.stderr.write(`swarmlab: ${plan.refusal.en}\n`);
    return 2;
  }
  process.stderr.write(`swarmlab reset will:\n${planText(plan)}`);
  if (!(await agreed(flags, `Reset ${chosen.length} host(s)?`))) return 1;
  const ran = await runOperationFromCli(inventory, flags, {
    reset: {
      reset: { hostIds, uninstallDocker: flags.uninstallDocker === true },
      force: flags.force === true,
    },
  });
  if (!ran) return 1;
  const { finished, runDir } = ran;
  if (!flags.json) process.stderr.write(`Journal and report: ${runDir}\n`);
  return finished.status === 'succeeded' ? 0 : 1;
}
