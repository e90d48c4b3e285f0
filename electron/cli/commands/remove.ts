import type { Command } from 'commander';
import { resolveHosts, type ResolvedHost } from '../../engine/inventory/resolve';
import { describeOperation } from '../../engine/operation-plan';
import type { OperationPlan } from '../../shared/operations';
import { terminalSafe } from '../../engine/text/terminal-safe';
import {
  agreed,
  runOperationFromCli,
  withOperationOptions,
  type OperationFlags,
} from './operation-options';
import { loadInventoryOrExplain } from './apply';

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
  const plan = describeOperation(inventory, { kind: 'remove', ...removal });
  if (plan.refusal) {
    process.stderr.write(`swarmlab: ${plan.refusal.en}\n`);
    return 2;
  }
  process.stderr.write(`swarmlab remove will:\n${planText(plan)}`);
  if (!(await agreed(flags, `Remove ${leaving.length} host(s) from the swarm?`))) return 1;
  const ran = await runOperationFromCli(inventory, flags, { removal });
  if (!ran) return 1;
  const { finished, runDir } = ran;
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

/** An operation's plan as the terminal prints it: one indented line each. */
export function planText(plan: OperationPlan): string {
  return `${plan.lines.map((line) => `  ${line.en}`).join('\n')}\n\n`;
}
