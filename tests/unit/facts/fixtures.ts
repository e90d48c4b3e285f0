import type { HostFacts } from '../../../electron/engine/facts/facts';

type OsKey = 'debian-11' | 'debian-12' | 'ubuntu-22.04' | 'ubuntu-24.04' | 'centos-7' | 'rocky-9';

const OS: Record<OsKey, HostFacts['os'] & { packageManager: HostFacts['packageManager'] }> = {
  'debian-11': {
    id: 'debian',
    idLike: [],
    versionId: '11',
    codename: 'bullseye',
    prettyName: 'Debian GNU/Linux 11 (bullseye)',
    family: 'debian',
    packageManager: 'apt-get',
  },
  'debian-12': {
    id: 'debian',
    idLike: [],
    versionId: '12',
    codename: 'bookworm',
    prettyName: 'Debian GNU/Linux 12 (bookworm)',
    family: 'debian',
    packageManager: 'apt-get',
  },
  'ubuntu-22.04': {
    id: 'ubuntu',
    idLike: ['debian'],
    versionId: '22.04',
    codename: 'jammy',
    prettyName: 'Ubuntu 22.04.4 LTS',
    family: 'debian',
    packageManager: 'apt-get',
  },
  'ubuntu-24.04': {
    id: 'ubuntu',
    idLike: ['debian'],
    versionId: '24.04',
    codename: 'noble',
    prettyName: 'Ubuntu 24.04.1 LTS',
    family: 'debian',
    packageManager: 'apt-get',
  },
  'centos-7': {
    id: 'centos',
    idLike: ['rhel', 'fedora'],
    versionId: '7',
    codename: '',
    prettyName: 'CentOS Linux 7 (Core)',
    family: 'rhel',
    elVersion: 7,
    packageManager: 'yum',
  },
  'rocky-9': {
    id: 'rocky',
    idLike: ['rhel', 'centos', 'fedora'],
    versionId: '9.4',
    codename: '',
    prettyName: 'Rocky Linux 9.4 (Blue Onyx)',
    family: 'rhel',
    elVersion: 9,
    packageManager: 'dnf',
  },
};

/** Facts of a healthy host of the given system; override what a test is about. */
export function hostFacts(os: OsKey, overrides: Partial<HostFacts> = {}): HostFacts {
  const { packageManager, ...osFields } = OS[os];
  return {
    os: osFields,
    arch: 'x86_64',
    kernel: '6.1.0-18-amd64',
    init: 'systemd',
    container: undefined,
    cgroupVersion: 2,
    uid: 0,
    hostname: 'localhost',
    machineId: '0123456789abcdef0123456789abcdef',
    timeMs: Date.now(),
    packageManager,
    freeDiskVarLibMb: 20_000,
    memoryMb: 2048,
    cpus: 2,
    interfaces: [{ name: 'eth0', address: '192.168.11.131', prefix: 24 }],
    defaultInterface: 'eth0',
    services: { 'systemd-timesyncd': 'active' },
    timeSynchronized: true,
    selinux: os === 'centos-7' || os === 'rocky-9' ? 'enforcing' : 'absent',
    docker: {
      clientVersion: undefined,
      serverVersion: undefined,
      swarm: { state: 'unknown', nodeId: '', clusterId: '', isManager: false },
    },
    ipvs: true,
    hasSudo: true,
    peers: {},
    ...overrides,
  };
}

export const OS_KEYS = Object.keys(OS) as OsKey[];
