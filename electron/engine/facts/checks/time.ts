/** Host checks about time: how far the clock is off, and whether anything keeps it right. */
import { localized } from '../../../shared/messages';
import { localizedWords, type CheckStatus, type HostCheck } from './check';

/** Swarm's mutual TLS starts failing once clocks disagree by minutes; warn well before. */
const CLOCK_WARN_MS = 2_000;
const CLOCK_FAIL_MS = 60_000;

export const clockCheck: HostCheck = (_host, _facts, clock) => {
  const offset = Math.abs(clock.offsetMs);
  const clockStatus: CheckStatus =
    offset - clock.uncertaintyMs > CLOCK_FAIL_MS
      ? 'fail'
      : offset - clock.uncertaintyMs > CLOCK_WARN_MS
        ? 'warn'
        : 'pass';
  return {
    id: 'clock',
    status: clockStatus,
    ...localizedWords(
      localized('checks.clock.detail', {
        offset: formatOffset(clock.offsetMs),
        uncertainty: clock.uncertaintyMs,
      }),
      clockStatus === 'pass' ? undefined : localized('checks.clock.fix'),
    ),
  };
};

export const timeSyncCheck: HostCheck = (_host, facts) => {
  const timeService = ['chronyd', 'chrony', 'systemd-timesyncd', 'ntp', 'ntpd'].find(
    (unit) => facts.services[unit] === 'active',
  );
  return facts.container && !timeService
    ? {
        id: 'time-sync',
        status: 'pass',
        ...localizedWords(localized('checks.time-sync.container', { container: facts.container })),
      }
    : timeService
      ? {
          id: 'time-sync',
          status: 'pass',
          ...localizedWords(
            facts.timeSynchronized === false
              ? localized('checks.time-sync.runningNotSynchronised', { service: timeService })
              : localized('checks.time-sync.running', { service: timeService }),
          ),
        }
      : {
          id: 'time-sync',
          status: 'warn',
          ...localizedWords(
            localized('checks.time-sync.none.detail'),
            localized('checks.time-sync.none.fix'),
          ),
        };
};

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return abs >= 1000 ? `${sign}${(abs / 1000).toFixed(1)} s` : `${sign}${Math.round(abs)} ms`;
}
