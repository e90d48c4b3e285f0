/**
 * The plan: everything the step will write on a host (daemon.json, maybe the hosts drop-in), or
 * a StepFailure naming what stops it. Pure.
 */
import type { DaemonConfig } from '../../inventory/daemon';
import type { Localized } from '../../../shared/localized';
import { localized, localizedClauses, localizedList } from '../../../shared/messages';
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
  warnings: Localized[];
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
      localized('failures.docker-daemon.wouldStop', { errors: localizedClauses(check.errors) }),
      Object.hasOwn(merged, 'live-restore') && merged['live-restore'] === true
        ? localized('failures.docker-daemon.liveRestoreFix', { path })
        : localized('failures.docker-daemon.correctDaemon'),
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
      localized('failures.docker-daemon.flagConflict', {
        settings: localizedList(blocking.map(flagSetting)),
      }),
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

/** A key the unit's command line sets: `"storage-driver" with -s vfs (from $DOCKER_OPTS)`. */
function flagSetting({ key, flag }: FlagConflict): Localized {
  const given = `${flag.flag}${flag.value ? ` ${flag.value}` : ''}`;
  return flag.fromVariable
    ? localized('failures.docker-daemon.flagSettingFrom', {
        key,
        flag: given,
        variable: `$${flag.fromVariable}`,
      })
    : localized('failures.docker-daemon.flagSetting', { key, flag: given });
}

function flagConflictFix(conflicts: readonly FlagConflict[]): Localized {
  const fromVariable = conflicts.find((conflict) => conflict.flag.fromVariable);
  if (fromVariable?.flag.fromVariable) {
    return localized('failures.docker-daemon.flagFixVariable', {
      flag: fromVariable.flag.flag,
      variable: `$${fromVariable.flag.fromVariable}`,
      key: fromVariable.key,
    });
  }
  return localized('failures.docker-daemon.flagFix', {
    keys: localizedList(conflicts.map((conflict) => conflict.key)),
    flags: localizedList(conflicts.map((conflict) => conflict.flag.flag)),
  });
}
