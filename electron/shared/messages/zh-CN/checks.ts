import type { Translation } from '../shape';
import type { checks as english } from '../en/checks';

export const checks: Translation<typeof english> = {
  os: {
    unsupported: {
      detail: '不支持 {system}',
      fix: '请使用 Debian 11–13、Ubuntu 20.04–24.04、CentOS 7、Rocky/Alma/RHEL 8–9、Fedora、openEuler、麒麟（Kylin）或龙蜥（Anolis）',
    },
    unknownSystem: '这个未知系统',
    supported: '{name}（{family} 系）',
  },
  arch: {
    detail: '{arch}，内核 {kernel}',
    unusualFix: 'Docker 只为 x86_64 和 aarch64 发布软件包',
  },
  init: {
    systemd: 'systemd',
    other: {
      detail: 'PID 1 是 {init}，不是 systemd',
      fix: 'swarmlab 用 systemd 管理服务，请使用基于 systemd 的主机',
    },
    unknownInit: '未知程序',
  },
  cgroup: {
    version: 'cgroup v{version}',
    unknown: '无法确定 cgroup 版本',
  },
  disk: {
    free: '/var/lib 下剩余 {free} MiB',
    fix: '请在 /var/lib 下至少留出 {minimum} MiB 给 Docker 镜像',
  },
  memory: {
    detail: '内存 {memory} MiB',
    fix: '请给主机至少 {minimum} MiB 内存',
  },
  privileges: {
    notRoot: {
      detail: '{user} 不是 root，探测也没能以 root 身份运行',
      fix: '请给该用户 sudo 权限，或以 root 登录',
    },
    root: '以 root 登录',
    sudo: '{user}，通过 sudo',
  },
  docker: {
    running: '已安装 Docker {version}；swarm 状态 {state}',
    clientOnly: '有 Docker 客户端 {version}，但守护进程没有响应',
    absent: '尚未安装 Docker',
  },
  'docker-source': {
    from: 'Docker 将来自 {summary}',
    impossible: 'docker.install: {install} 在这台主机上不可行：{reason}',
  },
  'advertise-address': {
    address: '将通告地址 {address}',
    addressOnInterface: '将通告地址 {address}（{interface}）',
    notOwnedFix: '{address} 不是这台主机自己的地址（NAT 或跳板机？）：请为它设置 advertiseAddress',
  },
  'routing-mesh': {
    available: 'IPVS 可用，路由网格可以工作',
    missing: {
      detail: '内核没有 IPVS：swarm 的路由网格和 VIP 负载均衡无法工作',
      fix: '验证步骤会改用 DNS 轮询和 host 模式端口来证明负载均衡',
    },
  },
  peers: {
    reachesOne: '能连到它测试的另一台主机',
    reachesMany: '能连到它测试的其余 {count} 台主机',
    unreachable: {
      detail: '无法通过 TCP 连到 {hosts}',
      fix: '请检查主机之间的路由和防火墙；swarm 需要 2377/tcp、7946/tcp+udp、4789/udp',
    },
  },
  clock: {
    detail: '时钟与本机相差 {offset}（±{uncertainty} ms）',
    fix: '请校准时间（例如 `timedatectl set-ntp true`），时间同步步骤会做这件事',
  },
  'time-sync': {
    container: '{container} 容器沿用宿主机的时钟',
    running: '{service} 正在运行',
    runningNotSynchronised: '{service} 正在运行，尚未完成同步',
    none: {
      detail: '没有运行任何时间同步服务',
      fix: '时间同步步骤会安装并启动一个',
    },
  },
  'machine-id': {
    unique: 'machine-id 没有重复',
    cloned: {
      detail: 'machine-id 与 {hosts} 相同（克隆的虚拟机？）',
      fix: '在克隆出的主机上运行 `rm -f /etc/machine-id && systemd-machine-id-setup`',
    },
  },
  hostname: {
    unique: '主机名 {hostname} 没有重复',
    shared: {
      detail: '主机名 {hostname} 也被 {hosts} 使用',
      fix: '请在主机清单里给每台主机设置各自的主机名',
    },
  },
  swarm: {
    otherSwarm: {
      detail: '已在另一个 swarm 中（集群 {cluster}）',
      fix: '在它上面运行 `docker swarm leave --force` 后再加入，或把它从主机清单中移除',
    },
  },
};
