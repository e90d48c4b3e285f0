/** What preflight learns about a host; every later step decides from these. */
import { localized } from '../../shared/messages';
import { StepFailure } from '../remote/step-failure';

export type OsFamily = 'debian' | 'rhel' | 'unknown';
export type SwarmState = 'inactive' | 'pending' | 'active' | 'error' | 'locked' | 'unknown';

export interface HostFacts {
  os: {
    id: string;
    idLike: string[];
    versionId: string;
    codename: string;
    prettyName: string;
    family: OsFamily;
    /** The Enterprise Linux major version a RHEL-like system corresponds to (7, 8, 9, 10). */
    elVersion?: number;
  };
  arch: string;
  kernel: string;
  init: string;
  /** The container technology when the host is a container (systemd-nspawn, lxc, docker…). */
  container: string | undefined;
  cgroupVersion: 1 | 2 | undefined;
  uid: number;
  hostname: string;
  machineId: string;
  /** The host's clock, milliseconds since the epoch, when it answered. */
  timeMs: number;
  packageManager: 'apt-get' | 'dnf' | 'yum' | 'zypper' | undefined;
  freeDiskVarLibMb: number | undefined;
  memoryMb: number | undefined;
  cpus: number | undefined;
  interfaces: { name: string; address: string; prefix: number }[];
  defaultInterface: string | undefined;
  services: Record<string, string>;
  timeSynchronized: boolean | undefined;
  selinux: 'enforcing' | 'permissive' | 'disabled' | 'absent';
  docker: {
    clientVersion: string | undefined;
    serverVersion: string | undefined;
    swarm: { state: SwarmState; nodeId: string; clusterId: string; isManager: boolean };
  };
  ipvs: boolean;
  hasSudo: boolean;
  /** TCP reachability of the other hosts' SSH ports, seen from this host. */
  peers: Record<string, 'open' | 'closed' | 'untested'>;
}

/** EL versions for distributions that rebuild RHEL under another name. */
const EL_LIKE_VERSION: Record<string, (versionId: string) => number | undefined> = {
  openEuler: (v) => (Number.parseFloat(v) >= 22 ? 9 : 8),
  kylin: (v) => (v.startsWith('V10') ? 8 : undefined),
  anolis: (v) => Number.parseInt(v, 10) || undefined,
};

/** Parses the `key=value` lines printed by the facts probe script. */
export function parseFacts(output: string): HostFacts {
  const values = new Map<string, string>();
  const interfaces: HostFacts['interfaces'] = [];
  const services: Record<string, string> = {};
  const peers: HostFacts['peers'] = {};
  for (const line of output.split('\n')) {
    const equals = line.indexOf('=');
    if (equals <= 0) continue;
    const key = line.slice(0, equals);
    const value = line.slice(equals + 1).trim();
    if (key === 'net.ipv4') {
      const [name = '', cidr = ''] = value.split(' ');
      const [address = '', prefix = '32'] = cidr.split('/');
      if (name && address) interfaces.push({ name, address, prefix: Number(prefix) });
    } else if (key.startsWith('service.')) {
      services[key.slice('service.'.length)] = value;
    } else if (key.startsWith('peer.')) {
      const state = value === 'open' || value === 'closed' ? value : 'untested';
      peers[key.slice('peer.'.length)] = state;
    } else {
      values.set(key, value);
    }
  }
  if (values.get('end') !== '1') {
    throw new StepFailure(localized('failures.run.factsCutShort'));
  }
  const get = (key: string): string => values.get(key) ?? '';
  const optionalNumber = (key: string): number | undefined => {
    const parsed = Number.parseInt(get(key), 10);
    return Number.isFinite(parsed) ? parsed : undefined;
  };

  const id = get('os.id');
  const idLike = get('os.id_like').split(' ').filter(Boolean);
  const versionId = get('os.version_id');
  const family = osFamily(id, idLike);
  const elVersion =
    family === 'rhel'
      ? (EL_LIKE_VERSION[id]?.(versionId) ??
        (id === 'fedora' ? undefined : Number.parseInt(versionId, 10) || undefined))
      : undefined;

  const [swarmState = '', nodeId = '', clusterId = '', controlAvailable = ''] = get('docker.swarm')
    .split(' ')
    .map((part) => part.trim());
  const kbToMb = (kb: number | undefined) => (kb === undefined ? undefined : Math.floor(kb / 1024));
  const cgroup = get('cgroup');
  const packageManager = get('package_manager');
  const selinux = get('selinux').toLowerCase();

  return {
    os: {
      id,
      idLike,
      versionId,
      codename: get('os.codename'),
      prettyName: get('os.pretty_name'),
      family,
      ...(elVersion === undefined ? {} : { elVersion }),
    },
    arch: get('arch'),
    kernel: get('kernel'),
    init: get('init'),
    container: get('container') && get('container') !== 'none' ? get('container') : undefined,
    cgroupVersion: cgroup === 'cgroup2fs' ? 2 : cgroup === 'tmpfs' ? 1 : undefined,
    uid: optionalNumber('user.uid') ?? -1,
    hostname: get('hostname'),
    machineId: get('machine_id'),
    timeMs: optionalNumber('time.ms') ?? 0,
    packageManager:
      packageManager === 'apt-get' ||
      packageManager === 'dnf' ||
      packageManager === 'yum' ||
      packageManager === 'zypper'
        ? packageManager
        : undefined,
    freeDiskVarLibMb: kbToMb(optionalNumber('disk.var_lib_kb')),
    memoryMb: kbToMb(optionalNumber('memory_kb')),
    cpus: optionalNumber('cpus'),
    interfaces,
    defaultInterface: get('net.default_iface') || undefined,
    services,
    timeSynchronized:
      get('time.synchronized') === 'yes'
        ? true
        : get('time.synchronized') === 'no'
          ? false
          : undefined,
    selinux:
      selinux === 'enforcing' || selinux === 'permissive' || selinux === 'disabled'
        ? selinux
        : 'absent',
    docker: {
      clientVersion: get('docker.client') || undefined,
      serverVersion: get('docker.server') || undefined,
      swarm: {
        state: swarmStateOf(swarmState, get('docker.server') !== ''),
        nodeId,
        clusterId,
        isManager: controlAvailable === 'true',
      },
    },
    ipvs: get('ip_vs') === 'yes',
    hasSudo: get('sudo') === 'present',
    peers,
  };
}

function osFamily(id: string, idLike: string[]): OsFamily {
  const names = [id, ...idLike];
  if (names.some((name) => name === 'debian' || name === 'ubuntu')) return 'debian';
  if (
    names.some((name) =>
      ['rhel', 'centos', 'fedora', 'rocky', 'almalinux', 'openEuler', 'kylin', 'anolis'].includes(
        name,
      ),
    )
  ) {
    return 'rhel';
  }
  return 'unknown';
}

function swarmStateOf(value: string, daemonAnswered: boolean): SwarmState {
  if (!daemonAnswered) return 'unknown';
  const known: SwarmState[] = ['inactive', 'pending', 'active', 'error', 'locked'];
  return known.find((state) => state === value) ?? 'unknown';
}
