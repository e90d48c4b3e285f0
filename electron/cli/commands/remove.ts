import type { Command } from 'commander';
import { resolveHosts, type ResolvedHost } from '../../engine/inventory/resolve';
import type { Inventory } from '../../engine/inventory';
import { actingManager } from '../../engine/steps/removal';
import { planHostSummary } from '../../engine/setup';
import { terminalSafe } from '../../engine/text/terminal-safe';
import { agreed, withOperationOptions, type OperationFlags } from './operation-options';
import { runSetupFromCli } from '../run-setup';
import { askForMissingSecrets, loadInventoryOrExplain } from './apply';

type RemoveFlags = OperationFlags;

export function registerRemoveCommand(program: Command): void {
  withOperationOptions(
    program
      .command('remove')
      .description(
        'Take hosts out of the running swarm: drain, leave, remove the node, drop it from /etc/hosts.',
      )
      .argument(
        '<hosts...>',
        'hosts to remove, by hostname or address as the inventory names them',
      ),
    'go on when the swarm would lose its quorum or a node does not leave',
  ).action(async (names: string[], flags: RemoveFlags) => {
    process.exitCode = await remove(names, flags);
  });
}

async function remove(names: string[], flags: RemoveFlags): Promise<number> {
  const inventory = await loadInventoryOrExplain(flags.file);
  if (!inventory) return 2;
  const hosts = resolveHosts(inventory);
  const leaving = hostsNamed(names, hosts, flags.file);
  if (!leaving) return 2;
  const removal = { hostIds: leaving.map((host) => host.id), force: flags.force === true };
  const acting = actingManager(hosts.map(planHostSummary), removal);
  if (!acting) {
    process.stderr.write(
      `swarmlab: removing ${leaving.map((host) => host.id).join(', ')} would take every manager of ${flags.file} out of the swarm, and no manager would be left to remove the nodes. Remove the workers first, or give another host the manager role and apply.\n`,
    );
    return 2;
  }
  process.stderr.write(
    `swarmlab remove will:\n${describeRemoval(inventory, hosts, leaving, acting.id)}`,
  );
  if (!(await agreed(flags, `Remove ${leaving.length} host(s) from the swarm?`))) return 1;
  const secrets = await askForMissingSecrets(inventory);
  const { finished, runDir } = await runSetupFromCli({
    inventory,
    secrets,
    removal,
    ...(flags.report ? { reportDir: flags.report } : {}),
    ...(flags.json ? { json: true } : {}),
  });
  if (!flags.json) process.stderr.write(`Journal and report: ${runDir}\n`);
  if (finished.status !== 'succeeded') return 1;
  process.stderr.write(
    `Now delete ${leaving.map((host) => `hosts[${host.index}] (${host.id})`).join(', ')} from ${flags.file}: swarmlab does not edit your inventory, and the next apply would add ${leaving.length === 1 ? 'it' : 'them'} again.\n`,
  );
  return 0;
}

/** The inventory hosts the user named, or undefined after saying which name matched none. */
export function hostsNamed(
  names: readonly string[],
  hosts: readonly ResolvedHost[],
  file: string,
): ResolvedHost[] | undefined {
  const found: ResolvedHost[] = [];
  for (const name of names) {
    const host = hosts.find(
      (candidate) =>
        candidate.id === name ||
        candidate.hostname === name ||
        candidate.address === name ||
        `${candidate.address}:${candidate.port}` === name,
    );
    if (!host) {
      process.stderr.write(
        `swarmlab: ${terminalSafe(JSON.stringify(name))} is not a host of ${file}; its hosts are ${hosts.map((candidate) => candidate.id).join(', ')}\n`,
      );
      return undefined;
    }
    if (!found.includes(host)) found.push(host);
  }
  return found;
}

/** What the removal will do to which host, one line each, said before anything starts. */
export function describeRemoval(
  inventory: Inventory,
  hosts: readonly ResolvedHost[],
  leaving: readonly ResolvedHost[],
  actingId: string,
): string {
  const names = leaving.map((host) => host.id).join(', ');
  const acting = hosts.find((host) => host.id === actingId);
  const staying = hosts.filter((host) => !leaving.includes(host));
  const lines = [
    ...leaving.map(
      (host) =>
        `  ${host.id} (${host.address}, ${host.role}): drain it so its tasks move to other nodes${host.role === 'manager' ? ', demote it' : ''}, then docker swarm leave on it`,
    ),
    `  ${acting?.id ?? actingId} (${acting?.address ?? ''}, manager): docker node rm ${names} once ${leaving.length === 1 ? 'it has' : 'they have'} left`,
    ...(inventory.prepare.hostsFile && staying.length > 0
      ? [`  ${staying.map((host) => host.id).join(', ')}: drop ${names} from /etc/hosts`]
      : []),
    '',
  ];
  return `${lines.join('\n')}\n`;
}
