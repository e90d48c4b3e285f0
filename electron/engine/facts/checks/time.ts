/** Host checks about time: how far the clock is off, and whether anything keeps it right. */
import { said, type CheckStatus, type HostCheck } from './check';

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
    ...said(
      {
        detail: `clock differs from this computer by ${formatOffset(clock.offsetMs)} (±${clock.uncertaintyMs} ms)`,
        ...(clockStatus === 'pass'
          ? {}
          : {
              fix: 'set the time (for example `timedatectl set-ntp true`); the time sync step does this',
            }),
      },
      {
        detail: `时钟与本机相差 ${formatOffset(clock.offsetMs)}（±${clock.uncertaintyMs} ms）`,
        ...(clockStatus === 'pass'
          ? {}
          : { fix: '请校准时间（例如 `timedatectl set-ntp true`），时间同步步骤会做这件事' }),
      },
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
        ...said(
          { detail: `a ${facts.container} container keeps its machine’s clock` },
          { detail: `${facts.container} 容器沿用宿主机的时钟` },
        ),
      }
    : timeService
      ? {
          id: 'time-sync',
          status: 'pass',
          ...said(
            {
              detail: `${timeService} is running${facts.timeSynchronized === false ? ', not yet synchronised' : ''}`,
            },
            {
              detail: `${timeService} 正在运行${facts.timeSynchronized === false ? '，尚未完成同步' : ''}`,
            },
          ),
        }
      : {
          id: 'time-sync',
          status: 'warn',
          ...said(
            {
              detail: 'no time synchronisation service is running',
              fix: 'the time sync step installs and starts one',
            },
            { detail: '没有运行任何时间同步服务', fix: '时间同步步骤会安装并启动一个' },
          ),
        };
};

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return abs >= 1000 ? `${sign}${(abs / 1000).toFixed(1)} s` : `${sign}${Math.round(abs)} ms`;
}
