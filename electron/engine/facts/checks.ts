import type { PlanHostSummary } from '../run/events';
import type { HostFacts } from './facts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** One row of the preflight table. */
export interface PreflightCheck {
  id: string;
  status: CheckStatus;
  /** What was seen, in plain words. */
  detail: string;
  /** What to do about a warning or a failure. */
  fix?: string;
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
      detail: `${os.prettyName || os.id || 'an unknown system'} is not supported`,
      fix: 'use Debian 11–13, Ubuntu 20.04–24.04, CentOS 7, Rocky/Alma/RHEL 8–9, Fedora, openEuler, Kylin or Anolis',
    });
  } else {
    add({ id: 'os', status: 'pass', detail: `${os.prettyName} (${os.family} family)` });
  }

  const arch = ['x86_64', 'aarch64'].includes(facts.arch) ? 'pass' : 'warn';
  add({
    id: 'arch',
    status: arch,
    detail: `${facts.arch}, kernel ${facts.kernel}`,
    ...(arch === 'warn' ? { fix: 'Docker publishes packages for x86_64 and aarch64 only' } : {}),
  });

  add(
    facts.init === 'systemd'
      ? { id: 'init', status: 'pass', detail: 'systemd' }
      : {
          id: 'init',
          status: 'fail',
          detail: `PID 1 is ${facts.init || 'unknown'}, not systemd`,
          fix: 'swarmlab manages services with systemd; use a systemd-based host',
        },
  );

  add({
    id: 'cgroup',
    status: 'pass',
    detail: facts.cgroupVersion ? `cgroup v${facts.cgroupVersion}` : 'cgroup version unknown',
  });

  if (facts.freeDiskVarLibMb !== undefined) {
    const free = facts.freeDiskVarLibMb;
    const status: CheckStatus =
      free < MIN_FREE_DISK_FAIL_MB ? 'fail' : free < MIN_FREE_DISK_MB ? 'warn' : 'pass';
    add({
      id: 'disk',
      status,
      detail: `${free} MiB free under /var/lib`,
      ...(status === 'pass'
        ? {}
        : { fix: `free at least ${MIN_FREE_DISK_MB} MiB under /var/lib for Docker's images` }),
    });
  }

  if (facts.memoryMb !== undefined && facts.memoryMb < MIN_MEMORY_MB) {
    add({
      id: 'memory',
      status: 'warn',
      detail: `${facts.memoryMb} MiB of memory`,
      fix: `give the host at least ${MIN_MEMORY_MB} MiB`,
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
    detail: `clock differs from this computer by ${formatOffset(clock.offsetMs)} (±${clock.uncertaintyMs} ms)`,
    ...(clockStatus === 'pass'
      ? {}
      : {
          fix: 'set the time (for example `timedatectl set-ntp true`); the time sync step does this',
        }),
  });

  const timeService = ['chronyd', 'chrony', 'systemd-timesyncd', 'ntp', 'ntpd'].find(
    (unit) => facts.services[unit] === 'active',
  );
  add(
    facts.container && !timeService
      ? {
          id: 'time-sync',
          status: 'pass',
          detail: `a ${facts.container} container keeps its machine’s clock`,
        }
      : timeService
        ? {
            id: 'time-sync',
            status: 'pass',
            detail: `${timeService} is running${facts.timeSynchronized === false ? ', not yet synchronised' : ''}`,
          }
        : {
            id: 'time-sync',
            status: 'warn',
            detail: 'no time synchronisation service is running',
            fix: 'the time sync step installs and starts one',
          },
  );

  if (host.user !== 'root' && facts.uid !== 0) {
    add({
      id: 'sudo',
      status: 'fail',
      detail: `${host.user} is not root and the probe did not run as root`,
      fix: 'give the user sudo rights, or log in as root',
    });
  } else {
    add({
      id: 'privileges',
      status: 'pass',
      detail: host.user === 'root' ? 'root login' : `${host.user} with sudo`,
    });
  }

  add(
    facts.docker.serverVersion
      ? {
          id: 'docker',
          status: 'pass',
          detail: `Docker ${facts.docker.serverVersion} is installed; swarm ${facts.docker.swarm.state}`,
        }
      : {
          id: 'docker',
          status: 'pass',
          detail: facts.docker.clientVersion
            ? `Docker client ${facts.docker.clientVersion} present, daemon not answering`
            : 'Docker is not installed yet',
        },
  );

  const advertised = advertiseAddressFor(host, facts);
  add({
    id: 'advertise-address',
    status: advertised.onInterface ? 'pass' : 'warn',
    detail: `will advertise ${advertised.address}${advertised.interfaceName ? ` (${advertised.interfaceName})` : ''}`,
    ...(advertised.onInterface
      ? {}
      : {
          fix: `${host.address} is not an address of this host (NAT or jump host?): set advertiseAddress for it`,
        }),
  });

  add(
    facts.ipvs
      ? { id: 'routing-mesh', status: 'pass', detail: 'IPVS is available for the routing mesh' }
      : {
          id: 'routing-mesh',
          status: 'warn',
          detail:
            'the kernel has no IPVS: the swarm routing mesh and VIP load balancing will not work',
          fix: 'verification proves load balancing by DNS round robin and host-mode ports instead',
        },
  );

  const unreachable = Object.entries(facts.peers)
    .filter(([, state]) => state === 'closed')
    .map(([peer]) => peer);
  if (Object.keys(facts.peers).length > 0) {
    add(
      unreachable.length === 0
        ? {
            id: 'peers',
            status: 'pass',
            // On large plans a host tests a window of peers (steps/preflight.ts, peersToProbe).
            detail:
              Object.keys(facts.peers).length === 1
                ? 'reaches the other host it tested'
                : `reaches the ${Object.keys(facts.peers).length} other hosts it tested`,
          }
        : {
            id: 'peers',
            status: 'warn',
            detail: `cannot reach ${unreachable.join(', ')} over TCP`,
            fix: 'check routes and firewalls between the hosts; swarm needs 2377/tcp, 7946/tcp+udp, 4789/udp',
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
      ? { id: 'machine-id', status: 'pass', detail: 'machine-id is unique' }
      : {
          id: 'machine-id',
          status: 'warn',
          detail: `same machine-id as ${sameMachineId.map(([id]) => id).join(', ')} (cloned VM?)`,
          fix: 'run `rm -f /etc/machine-id && systemd-machine-id-setup` on the clone',
        },
  );

  if (!host.hostname) {
    const sameName = others.filter(([, facts]) => facts.hostname === mine.hostname);
    checks.push(
      sameName.length === 0
        ? { id: 'hostname', status: 'pass', detail: `hostname ${mine.hostname} is unique` }
        : {
            id: 'hostname',
            status: 'fail',
            detail: `hostname ${mine.hostname} is also used by ${sameName.map(([id]) => id).join(', ')}`,
            fix: 'give each host its own hostname in the inventory',
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
      detail: `already in another swarm (cluster ${myCluster.slice(0, 12)})`,
      fix: 'run `docker swarm leave --force` on it to rejoin, or remove it from the inventory',
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
