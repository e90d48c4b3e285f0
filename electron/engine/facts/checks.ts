import type { PlanHostSummary } from '../run/events';
import type { HostFacts } from './facts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** A check's words in one language. */
export interface CheckWords {
  detail: string;
  fix?: string;
}

/** A check's words in the languages other than English (preflight and verification checks). */
export interface CheckTranslations {
  'zh-CN': CheckWords;
}

/** One row of the preflight table. */
export interface PreflightCheck {
  id: string;
  status: CheckStatus;
  /** What was seen, in plain words (English: logs, the CLI, the journal). */
  detail: string;
  /** What to do about a warning or a failure. */
  fix?: string;
  /**
   * The same detail and fix for the wizard and the report in Chinese. Every check made here
   * has them; a journal written before checks spoke Chinese does not.
   */
  translations?: CheckTranslations;
}

/** A check's detail and fix in English, with the Chinese beside them. */
export function said(
  en: CheckWords,
  zh: CheckWords,
): Pick<PreflightCheck, 'detail' | 'fix' | 'translations'> {
  return {
    detail: en.detail,
    ...(en.fix !== undefined ? { fix: en.fix } : {}),
    translations: { 'zh-CN': zh },
  };
}

export interface ClockReading {
  /** Host clock minus operator clock, milliseconds, corrected for the round trip. */
  offsetMs: number;
  /** Half the round trip: the offset is known to within this. */
  uncertaintyMs: number;
}

const MIN_FREE_DISK_MB = 2048;
const MIN_FREE_DISK_FAIL_MB = 512;
const MIN_MEMORY_MB = 512;
/** Swarm's mutual TLS starts failing once clocks disagree by minutes; warn well before. */
const CLOCK_WARN_MS = 2_000;
const CLOCK_FAIL_MS = 60_000;

