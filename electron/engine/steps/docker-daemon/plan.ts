/**
 * The plan: everything the step will write on a host (daemon.json, maybe the hosts drop-in), or
 * a StepFailure naming what stops it. Pure.
 */
import type { DaemonConfig } from '../../inventory/daemon';
import { StepFailure } from '../step';
import { checkDaemonConfig } from './check';
import { splitCommandLine } from './command-line';
import {
  desiredEntries,
  mergeDaemonConfig,
  parseDaemonJson,
  renderDaemonJson,
  type JsonObject,
} from './daemon-json';
import { configFileOf, daemonFlags, flagConflicts, type FlagConflict } from './flags';
import { hostsDropIn } from './hosts-drop-in';

export interface DaemonPlanInput {
  /** The host's daemon.json text (null when missing). */
  currentText: string | null;
  desired: DaemonConfig | undefined;
  /** docker.service's ExecStart command line, unexpanded. */
  execStart: string | undefined;
  /** Variables of docker.service's environment files (DOCKER_OPTS, OPTIONS). */
  env: Record<string, string>;
}

export interface DaemonPlan {
  path: string;
  merged: JsonObject;
  /** What the file must hold. */
  content: string;
  /** True when the host's file already says the same (key order and spacing aside). */
  unchanged: boolean;
  /** A systemd drop-in to write, when `hosts` needs -H off the command line. */
  dropIn: string | undefined;
  warnings: string[];
}

/** Everything the step will write, or a StepFailure naming what stops it. Pure. */
export function planDaemonConfig(input: DaemonPlanInput): DaemonPlan {
  const words = splitCommandLine(input.execStart ?? '', input.env);
  const flags = daemonFlags(words);
  const path = configFileOf(flags);
  const current = parseDaemonJson(input.currentText, path);
  const desired = desiredEntries(input.desired);
  const merged = mergeDaemonConfig(current, input.desired);

  const check = checkDaemonConfig(merged, desired);
  if (check.errors.length > 0) {
    throw new StepFailure(
      `daemon.json would stop Docker: ${check.errors.join('; ')}`,
      Object.hasOwn(merged, 'live-restore') && merged['live-restore'] === true
        ? `remove live-restore from ${path} on the host, or set docker.daemon.live-restore: false in the inventory`
        : 'correct docker.daemon in the inventory',
    );
  }

  let dropIn: string | undefined;
  const conflicts = flagConflicts(merged, flags);
  const hostsConflict = conflicts.find((conflict) => conflict.key === 'hosts');
  const canDropIn =
    hostsConflict !== undefined &&
    Object.hasOwn(desired, 'hosts') &&
    conflicts
      .filter((conflict) => conflict.key === 'hosts')
      .every((conflict) => conflict.flag.fromVariable === undefined);
  if (canDropIn && input.execStart) dropIn = hostsDropIn(input.execStart);
  const blocking = conflicts.filter((conflict) => !(canDropIn && conflict.key === 'hosts'));
  if (blocking.length > 0) {
    throw new StepFailure(
      `docker.service already sets ${blocking
        .map(
          (conflict) =>
            `"${conflict.key}" with ${conflict.flag.flag}${conflict.flag.value ? ` ${conflict.flag.value}` : ''}${conflict.flag.fromVariable ? ` (from $${conflict.flag.fromVariable})` : ''}`,
        )
        .join(
          ', ',
        )}, and daemon.json sets it too: dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file")`,
      flagConflictFix(blocking),
    );
  }

  const content = renderDaemonJson(merged);
  return {
    path,
    merged,
    content,
    // A missing file and `{}` say the same: nothing is written when nothing is asked.
    unchanged: renderDaemonJson(current) === content,
    dropIn,
    warnings: check.warnings,
  };
}

function flagConflictFix(conflicts: readonly FlagConflict[]): string {
  const fromVariable = conflicts.find((conflict) => conflict.flag.fromVariable);
  if (fromVariable) {
    return `remove ${fromVariable.flag.flag} from $${fromVariable.flag.fromVariable} (/etc/default/docker or /etc/sysconfig/docker), or leave ${fromVariable.key} out of docker.daemon`;
  }
  const keys = conflicts.map((conflict) => conflict.key).join(', ');
  return `either leave ${keys} out of docker.daemon, or add a systemd drop-in (systemctl edit docker) with "ExecStart=" followed by the ExecStart line without ${conflicts.map((conflict) => conflict.flag.flag).join(', ')}`;
}
