import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { knownHostsPath } from '../../engine/app-paths';
import {
  formatIssues,
  resolveSecrets,
  saveInventory,
  validateInventory,
} from '../../engine/inventory';
import { appKeyPath } from '../../engine/keys/app-key';
import { labUp } from '../../engine/lab';
import { labInventory, labPasswordEnv } from '../../engine/lab/inventory';
import { createRunFolder } from '../../engine/run-folder';
import { runSetupFromCli } from '../run-setup';

interface DemoFlags {
  hosts: number;
  managers: number;
  report?: string;
}

function positiveInteger(value: string): number {
  const parsed = Number(value);
  if (!/^\d+$/.test(value) || parsed < 1)
    throw new InvalidArgumentError('give a whole number, at least 1');
  return parsed;
}

/**
 * `swarmlab demo`: the whole journey on this machine. Boots lab hosts, runs the setup on them
 * from bare hosts to a verified swarm with the tutorial's choices, and leaves the lab running.
 */
export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description(
      'Boot lab hosts on this machine and turn them into a verified swarm (Linux, root).',
    )
    .option('--hosts <n>', 'number of lab hosts', positiveInteger, 3)
    .option('--managers <n>', 'how many of them are managers', positiveInteger, 1)
    .option(
      '--report <dir>',
      'folder for the journal and the report files (default: a new runs/<time>)',
    )
    .action(async (flags: DemoFlags) => {
      process.exitCode = await demo(flags);
    });
}

async function demo(flags: DemoFlags): Promise<number> {
  if (flags.managers > flags.hosts)
    throw new InvalidArgumentError('--managers cannot exceed --hosts');
  const lab = await labUp({
    hosts: flags.hosts,
    log: (line) => process.stderr.write(`lab: ${line}\n`),
    // The lab made its hosts' keys: a re-created lab is trusted, any other changed key is not.
    knownHostsFile: knownHostsPath(),
  });
  const input = labInventory(lab, { managers: flags.managers });
  const validated = validateInventory(input);
  if (!validated.ok) {
    process.stderr.write(`${formatIssues(validated.errors)}\n`);
    return 2;
  }
  // Each demo keeps its own journal, report and inventory, as each apply does.
  const runDir = flags.report ? resolve(flags.report) : await createRunFolder();
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  process.stderr.write(`Run folder: ${runDir}\n`);
  const inventoryFile = join(runDir, 'lab.yaml');
  await writeFile(inventoryFile, saveInventory(input), { mode: 0o600 });

  const { finished } = await runSetupFromCli({
    inventory: validated.inventory,
    secrets: resolveSecrets(validated.inventory, labPasswordEnv(lab)),
    reportDir: runDir,
  });
  const manager = lab.hosts[0];
  process.stderr.write(
    [
      '',
      `Inventory: ${inventoryFile} (passwords come from SWARMLAB_LAB_PASSWORD_<n>; see \`swarmlab lab up --json\`)`,
      `Journal and report: ${runDir}`,
      ...(manager
        ? [`Explore: ssh -i ${appKeyPath()} root@${manager.address} docker node ls`]
        : []),
      'The lab keeps running; stop it with: swarmlab lab down',
      '',
    ].join('\n'),
  );
  return finished.status === 'succeeded' ? 0 : 1;
}
