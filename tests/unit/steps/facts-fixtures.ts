import { parseFacts, type HostFacts } from '../../../electron/engine/facts/facts';

/** /etc/os-release fields of each system the steps support, as the facts probe prints them. */
const OS_RELEASE = {
  'debian-11': {
    id: 'debian',
    like: '',
    version: '11',
    codename: 'bullseye',
    pretty: 'Debian GNU/Linux 11 (bullseye)',
    pm: 'apt-get',
  },
  'debian-12': {
    id: 'debian',
    like: '',
    version: '12',
    codename: 'bookworm',
    pretty: 'Debian GNU/Linux 12 (bookworm)',
    pm: 'apt-get',
  },
  'debian-13': {
    id: 'debian',
    like: '',
    version: '13',
    codename: 'trixie',
    pretty: 'Debian GNU/Linux 13 (trixie)',
    pm: 'apt-get',
  },
  'ubuntu-20.04': {
    id: 'ubuntu',
    like: 'debian',
    version: '20.04',
    codename: 'focal',
    pretty: 'Ubuntu 20.04.6 LTS',
    pm: 'apt-get',
  },
  'ubuntu-22.04': {
    id: 'ubuntu',
    like: 'debian',
    version: '22.04',
    codename: 'jammy',
    pretty: 'Ubuntu 22.04.4 LTS',
    pm: 'apt-get',
  },
  'ubuntu-24.04': {
    id: 'ubuntu',
    like: 'debian',
    version: '24.04',
    codename: 'noble',
    pretty: 'Ubuntu 24.04.1 LTS',
    pm: 'apt-get',
  },
  'centos-7': {
    id: 'centos',
    like: 'rhel fedora',
    version: '7',
    codename: '',
    pretty: 'CentOS Linux 7 (Core)',
    pm: 'yum',
  },
  'rocky-8': {
    id: 'rocky',
    like: 'rhel centos fedora',
    version: '8.10',
    codename: '',
    pretty: 'Rocky Linux 8.10 (Green Obsidian)',
    pm: 'dnf',
  },
  'rocky-9': {
    id: 'rocky',
    like: 'rhel centos fedora',
    version: '9.4',
    codename: '',
    pretty: 'Rocky Linux 9.4 (Blue Onyx)',
    pm: 'dnf',
  },
  'alma-9': {
    id: 'almalinux',
    like: 'rhel centos fedora',
    version: '9.4',
    codename: '',
    pretty: 'AlmaLinux 9.4 (Seafoam Ocelot)',
    pm: 'dnf',
  },
  'fedora-40': {
    id: 'fedora',
    like: '',
    version: '40',
    codename: '',
    pretty: 'Fedora Linux 40 (Server Edition)',
    pm: 'dnf',
  },
  'openeuler-22.03': {
    id: 'openEuler',
    like: '',
    version: '22.03',
    codename: '',
    pretty: 'openEuler 22.03 (LTS-SP3)',
    pm: 'dnf',
  },
  'kylin-v10': {
    id: 'kylin',
    like: '',
    version: 'V10',
    codename: '',
    pretty: 'Kylin Linux Advanced Server V10 (Lance)',
    pm: 'dnf',
  },
  'anolis-8': {
    id: 'anolis',
    like: 'rhel fedora centos',
    version: '8.8',
    codename: '',
    pretty: 'Anolis OS 8.8',
    pm: 'dnf',
  },
} as const;

export type OsFixture = keyof typeof OS_RELEASE;
export const OS_FIXTURES = Object.keys(OS_RELEASE) as OsFixture[];

/**
 * Facts of a healthy, Docker-less host of the given system, parsed by the same code preflight
 * uses (so derived fields such as `os.elVersion` are what a real run would see).
 */
export function factsFixture(os: OsFixture, overrides: Partial<HostFacts> = {}): HostFacts {
  const release = OS_RELEASE[os];
  const output = [
    `os.id=${release.id}`,
    `os.id_like=${release.like}`,
    `os.version_id=${release.version}`,
    `os.codename=${release.codename}`,
    `os.pretty_name=${release.pretty}`,
    'arch=x86_64',
    'kernel=6.1.0-18-amd64',
    'init=systemd',
    'cgroup=cgroup2fs',
    'user.uid=0',
    'hostname=node01',
    'machine_id=0123456789abcdef0123456789abcdef',
    'time.ms=1700000000000',
    `package_manager=${release.pm}`,
    'disk.var_lib_kb=20480000',
    'memory_kb=2097152',
    'cpus=2',
    'net.ipv4=eth0 10.210.0.11/24',
    'net.default_iface=eth0',
    `selinux=${release.id === 'debian' || release.id === 'ubuntu' ? 'absent' : 'Enforcing'}`,
    'docker.client=',
    'ip_vs=yes',
    'sudo=present',
    'end=1',
  ].join('\n');
  return { ...parseFacts(output), ...overrides };
}
