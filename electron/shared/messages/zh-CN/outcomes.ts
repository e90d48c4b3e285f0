import type { Translation } from '../shape';
import type { outcomes as english } from '../en/outcomes';

export const outcomes: Translation<typeof english> = {
  run: {
    alreadyAsWanted: '已符合要求',
    cancelled: '已取消',
    cancelledBeforeStart: '开始前已取消',
    doneInResumedRun: '已在本次续跑的上一次运行中完成',
    notRun: '未执行：{reason}',
    stepFailedHere: '{step} 在此主机上失败',
    neededStepIncomplete: '它依赖的 {step} 未在 {hosts} 上完成',
    afterPreviewedChange: '未检查：它取决于上面的改动',
  },
  preflight: {
    checkCountOne: '1 项检查',
    checkCount: '{count} 项检查',
    allPassed: '全部通过',
    warningOne: '1 项警告',
    warningCount: '{count} 项警告',
    summary: '{checks}：{verdict}',
  },
  'ssh-keys': {
    alreadyAuthorised: '本应用的密钥已获授权',
    authorise: '为 {user} 授权本应用的密钥',
  },
  'manager-key': {
    alreadyHasPair: 'root 已有密钥对',
    createPair: '为 root 生成 ed25519 密钥对',
  },
  'manager-key-trust': {
    alreadyAuthorised: '管理节点的密钥已获授权',
    authorise: '为 root 授权管理节点的密钥',
  },
  'package-mirrors': {
    keepsOwnSources: '保留系统自带的软件源',
    unknownRelease: '无法判断这是哪个 {system} 版本：软件源保持不变',
    oddCodename: '版本代号 {codename} 不是普通单词：软件源保持不变',
    unsupported: '不支持在 {os} 上切换镜像：软件源保持不变',
    writeFile: '写入 {path}',
    moveAside: '将 {path} 移到一旁',
    pointRocky: '把 Rocky 软件源指向镜像',
  },
  hostname: {
    rename: '主机名 {from} → {to}',
    noName: '（无）',
  },
  'hosts-file': {
    rewriteBlock: '重写 /etc/hosts 中的 swarmlab 段落',
  },
  'time-sync': {
    serviceRunning: '{service} 正在运行',
    containerClock:
      '{container} 容器使用所在机器的时钟，由该机器负责同步（时钟偏差已在预检中检查）',
    installService: '安装并启动时间同步服务',
  },
  firewall: {
    noFirewall: '没有启用的防火墙：无需开放端口',
    portsOpen: 'Swarm 所需端口已开放',
    disable: '停用 {tool}',
    open: '在 {tool} 中开放 {ports}',
  },
  selinux: {
    nothingToRelax: 'SELinux 为 {mode}：无需放宽',
    setPermissive: '把 SELinux 设为 permissive（立即生效，重启后保持）',
  },
  'docker-install': {
    installedVersion: 'Docker {version} 已安装并在运行',
    installed: 'Docker 已安装并在运行',
    removeConflicts: '卸载冲突的软件包：{packages}',
    writeFiles: '写入 {paths}',
    replace: '把 Docker {installed} 替换为 {wanted}',
    install: '安装 {wanted}',
    start: '启用并启动 docker 服务',
  },
  'docker-daemon': {
    alreadyHolds: '{path} 已包含这些设置',
    writeKeys: '写入 {path}（{keys}）并重启 Docker',
    write: '写入 {path} 并重启 Docker',
    dropHostsFlag: '用 {dropIn} 去掉 docker.service 命令行中的 -H',
    rolling: '作为 Swarm 节点重启：先排空（drain），逐个节点进行，Leader 最后，Ready 后恢复可用',
  },
  'test-image': {
    load: 'docker load {image}',
  },
  'swarm-init': {
    alreadyManages: '已在管理 Swarm {cluster}',
    init: 'docker swarm init',
  },
  'swarm-join': {
    alreadyManager: '已是此 Swarm 的管理节点',
    alreadyWorker: '已是此 Swarm 的工作节点',
    joinAsManager: '以管理节点身份加入',
    joinAsWorker: '以工作节点身份加入',
    promote: '提升为管理节点',
    demote: '降级为工作节点',
  },
  'node-labels': {
    label: '添加标签 {label}',
  },
  'overlay-network': {
    exists: '{name} 已按要求存在',
    create: '创建 overlay 网络 {name}（{subnet}）',
  },
  practice: {
    done: '练习完成',
  },
  check: {
    healthy: '未发现问题',
  },
  'verify-swarm': {
    verified: '已验证',
  },
  'node-drain': {
    noneListed: '管理节点的列表中没有要移除的主机：无需排空',
    alreadyDrained: '要移除的节点都已排空，且都不是管理节点',
    drain: '排空 {node}',
    demote: '降级 {node}',
  },
  'swarm-leave': {
    unreachable: '无法连接：它的节点已被移除，但主机本身未被清理',
    notInSwarm: '不在任何 Swarm 中',
    leave: 'docker swarm leave',
  },
  'node-remove': {
    noneListed: '管理节点的列表中没有要移除的主机',
    remove: 'docker node rm {node}',
  },
  'hosts-file-drop': {
    drop: '从 /etc/hosts 的 swarmlab 段落中删除 {hosts}',
    nothing: 'swarmlab 段落中没有要移除的主机',
  },
  'swarm-dissolve': {
    leaveForce: 'docker swarm leave --force',
  },
  reset: {
    restoreDaemonJson: '把 daemon.json 恢复为 swarmlab 修改之前的样子',
    removeDaemonJson: '删除 swarmlab 创建的 daemon.json',
    removeDropIn: '删除 swarmlab 为 docker.service 添加的 -H drop-in',
    daemonUnknown: '没有保存 daemon.json 的原件：保持不变',
    restoreHostname: '恢复 swarmlab 修改之前的主机名',
    hostnameUnknown: '没有记录 swarmlab 修改之前的主机名：保持不变',
    removeHostsBlock: '从 /etc/hosts 中删除 swarmlab 段落',
    noHostsBlock: '/etc/hosts 中没有 swarmlab 段落',
    removeDocker: '卸载 {packages}',
    dockerKept: 'Docker 不是 swarmlab 安装的：保留',
    removeAppKey: '删除 {user} 的本应用密钥',
    removeManagerKey: '删除 root 的管理节点密钥',
    noKeys: '这里没有授权任何 swarmlab 的密钥',
    removeManagerPair: '删除 swarmlab 为 root 生成的密钥对',
    managerPairKept: 'swarmlab 没有在这里为 root 生成密钥对：无需删除',
  },
};