/** Checks that need only this host's facts. */
export function hostChecks(
  host: PlanHostSummary,
  facts: HostFacts,
  clock: ClockReading,
): PreflightCheck[] {
  const checks: PreflightCheck[] = [];
  const add = (check: PreflightCheck) => checks.push(check);
  const { os } = facts;

  if (os.family === 'unknown') {
    add({
      id: 'os',
      status: 'fail',
      ...said(
        {
          detail: `${os.prettyName || os.id || 'an unknown system'} is not supported`,
          fix: 'use Debian 11–13, Ubuntu 20.04–24.04, CentOS 7, Rocky/Alma/RHEL 8–9, Fedora, openEuler, Kylin or Anolis',
        },
        {
          detail: `不支持 ${os.prettyName || os.id || '这个未知系统'}`,
          fix: '请使用 Debian 11–13、Ubuntu 20.04–24.04、CentOS 7、Rocky/Alma/RHEL 8–9、Fedora、openEuler、麒麟（Kylin）或龙蜥（Anolis）',
        },
      ),
    });
  } else {
    add({
      id: 'os',
      status: 'pass',
      ...said(
        { detail: `${os.prettyName} (${os.family} family)` },
        { detail: `${os.prettyName}（${os.family} 系）` },
      ),
    });
  }

  const arch = ['x86_64', 'aarch64'].includes(facts.arch) ? 'pass' : 'warn';
  add({
    id: 'arch',
    status: arch,
    ...(arch === 'warn'
      ? said(
          {
            detail: `${facts.arch}, kernel ${facts.kernel}`,
            fix: 'Docker publishes packages for x86_64 and aarch64 only',
          },
          {
            detail: `${facts.arch}，内核 ${facts.kernel}`,
            fix: 'Docker 只为 x86_64 和 aarch64 发布软件包',
          },
        )
      : said(
          { detail: `${facts.arch}, kernel ${facts.kernel}` },
          { detail: `${facts.arch}，内核 ${facts.kernel}` },
        )),
  });

  add(
    facts.init === 'systemd'
      ? { id: 'init', status: 'pass', ...said({ detail: 'systemd' }, { detail: 'systemd' }) }
      : {
          id: 'init',
          status: 'fail',
          ...said(
            {
              detail: `PID 1 is ${facts.init || 'unknown'}, not systemd`,
              fix: 'swarmlab manages services with systemd; use a systemd-based host',
            },
            {
              detail: `PID 1 是 ${facts.init || '未知程序'}，不是 systemd`,
              fix: 'swarmlab 用 systemd 管理服务，请使用基于 systemd 的主机',
            },
          ),
        },
  );

  add({
    id: 'cgroup',
    status: 'pass',
    ...(facts.cgroupVersion
      ? said(
          { detail: `cgroup v${facts.cgroupVersion}` },
          { detail: `cgroup v${facts.cgroupVersion}` },
        )
      : said({ detail: 'cgroup version unknown' }, { detail: '无法确定 cgroup 版本' })),
  });

  if (facts.freeDiskVarLibMb !== undefined) {
    const free = facts.freeDiskVarLibMb;
    const status: CheckStatus =
      free < MIN_FREE_DISK_FAIL_MB ? 'fail' : free < MIN_FREE_DISK_MB ? 'warn' : 'pass';
    add({
      id: 'disk',
      status,
      ...(status === 'pass'
        ? said(
            { detail: `${free} MiB free under /var/lib` },
            { detail: `/var/lib 下剩余 ${free} MiB` },
          )
        : said(
            {
              detail: `${free} MiB free under /var/lib`,
              fix: `free at least ${MIN_FREE_DISK_MB} MiB under /var/lib for Docker's images`,
            },
            {
              detail: `/var/lib 下剩余 ${free} MiB`,
              fix: `请在 /var/lib 下至少留出 ${MIN_FREE_DISK_MB} MiB 给 Docker 镜像`,
            },
          )),
    });
  }

  if (facts.memoryMb !== undefined && facts.memoryMb < MIN_MEMORY_MB) {
    add({
      id: 'memory',
      status: 'warn',
      ...said(
        {
          detail: `${facts.memoryMb} MiB of memory`,
          fix: `give the host at least ${MIN_MEMORY_MB} MiB`,
        },
        {
          detail: `内存 ${facts.memoryMb} MiB`,
          fix: `请给主机至少 ${MIN_MEMORY_MB} MiB 内存`,
        },
      ),
    });
  }

  const offset = Math.abs(clock.offsetMs);
  const clockStatus: CheckStatus =
    offset - clock.uncertaintyMs > CLOCK_FAIL_MS
      ? 'fail'
      : offset - clock.uncertaintyMs > CLOCK_WARN_MS
        ? 'warn'
        : 'pass';
  add({
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
  });

  const timeService = ['chronyd', 'chrony', 'systemd-timesyncd', 'ntp', 'ntpd'].find(
    (unit) => facts.services[unit] === 'active',
  );
  add(
    facts.container && !timeService
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
          },
  );

  if (host.user !== 'root' && facts.uid !== 0) {
    add({
      id: 'sudo',
      status: 'fail',
      ...said(
        {
          detail: `${host.user} is not root and the probe did not run as root`,
          fix: 'give the user sudo rights, or log in as root',
        },
        {
          detail: `${host.user} 不是 root，探测也没能以 root 身份运行`,
          fix: '请给该用户 sudo 权限，或以 root 登录',
        },
      ),
    });
  } else {
    add({
      id: 'privileges',
      status: 'pass',
      ...(host.user === 'root'
        ? said({ detail: 'root login' }, { detail: '以 root 登录' })
        : said({ detail: `${host.user} with sudo` }, { detail: `${host.user}，通过 sudo` })),
    });
  }

  add(
    facts.docker.serverVersion
      ? {
          id: 'docker',
          status: 'pass',
          ...said(
            {
              detail: `Docker ${facts.docker.serverVersion} is installed; swarm ${facts.docker.swarm.state}`,
            },
            {
              detail: `已安装 Docker ${facts.docker.serverVersion}；swarm 状态 ${facts.docker.swarm.state}`,
            },
          ),
        }
      : {
          id: 'docker',
          status: 'pass',
          ...(facts.docker.clientVersion
            ? said(
                {
                  detail: `Docker client ${facts.docker.clientVersion} present, daemon not answering`,
                },
                { detail: `有 Docker 客户端 ${facts.docker.clientVersion}，但守护进程没有响应` },
              )
            : said({ detail: 'Docker is not installed yet' }, { detail: '尚未安装 Docker' })),
        },
  );

  const advertised = advertiseAddressFor(host, facts);
  add({
    id: 'advertise-address',
    status: advertised.onInterface ? 'pass' : 'warn',
    ...said(
      {
        detail: `will advertise ${advertised.address}${advertised.interfaceName ? ` (${advertised.interfaceName})` : ''}`,
        ...(advertised.onInterface
          ? {}
          : {
              fix: `${host.address} is not an address of this host (NAT or jump host?): set advertiseAddress for it`,
            }),
      },
      {
        detail: `将通告地址 ${advertised.address}${advertised.interfaceName ? `（${advertised.interfaceName}）` : ''}`,
        ...(advertised.onInterface
          ? {}
          : {
              fix: `${host.address} 不是这台主机自己的地址（NAT 或跳板机？）：请为它设置 advertiseAddress`,
            }),
      },
    ),
  });

  add(
    facts.ipvs
      ? {
          id: 'routing-mesh',
          status: 'pass',
          ...said(
            { detail: 'IPVS is available for the routing mesh' },
            { detail: 'IPVS 可用，路由网格可以工作' },
          ),
        }
      : {
          id: 'routing-mesh',
          status: 'warn',
          ...said(
            {
              detail:
                'the kernel has no IPVS: the swarm routing mesh and VIP load balancing will not work',
              fix: 'verification proves load balancing by DNS round robin and host-mode ports instead',
            },
            {
              detail: '内核没有 IPVS：swarm 的路由网格和 VIP 负载均衡无法工作',
              fix: '验证步骤会改用 DNS 轮询和 host 模式端口来证明负载均衡',
            },
          ),
        },
  );

  const unreachable = Object.entries(facts.peers)
    .filter(([, state]) => state === 'closed')
    .map(([peer]) => peer);
  const tested = Object.keys(facts.peers).length;
  if (tested > 0) {
    add(
      unreachable.length === 0
        ? {
            id: 'peers',
            status: 'pass',
            // On large plans a host tests a window of peers (steps/preflight.ts, peersToProbe).
            ...(tested === 1
              ? said(
                  { detail: 'reaches the other host it tested' },
                  { detail: '能连到它测试的另一台主机' },
                )
              : said(
                  { detail: `reaches the ${tested} other hosts it tested` },
                  { detail: `能连到它测试的其余 ${tested} 台主机` },
                )),
          }
        : {
            id: 'peers',
            status: 'warn',
            ...said(
              {
                detail: `cannot reach ${unreachable.join(', ')} over TCP`,
                fix: 'check routes and firewalls between the hosts; swarm needs 2377/tcp, 7946/tcp+udp, 4789/udp',
              },
              {
                detail: `无法通过 TCP 连到 ${unreachable.join('、')}`,
                fix: '请检查主机之间的路由和防火墙；swarm 需要 2377/tcp、7946/tcp+udp、4789/udp',
              },
            ),
          },
    );
  }
  return checks;
}

