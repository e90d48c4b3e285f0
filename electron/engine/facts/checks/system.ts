/** Host checks about the system itself: OS, architecture, init, cgroups, room, rights, Docker. */
import { localized } from '../../../shared/messages';
import { localizedWords, type CheckStatus, type HostCheck } from './check';

const MIN_FREE_DISK_MB = 2048;
const MIN_FREE_DISK_FAIL_MB = 512;
const MIN_MEMORY_MB = 512;

export const osCheck: HostCheck = (_host, facts) => {
  const { os } = facts;
  if (os.family === 'unknown') {
    return {
      id: 'os',
      status: 'fail',
      ...localizedWords(
        localized('checks.os.unsupported.detail', {
          system: os.prettyName || os.id || localized('checks.os.unknownSystem'),
        }),
        localized('checks.os.unsupported.fix'),
      ),
    };
  }
  return {
    id: 'os',
    status: 'pass',
    ...localizedWords(localized('checks.os.supported', { name: os.prettyName, family: os.family })),
  };
};

export const archCheck: HostCheck = (_host, facts) => {
  const arch = ['x86_64', 'aarch64'].includes(facts.arch) ? 'pass' : 'warn';
  return {
    id: 'arch',
    status: arch,
    ...localizedWords(
      localized('checks.arch.detail', { arch: facts.arch, kernel: facts.kernel }),
      arch === 'warn' ? localized('checks.arch.unusualFix') : undefined,
    ),
  };
};

export const initCheck: HostCheck = (_host, facts) =>
  facts.init === 'systemd'
    ? { id: 'init', status: 'pass', ...localizedWords(localized('checks.init.systemd')) }
    : {
        id: 'init',
        status: 'fail',
        ...localizedWords(
          localized('checks.init.other.detail', {
            init: facts.init || localized('checks.init.unknownInit'),
          }),
          localized('checks.init.other.fix'),
        ),
      };

export const cgroupCheck: HostCheck = (_host, facts) => ({
  id: 'cgroup',
  status: 'pass',
  ...localizedWords(
    facts.cgroupVersion
      ? localized('checks.cgroup.version', { version: facts.cgroupVersion })
      : localized('checks.cgroup.unknown'),
  ),
});

export const diskCheck: HostCheck = (_host, facts) => {
  if (facts.freeDiskVarLibMb === undefined) return undefined;
  const free = facts.freeDiskVarLibMb;
  const status: CheckStatus =
    free < MIN_FREE_DISK_FAIL_MB ? 'fail' : free < MIN_FREE_DISK_MB ? 'warn' : 'pass';
  return {
    id: 'disk',
    status,
    ...localizedWords(
      localized('checks.disk.free', { free }),
      status === 'pass' ? undefined : localized('checks.disk.fix', { minimum: MIN_FREE_DISK_MB }),
    ),
  };
};

export const memoryCheck: HostCheck = (_host, facts) => {
  if (facts.memoryMb !== undefined && facts.memoryMb < MIN_MEMORY_MB) {
    return {
      id: 'memory',
      status: 'warn',
      ...localizedWords(
        localized('checks.memory.detail', { memory: facts.memoryMb }),
        localized('checks.memory.fix', { minimum: MIN_MEMORY_MB }),
      ),
    };
  }
  return undefined;
};

/** A failing 'sudo' row when the login cannot act as root, else a passing 'privileges' row. */
export const privilegesCheck: HostCheck = (host, facts) => {
  if (host.user !== 'root' && facts.uid !== 0) {
    return {
      id: 'sudo',
      status: 'fail',
      ...localizedWords(
        localized('checks.privileges.notRoot.detail', { user: host.user }),
        localized('checks.privileges.notRoot.fix'),
      ),
    };
  }
  return {
    id: 'privileges',
    status: 'pass',
    ...localizedWords(
      host.user === 'root'
        ? localized('checks.privileges.root')
        : localized('checks.privileges.sudo', { user: host.user }),
    ),
  };
};

export const dockerCheck: HostCheck = (_host, facts) =>
  facts.docker.serverVersion
    ? {
        id: 'docker',
        status: 'pass',
        ...localizedWords(
          localized('checks.docker.running', {
            version: facts.docker.serverVersion,
            state: facts.docker.swarm.state,
          }),
        ),
      }
    : {
        id: 'docker',
        status: 'pass',
        ...localizedWords(
          facts.docker.clientVersion
            ? localized('checks.docker.clientOnly', { version: facts.docker.clientVersion })
            : localized('checks.docker.absent'),
        ),
      };
