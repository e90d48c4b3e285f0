/**
 * Restarting Docker with the new daemon.json, and judging whether it came back.
 */
import type { Localized } from '../../../shared/localized';
import { localized } from '../../../shared/messages';

/** How long Docker gets to answer `docker info` after a restart. */
export const RESTART_WAIT_SECONDS = 60;

/** Restarts Docker and waits until `docker info` answers; prints `answered=yes|no`. */
export function restartAndWaitScript(seconds: number = RESTART_WAIT_SECONDS): string {
  return [
    'set -u',
    // Earlier failed starts count against StartLimitBurst and would block this one.
    'systemctl reset-failed docker.service 2>/dev/null || true',
    // systemd waits for dockerd's ready notification: a failed restart is final, no need to wait.
    'if ! systemctl restart docker.service; then',
    '  echo restart=failed',
    '  echo answered=no',
    '  exit 1',
    'fi',
    'i=0',
    `while [ "$i" -lt ${seconds} ]; do`,
    '  if docker info >/dev/null 2>&1; then echo answered=yes; exit 0; fi',
    '  sleep 1',
    '  i=$((i + 1))',
    'done',
    'echo answered=no',
    'exit 1',
    '',
  ].join('\n');
}

export interface RestartOutcome {
  restartFailed: boolean;
  answered: boolean;
}

export function parseRestartOutput(output: string): RestartOutcome {
  return {
    restartFailed: /^restart=failed$/m.test(output),
    answered: /^answered=yes$/m.test(output),
  };
}

/** Keep the new configuration only when Docker answers with it; say why otherwise. */
export function judgeRestart(
  outcome: RestartOutcome,
  seconds: number = RESTART_WAIT_SECONDS,
): { kind: 'keep' } | { kind: 'rollback'; reason: Localized } {
  if (outcome.answered) return { kind: 'keep' };
  return {
    kind: 'rollback',
    reason: outcome.restartFailed
      ? localized('failures.docker-daemon.restartFailed')
      : localized('failures.docker-daemon.noAnswerAfterRestart', { seconds }),
  };
}