/** Checks that compare this host with the others. */
export function clusterChecks(
  host: PlanHostSummary,
  all: ReadonlyMap<string, HostFacts>,
): PreflightCheck[] {
  const mine = all.get(host.id);
  if (!mine) return [];
  const others = [...all.entries()].filter(([id]) => id !== host.id);
  const checks: PreflightCheck[] = [];

  const sameMachineId = others.filter(([, facts]) => facts.machineId === mine.machineId);
  checks.push(
    sameMachineId.length === 0 || mine.machineId === ''
      ? {
          id: 'machine-id',
          status: 'pass',
          ...said({ detail: 'machine-id is unique' }, { detail: 'machine-id 没有重复' }),
        }
      : {
          id: 'machine-id',
          status: 'warn',
          ...said(
            {
              detail: `same machine-id as ${sameMachineId.map(([id]) => id).join(', ')} (cloned VM?)`,
              fix: 'run `rm -f /etc/machine-id && systemd-machine-id-setup` on the clone',
            },
            {
              detail: `machine-id 与 ${sameMachineId.map(([id]) => id).join('、')} 相同（克隆的虚拟机？）`,
              fix: '在克隆出的主机上运行 `rm -f /etc/machine-id && systemd-machine-id-setup`',
            },
          ),
        },
  );

  if (!host.hostname) {
    const sameName = others.filter(([, facts]) => facts.hostname === mine.hostname);
    checks.push(
      sameName.length === 0
        ? {
            id: 'hostname',
            status: 'pass',
            ...said(
              { detail: `hostname ${mine.hostname} is unique` },
              { detail: `主机名 ${mine.hostname} 没有重复` },
            ),
          }
        : {
            id: 'hostname',
            status: 'fail',
            ...said(
              {
                detail: `hostname ${mine.hostname} is also used by ${sameName.map(([id]) => id).join(', ')}`,
                fix: 'give each host its own hostname in the inventory',
              },
              {
                detail: `主机名 ${mine.hostname} 也被 ${sameName.map(([id]) => id).join('、')} 使用`,
                fix: '请在主机清单里给每台主机设置各自的主机名',
              },
            ),
          },
    );
  }

  const myCluster = mine.docker.swarm.state === 'active' ? mine.docker.swarm.clusterId : '';
  const otherClusters = new Set(
    others
      .map(([, facts]) =>
        facts.docker.swarm.state === 'active' ? facts.docker.swarm.clusterId : '',
      )
      .filter(Boolean),
  );
  if (myCluster && otherClusters.size > 0 && !otherClusters.has(myCluster)) {
    checks.push({
      id: 'swarm',
      status: 'fail',
      ...said(
        {
          detail: `already in another swarm (cluster ${myCluster.slice(0, 12)})`,
          fix: 'run `docker swarm leave --force` on it to rejoin, or remove it from the inventory',
        },
        {
          detail: `已在另一个 swarm 中（集群 ${myCluster.slice(0, 12)}）`,
          fix: '在它上面运行 `docker swarm leave --force` 后再加入，或把它从主机清单中移除',
        },
      ),
    });
  }
  return checks;
}

