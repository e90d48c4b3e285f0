import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { formatIssues, validateInventory, type InventoryInput } from '../../engine/inventory';
import { importHosts, type ImportSource } from '../../engine/inventory/import';
import { saveInventory } from '../../engine/inventory/yaml';
import { terminalSafe } from '../../engine/text/terminal-safe';

interface ImportFlags {
  sshConfig?: string;
  ansible?: string;
  managers?: string;
  output?: string;
}

export function registerInventoryCommand(program: Command): void {
  const inventory = program.command('inventory').description('Work with inventory files.');
  inventory
    .command('import')
    .description(
      'Make an inventory from the hosts of an ssh config or an Ansible inventory. Nothing secret is written; what cannot be carried over is listed.',
    )
    .option(
      '--ssh-config <file>',
      'an OpenSSH client config, e.g. ~/.ssh/config (Include is followed)',
    )
    .option('--ansible <file>', 'an Ansible inventory, INI or YAML')
    .option(
      '--managers <names>',
      'the managers: host names, comma-separated, or an Ansible group (default: a group named managers, else the first host)',
    )
    .option('-o, --output <file>', 'write the inventory here (YAML) instead of to stdout')
    .action(async (flags: ImportFlags) => {
      process.exitCode = await importInventory(flags);
    });
}

async function importInventory(flags: ImportFlags): Promise<number> {
  const sources: [ImportSource, string | undefined][] = [
    ['ssh-config', flags.sshConfig],
    ['ansible', flags.ansible],
  ];
  const chosen = sources.filter(([, path]) => path !== undefined);
  const [only] = chosen;
  if (chosen.length !== 1 || !only) {
    process.stderr.write(
      'swarmlab inventory import: give one of --ssh-config FILE or --ansible FILE\n',
    );
    return 2;
  }
  const [source, path = ''] = only;
  const imported = importHosts({
    source,
    path,
    ...(flags.managers ? { managers: flags.managers } : {}),
  });
  for (const note of imported.notes) {
    process.stderr.write(
      terminalSafe(`not carried over: ${note.host ? `${note.host}: ` : ''}${note.what.en}\n`),
    );
  }
  const checked = validateInventory(imported.inventory);
  if (!checked.ok) {
    process.stderr.write(`${formatIssues(checked.errors, { fileName: path })}\n`);
    process.stderr.write('No inventory was written.\n');
    return 2;
  }
  const hosts = (imported.inventory.hosts as unknown[] | undefined)?.length ?? 0;
  const yaml = saveInventory(imported.inventory as InventoryInput, {
    header: `Imported by swarmlab from ${path}: ${hosts} host(s). Passwords are asked for at run time.`,
  });
  if (flags.output) {
    await writeFile(flags.output, yaml, { mode: 0o600 });
    process.stderr.write(`Wrote ${hosts} host(s) to ${flags.output}\n`);
  } else {
    process.stdout.write(yaml);
  }
  return 0;
}
