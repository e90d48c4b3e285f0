import type { HostFacts } from './facts';

/** Systems `swarmlab plan --offline --os` can assume when the hosts cannot be reached. */
export const ASSUMABLE_SYSTEMS = {
  'debian-12': {
    os: { id: 'debian', idLike: [], versionId: '12', codename: 'bookworm' },
    prettyName: 'Debian GNU/Linux 12 (bookworm)',
    packageManager: 'apt-get',
    selinux: 'absent',
  },
  'ubuntu-24.04': {
    os: { id: 'ubuntu', idLike: ['debian'], versionId: '24.04', codename: 'noble' },
    prettyName: 'Ubuntu 24.04 LTS',
    packageManager: 'apt-get',
    selinux: 'absent',
  },
  'centos-7': {
    os: { id: 'centos', idLike: ['rhel', 'fedora'], versionId: '7', codename: '', elVersion: 7 },
    prettyName: 'CentOS Linux 7 (Core)',
    packageManager: 'yum',
    selinux: 'enforcing',
  },
  'rocky-9': {
    os: { id: 'rocky', idLike: ['rhel', 'centos', 'fedora'], versionId: '9', codename: '' },
    prettyName: 'Rocky Linux 9',
    packageManager: 'dnf',
    selinux: 'enforcing',
  },
} as const satisfies Record<
  string,
  {
    os: Pick<HostFacts['os'], 'id' | 'versionId' | 'codename'> & {
      idLike: readonly string[];
      elVersion?: number;
    };
    prettyName: string;
    packageManager: HostFacts['packageManager'];
    selinux: HostFacts['selinux'];
  }
>;

export type AssumableSystem = keyof typeof ASSUMABLE_SYSTEMS;

export function isAssumableSystem(value: string): value is AssumableSystem {
  return Object.hasOwn(ASSUMABLE_SYSTEMS, value);
}

/**
 * Facts of a bare x86_64 host of that system, as the probe would report it: systemd, no
 * Docker, no firewall running, no swarm. The plan built from them is the tutorial for it.
 */
export function assumedFacts(system: AssumableSystem, hostname = ''): HostFacts {
  const known = ASSUMABLE_SYSTEMS[system];
  const rhel = known.os.id !== 'debian' && known.os.id !== 'ubuntu';
  return {
    os: {
      id: known.os.id,
      idLike: [...known.os.idLike],
      versionId: known.os.versionId,
      codename: known.os.codename,
      prettyName: known.prettyName,
      family: rhel ? 'rhel' : 'debian',
      ...(rhel ? { elVersion: Number.parseInt(known.os.versionId, 10) } : {}),
    },
    arch: 'x86_64',
    kernel: '',
    init: 'systemd',
    container: undefined,
    cgroupVersion: undefined,
    uid: 0,
    hostname,
    machineId: '',
    timeMs: 0,
    packageManager: known.packageManager,
    freeDiskVarLibMb: undefined,
    memoryMb: undefined,
    cpus: undefined,
    interfaces: [],
    defaultInterface: undefined,
    services: {},
    timeSynchronized: undefined,
    selinux: known.selinux,
    docker: {
      clientVersion: undefined,
      serverVersion: undefined,
      swarm: { state: 'inactive', nodeId: '', clusterId: '', isManager: false },
    },
    // Assume the common case on VMs: the kernel has IPVS, so the routing mesh works.
    ipvs: true,
    hasSudo: true,
    peers: {},
  };
}
