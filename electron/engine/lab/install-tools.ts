import { runChecked } from './exec';
import {
  assertLinuxRoot,
  findExecutable,
  LabPreflightError,
  missingTools,
  missingToolsMessage,
  REQUIRED_TOOLS,
} from './preflight';
import type { RequiredTool } from './preflight';
import type { LabLog } from './types';

/**
 * Installs the Debian packages of missing tools, the one place that does (the lab, the demo and
 * `npm run bench` all come here): only as root and only where apt-get exists; anywhere else the
 * message says what to install.
 */

/** What decides whether swarmlab may install packages itself. */
export interface MachineFacts {
  root: boolean;
  aptGet: boolean;
}

export type ToolInstallPlan =
  | { action: 'none' }
  | { action: 'install'; packages: string[]; commands: string[][] }
  | { action: 'refuse'; message: string };

export interface ToolInstallOptions {
  /** Install the packages' recommended packages too (apt's default); the lab does without. */
  withRecommends?: boolean;
}

/** What to do about `missing` on a machine like `machine`. Pure. */
export function planToolInstall(
  missing: readonly RequiredTool[],
  machine: MachineFacts,
  options: ToolInstallOptions = {},
): ToolInstallPlan {
  if (missing.length === 0) return { action: 'none' };
  if (!machine.root || !machine.aptGet) {
    return { action: 'refuse', message: missingToolsMessage(missing) };
  }
  const packages = [...new Set(missing.map((tool) => tool.debianPackage))];
  const recommends = options.withRecommends ? [] : ['--no-install-recommends'];
  return {
    action: 'install',
    packages,
    commands: [
      // A fresh machine (a container image) may have no package lists at all.
      ['apt-get', 'update', '-q'],
      ['apt-get', 'install', '-y', ...recommends, ...packages],
    ],
  };
}

/** The machine as ensureTools sees it; tests give a fake one. */
export interface ToolInstallIo {
  missing(tools: readonly RequiredTool[]): Promise<RequiredTool[]>;
  machine(): Promise<MachineFacts>;
  run(argv: readonly string[]): Promise<void>;
}

const thisMachine: ToolInstallIo = {
  missing: (tools) => missingTools(tools),
  machine: async () => ({
    root: process.getuid?.() === 0,
    aptGet: (await findExecutable('apt-get')) !== undefined,
  }),
  run: async ([command, ...args]) => {
    if (!command) throw new Error('no command to run');
    await runChecked(command, args, {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  },
};

/**
 * Makes sure every tool in `tools` is there: installs the missing ones' packages, saying which
 * command it runs, or fails with what to install by hand (LabPreflightError).
 */
export async function ensureTools(
  tools: readonly RequiredTool[],
  log: LabLog,
  options: ToolInstallOptions & { io?: ToolInstallIo } = {},
): Promise<void> {
  const io = options.io ?? thisMachine;
  const plan = planToolInstall(await io.missing(tools), await io.machine(), options);
  if (plan.action === 'none') return;
  if (plan.action === 'refuse') throw new LabPreflightError(plan.message);
  log(`installing ${plan.packages.join(' ')}, which this machine lacks`);
  for (const argv of plan.commands) {
    log(argv.join(' '));
    await io.run(argv);
  }
  const stillMissing = await io.missing(tools);
  if (stillMissing.length > 0) throw new LabPreflightError(missingToolsMessage(stillMissing));
}

/** Fails unless this is Linux and we are root; installs the lab's tools where they are missing. */
export async function prepareMachineForLab(log: LabLog): Promise<void> {
  assertLinuxRoot();
  await ensureTools(REQUIRED_TOOLS, log);
}