export interface AdvertiseChoice {
  address: string;
  interfaceName: string | undefined;
  onInterface: boolean;
}

/** The address swarm should advertise: the one we reach the host by, when the host owns it. */
export function advertiseAddressFor(
  host: PlanHostSummary,
  facts: HostFacts,
  advertiseInterface?: string,
): AdvertiseChoice {
  if (host.advertiseAddress) {
    const named = facts.interfaces.find((candidate) => candidate.address === host.advertiseAddress);
    return {
      address: host.advertiseAddress,
      interfaceName: named?.name,
      onInterface: Boolean(named),
    };
  }
  const chosen = advertiseInterface
    ? facts.interfaces.find((candidate) => candidate.name === advertiseInterface)
    : undefined;
  if (chosen) return { address: chosen.address, interfaceName: chosen.name, onInterface: true };
  const owned = facts.interfaces.find((candidate) => candidate.address === host.address);
  if (owned) return { address: owned.address, interfaceName: owned.name, onInterface: true };
  const fallback = facts.interfaces.find((candidate) => candidate.name === facts.defaultInterface);
  return {
    address: fallback?.address ?? host.address,
    interfaceName: fallback?.name,
    onInterface: false,
  };
}

export function worstStatus(checks: readonly PreflightCheck[]): CheckStatus {
  if (checks.some((check) => check.status === 'fail')) return 'fail';
  if (checks.some((check) => check.status === 'warn')) return 'warn';
  return 'pass';
}

function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(ms);
  return abs >= 1000 ? `${sign}${(abs / 1000).toFixed(1)} s` : `${sign}${Math.round(abs)} ms`;
}
