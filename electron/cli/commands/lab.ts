import { InvalidArgumentError } from 'commander';
import type { Command } from 'commander';
import { knownHostsPath } from '../../engine/app-paths';
import { labDown, labStatus, labUp } from '../../engine/lab';
import type { LabInfo, LabStatus } from '../../engine/lab';

/**
 * `swarmlab lab up|down|status`. With --json, stdout carries only the JSON
 * document (scripts and tests parse it); progress always goes to stderr.
 */

const progress = (line: string): void => {
  process.stderr.write(`lab: ${line}\n`);
};

function parseHostCount(value: string): number {
  const count = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(count) || count < 1) {
    throw new InvalidArgumentError('give a whole number of hosts, at least 1');
  }
  return count;
}

function printJson(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
}

function describeLab(info: LabInfo): string {
  const rows = info.hosts.map(
    (host) =>
      `  ${host.name.padEnd(8)} ${host.address.padEnd(15)} root / ${host.rootPassword}   ${host.sudoUser} / ${host.sudoPassword}\n` +
      `  ${''.padEnd(8)} host key ${host.hostKeySha256}`,
  );
  return [
    `Lab network ${info.subnet} on bridge ${info.bridge} (gateway ${info.gateway}); ssh port 22.`,
    ...rows,
    `Image archive: ${info.image.archive} (docker load -i; loads as ${info.image.name})`,
    'Stop it with: swarmlab lab down',
  ].join('\n');
}

function describeStatus(status: LabStatus): string {
  if (status.hosts.length === 0) return 'No lab is up.';
  const rows = status.hosts.map(
    (host) =>
      `  ${host.name.padEnd(8)} ${host.address.padEnd(15)} ${host.running ? `running (pid ${host.nspawnPid})` : 'stopped'}`,
  );
  const unmet = status.unmetMachineSettings.map(
    (setting) =>
      `Not as the lab needs: ${setting.name} is ${setting.actual}, the hosts need ${setting.needed} ` +
      `to reach the outside; \`swarmlab lab up --hosts ${status.hosts.length}\` sets it again.`,
  );
  return [`Lab on ${status.bridge} (${status.subnet}):`, ...rows, ...unmet].join('\n');
}

export function registerLabCommand(program: Command): void {
  const lab = program
    .command('lab')
    .description('Practice lab: Debian hosts on this machine (Linux, root).');

  lab
    .command('up')
    .description('Boot N Debian 12 hosts with ssh and password logins, no Docker (safe to repeat).')
    .requiredOption('--hosts <n>', 'number of hosts', parseHostCount)
    .option('--json', 'print only JSON on stdout')
    .action(async (options: { hosts: number; json?: boolean }) => {
      const started = Date.now();
      const info = await labUp({
        hosts: options.hosts,
        log: progress,
        knownHostsFile: knownHostsPath(),
      });
      progress(`lab up in ${((Date.now() - started) / 1000).toFixed(1)} s`);
      if (options.json) printJson(info);
      else process.stdout.write(`${describeLab(info)}\n`);
    });

  lab
    .command('down')
    .description('Stop every lab host and remove its network (safe when nothing is up).')
    .action(async () => {
      await labDown({ log: progress });
    });

  lab
    .command('status')
    .description('Show the lab hosts and whether they run.')
    .option('--json', 'print only JSON on stdout')
    .action(async (options: { json?: boolean }) => {
      const status = await labStatus();
      if (options.json) printJson(status);
      else process.stdout.write(`${describeStatus(status)}\n`);
    });
}
