/**
 * Putting the previous daemon.json (and unit) back when Docker does not come back with the new one.
 */
import { shellQuote } from '../../shell/quote';
import type { Localized } from '../../../shared/localized';
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';
import { HOSTS_DROP_IN } from './hosts-drop-in';

export const BACKUP_SUFFIX = '.swarmlab-backup';

/** What the host had before the change, to put back. */
export interface DaemonBackup {
  path: string;
  /** Whether daemon.json existed (then it was copied to path + BACKUP_SUFFIX). */
  existed: boolean;
  /** Whether the step wrote the hosts drop-in in this change. */
  wroteDropIn: boolean;
}

/** Puts the previous daemon.json (or its absence) and the unit back. */
export function rollbackScript(backup: DaemonBackup): string {
  const path = shellQuote(backup.path);
  const lines = ['set -eu'];
  if (backup.existed) {
    const saved = shellQuote(`${backup.path}${BACKUP_SUFFIX}`);
    const staged = shellQuote(`${backup.path}.swarmlab-restore`);
    lines.push(`cp -p ${saved} ${staged}`, `mv -f ${staged} ${path}`);
  } else {
    lines.push(`rm -f ${path}`);
  }
  if (backup.wroteDropIn)
    lines.push(`rm -f ${shellQuote(HOSTS_DROP_IN)}`, 'systemctl daemon-reload');
  return `${lines.join('\n')}\n`;
}

/** The failure after a rollback: why, whether Docker runs again, and the journal's last lines. */
export function rollbackFailure(
  reason: string | Localized,
  recovered: boolean,
  journal: string,
): StepFailure {
  const tail = journal.trim().split('\n').slice(-15).join('\n');
  return recovered
    ? new StepFailure(
        localized('failures.docker-daemon.rolledBack', { reason }),
        localized('failures.docker-daemon.rolledBackFix'),
        { journal: tail },
      )
    : new StepFailure(
        localized('failures.docker-daemon.rolledBackDown', { reason }),
        localized('failures.docker-daemon.rolledBackDownFix'),
        { journal: tail },
      );
}
