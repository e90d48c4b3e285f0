import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { Command } from 'commander';
import { appDataDir } from '../../engine/app-paths';
import { formatIssues, loadInventory, resolveSecrets } from '../../engine/inventory';
import type { Inventory, SecretsResolution } from '../../engine/inventory';
import { buildRunReport } from '../../engine/report/run-report';
import type { RunEvent } from '../../engine/run/events';
import { readJournal } from '../../engine/run/journal';
import { runSetup } from '../../engine/setup';
import { ProgressView } from '../progress';
import { confirm, promptSecret } from '../prompt';

interface ApplyFlags {
  file: string;
  report?: string;
  json?: boolean;
  yes?: boolean;
  resume?: string;
  concurrency?: string;
}

export function registerApplyCommand(program: Command): void {
  program
    .command('apply')
    .description(
      'Run the whole setup on the hosts of an inventory, from bare hosts to a verified swarm.',
    )
    .requiredOption('-f, --file <inventory>', 'inventory file (YAML)')
    .option('--report <dir>', 'write the run journal and report.json into this folder')
    .option('--json', 'print every run event as a JSON line on stdout')
    .option('-y, --yes', 'do not ask before changing the hosts')
    .option('--resume <journal>', 'continue an interrupted run from its journal')
    .option('--concurrency <n>', 'how many steps may run at once across hosts', '64')
    .action(async (flags: ApplyFlags) => {
      process.exitCode = await apply(flags);
    });
}

async function apply(flags: ApplyFlags): Promise<number> {
  const loaded = await loadInventory({ file: flags.file });
  if (!loaded.ok) {
    process.stderr.write(`${formatIssues(loaded.errors, { fileName: flags.file })}\n`);
    return 2;
  }
  if (loaded.warnings.length > 0)
    process.stderr.write(`${formatIssues(loaded.warnings, { fileName: flags.file })}\n`);
  const inventory = loaded.inventory;
  const secrets = await askForMissingSecrets(inventory);

  if (!flags.yes && !flags.json) {
    const question = `Set up a swarm on ${inventory.hosts.length} host(s) from ${flags.file}? This changes them.`;
    if (!(await confirm(question))) {
      process.stderr.write('Nothing was changed. Pass --yes to run without asking.\n');
      return 1;
    }
  }

  const runDir = resolve(
    flags.report ?? join(appDataDir(), 'runs', new Date().toISOString().replace(/[:.]/g, '-')),
  );
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  const journalPath = flags.resume ? resolve(flags.resume) : join(runDir, 'journal.jsonl');
  if (!flags.resume)
    await rename(journalPath, join(runDir, 'journal.previous.jsonl')).catch(() => undefined);
  const resumeFrom = flags.resume ? await readJournal(journalPath) : undefined;

  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nCancelling: running commands finish, nothing new starts. Press Ctrl-C again to quit now.\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);

  const view = flags.json ? undefined : new ProgressView();
  const onEvent = (event: RunEvent) => {
    if (flags.json) process.stdout.write(`${JSON.stringify(event)}\n`);
    else view?.handle(event);
  };
  try {
    const finished = await runSetup({
      inventory,
      secrets,
      journalPath,
      onEvent,
      signal: controller.signal,
      concurrency: Number.parseInt(flags.concurrency ?? '64', 10),
      ...(resumeFrom ? { resumeFrom } : {}),
    });
    const report = buildRunReport(await readJournal(journalPath));
    await writeFile(join(runDir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`, {
      mode: 0o600,
    });
    if (!flags.json) process.stderr.write(`Journal and report: ${runDir}\n`);
    return finished.status === 'succeeded' ? 0 : 1;
  } finally {
    view?.stop();
    process.off('SIGINT', onInterrupt);
  }
}

/** Secrets the inventory points at but that are not set: asked for on the terminal. */
async function askForMissingSecrets(inventory: Inventory): Promise<SecretsResolution> {
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
