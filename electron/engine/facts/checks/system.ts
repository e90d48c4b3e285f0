/** Host checks about the system itself: OS, architecture, init, cgroups, room, rights, Docker. */
import { said, type CheckStatus, type HostCheck } from './check';

const MIN_FREE_DISK_MB = 2048;
const MIN_FREE_DISK_FAIL_MB = 512;
const MIN_MEMORY_MB = 512;

export const osCheck: HostCheck = (_host, facts) => {
  const { os } = facts;
  if (os.family === 'unknown') {
    return {
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
    };
  }
  return {
    id: 'os',
    status: 'pass',
    ...said(
      { detail: `${os.prettyName} (${os.family} family)` },
      { detail: `${os.prettyName}（${os.family} 系）` },
    ),
  };
};

export const archCheck: HostCheck = (_host, facts) => {
  const arch = ['x86_64', 'aarch64'].includes(facts.arch) ? 'pass' : 'warn';
  return {
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
  };
};

export const initCheck: HostCheck = (_host, facts) =>
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
      };

export const cgroupCheck: HostCheck = (_host, facts) => ({
  id: 'cgroup',
  status: 'pass',
  ...(facts.cgroupVersion
    ? said(
        { detail: `cgroup v${facts.cgroupVersion}` },
        { detail: `cgroup v${facts.cgroupVersion}` },
      )
    : said({ detail: 'cgroup version unknown' }, { detail: '无法确定 cgroup 版本' })),
});

export const diskCheck: HostCheck = (_host, facts) => {
  if (facts.freeDiskVarLibMb === undefined) return undefined;
  const free = facts.freeDiskVarLibMb;
  const status: CheckStatus =
    free < MIN_FREE_DISK_FAIL_MB ? 'fail' : free < MIN_FREE_DISK_MB ? 'warn' : 'pass';
  return {
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
  };
};

export const memoryCheck: HostCheck = (_host, facts) => {
  if (facts.memoryMb !== undefined && facts.memoryMb < MIN_MEMORY_MB) {
    return {
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
    };
  }
  return {
    id: 'privileges',
    status: 'pass',
    ...(host.user === 'root'
      ? said({ detail: 'root login' }, { detail: '以 root 登录' })
      : said({ detail: `${host.user} with sudo` }, { detail: `${host.user}，通过 sudo` })),
  };
};

export const dockerCheck: HostCheck = (_host, facts) =>
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
      };
