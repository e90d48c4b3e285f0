import type { Command } from 'commander';
import { resolveHosts } from '../../engine/inventory/resolve';
import { planHostSummary } from '../../engine/setup';
import { actingManager } from '../../engine/steps/removal';
import { agreed, withOperationOptions, type OperationFlags } from './operation-options';
import { runSetupFromCli } from '../run-setup';
import { askForMissingSecrets, loadInventoryOrExplain } from './apply';
import { describeRemoval, hostsNamed } from './remove';

interface ResetFlags extends OperationFlags {
  uninstallDocker?: boolean;
}

/** What a reset leaves as it is, said before it starts. */
const NOT_UNDONE =
  'Not undone: firewall ports swarmlab opened, the SELinux mode, package mirrors, the time service, the test image and anything in /var/lib/docker.';

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
  const all = chosen.length === hosts.length;
  const hostIds = chosen.map((host) => host.id);
  const lines: string[] = ['swarmlab reset will:'];
  if (all) {
    lines.push('  dissolve the swarm: the workers leave, then the managers (--force)');
  } else {
    const acting = actingManager(hosts.map(planHostSummary), { hostIds, force: false });
    if (!acting) {
      process.stderr.write(
        `swarmlab: resetting ${hostIds.join(', ')} would take every manager out while other hosts stay in the swarm. Reset every host (no host names), or the workers first.\n`,
      );
      return 2;
    }
    lines.push(describeRemoval(inventory, hosts, chosen, acting.id).trimEnd());
  }
  lines.push(
    `  on ${hostIds.join(', ')}: put daemon.json and the hostname back as they were before swarmlab, remove the /etc/hosts block${flags.uninstallDocker ? ', remove the Docker packages swarmlab installed' : ''}, then swarmlab’s keys`,
    `  ${NOT_UNDONE}`,
    '',
  );
  process.stderr.write(`${lines.join('\n')}\n`);
  if (!(await agreed(flags, `Reset ${chosen.length} host(s)?`))) return 1;
  const secrets = await askForMissingSecrets(inventory);
  const { finished, runDir } = await runSetupFromCli({
    inventory,
    secrets,
    reset: {
      reset: { hostIds, uninstallDocker: flags.uninstallDocker === true },
      force: flags.force === true,
    },
    ...(flags.report ? { reportDir: flags.report } : {}),
    ...(flags.json ? { json: true } : {}),
  });
  if (!flags.json) process.stderr.write(`Journal and report: ${runDir}\n`);
  return finished.status === 'succeeded' ? 0 : 1;
}
