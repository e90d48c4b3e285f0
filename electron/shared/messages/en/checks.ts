/**
 * What the preflight checks say, by check id: a detail for what was seen and, for a warning or a
 * failure, a fix. Numbers and names arrive as values; lists arrive joined (common.listSeparator).
 */
export const checks = {
  os: {
    unsupported: {
      detail: '{system} is not supported',
      fix: 'use Debian 11–13, Ubuntu 20.04–24.04, CentOS 7, Rocky/Alma/RHEL 8–9, Fedora, openEuler, Kylin or Anolis',
    },
    unknownSystem: 'an unknown system',
    supported: '{name} ({family} family)',
  },
  arch: {
    detail: '{arch}, kernel {kernel}',
    unusualFix: 'Docker publishes packages for x86_64 and aarch64 only',
  },
  init: {
    systemd: 'systemd',
    other: {
      detail: 'PID 1 is {init}, not systemd',
      fix: 'swarmlab manages services with systemd; use a systemd-based host',
    },
    unknownInit: 'unknown',
  },
  cgroup: {
    version: 'cgroup v{version}',
    unknown: 'cgroup version unknown',
  },
  disk: {
    free: '{free} MiB free under /var/lib',
    fix: "free at least {minimum} MiB under /var/lib for Docker's images",
  },
  memory: {
    detail: '{memory} MiB of memory',
    fix: 'give the host at least {minimum} MiB',
  },
  privileges: {
    notRoot: {
      detail: '{user} is not root and the probe did not run as root',
      fix: 'give the user sudo rights, or log in as root',
    },
    root: 'root login',
    sudo: '{user} with sudo',
  },
  docker: {
    running: 'Docker {version} is installed; swarm {state}',
    clientOnly: 'Docker client {version} present, daemon not answering',
    absent: 'Docker is not installed yet',
  },
  'docker-source': {
    from: 'Docker will come from {summary}',
    impossible: 'docker.install: {install} cannot work on this host: {reason}',
  },
  'advertise-address': {
    address: 'will advertise {address}',
    addressOnInterface: 'will advertise {address} ({interface})',
    notOwnedFix:
      '{address} is not an address of this host (NAT or jump host?): set advertiseAddress for it',
  },
  'routing-mesh': {
    available: 'IPVS is available for the routing mesh',
    missing: {
      detail: 'the kernel has no IPVS: the swarm routing mesh and VIP load balancing will not work',
      fix: 'verification proves load balancing by DNS round robin and host-mode ports instead',
    },
  },
  peers: {
    reachesOne: 'reaches the other host it tested',
    reachesMany: 'reaches the {count} other hosts it tested',
    unreachable: {
      detail: 'cannot reach {hosts} over TCP',
      fix: 'check routes and firewalls between the hosts; swarm needs 2377/tcp, 7946/tcp+udp, 4789/udp',
    },
  },
  clock: {
    detail: 'clock differs from this computer by {offset} (±{uncertainty} ms)',
    fix: 'set the time (for example `timedatectl set-ntp true`); the time sync step does this',
  },
  'time-sync': {
    container: 'a {container} container keeps its machine’s clock',
    running: '{service} is running',
    runningNotSynchronised: '{service} is running, not yet synchronised',
    none: {
      detail: 'no time synchronisation service is running',
      fix: 'the time sync step installs and starts one',
    },
  },
  'machine-id': {
    unique: 'machine-id is unique',
    cloned: {
      detail: 'same machine-id as {hosts} (cloned VM?)',
      fix: 'run `rm -f /etc/machine-id && systemd-machine-id-setup` on the clone',
    },
  },
  hostname: {
    unique: 'hostname {hostname} is unique',
    shared: {
      detail: 'hostname {hostname} is also used by {hosts}',
      fix: 'give each host its own hostname in the inventory',
    },
  },
  swarm: {
    otherSwarm: {
      detail: 'already in another swarm (cluster {cluster})',
      fix: 'run `docker swarm leave --force` on it to rejoin, or remove it from the inventory',
    },
  },
} as const;
