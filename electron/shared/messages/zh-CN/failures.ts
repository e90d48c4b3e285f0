import type { Translation } from '../shape';
import type { failures as english } from '../en/failures';

export const failures: Translation<typeof english> = {
  run: {
    withFix: '{message}——{fix}',
    commandFailed: '`{command}` 退出码为 {code}：{output}',
    commandFailedNoCode: '`{command}` 异常结束，没有退出码：{output}',
    cannotRead: '无法读取 {host} 上的 {path}',
    noFacts: '没有 {host} 的主机信息：预检没有在它上面运行',
    factsCutShort: '主机没有完成信息探测（输出被截断）',
    check: '{check}：{detail}',
    checkWithFix: '{check}：{detail}——{fix}',
  },
  swarm: {
    noManager: '清单中没有管理节点',
    giveManagerRole: '请给一台主机设置 manager 角色',
    manager: '管理节点',
    worker: '工作节点',
    state: 'Swarm 状态为 {state}',
    stateWithError: 'Swarm 状态为 {state}：{error}',
    unknownState: '未知',
    leaveForce: '请在该节点上运行 `docker swarm leave --force`，然后重新运行',
    stateAfterLeave: '退出后，该节点的 Swarm 状态仍为 {state}',
    nodeWithoutId: '管理节点列出了一个没有 ID 的节点：{line}',
    noJoinToken: '管理节点没有给出加入令牌（join token）',
    noManagerLeft: '把 {nodes} 移出管理节点后，Swarm 将没有任何管理节点',
    noManagerLeftFix: '请先让另一个节点成为管理节点（为它设置 manager 角色并执行 apply）',
    quorumLostOne:
      '把 {nodes} 移出管理节点后，剩下的 {staying} 个管理节点中只有 {reachable} 个可达：Swarm 将失去法定多数（quorum，需要 {needed} 个）',
    quorumLost:
      '把 {nodes} 移出管理节点后，剩下的 {staying} 个管理节点中只有 {reachable} 个可达：Swarm 将失去法定多数（quorum，需要 {needed} 个）',
    quorumLostFixOne:
      '请先让 {nodes} 恢复，或者趁其他管理节点仍能互相连通，在某个管理节点上把它降级（docker node demote）',
    quorumLostFix:
      '请先让 {nodes} 恢复，或者趁其他管理节点仍能互相连通，在某个管理节点上把它们降级（docker node demote）',
    orForce: '{fix}；或加上 --force 强制移除',
    forced: '--force：{reason}',
  },
  rolling: {
    staysDrained:
      '{node} 保持排空（drain）状态：等它 Ready 后，请在某个管理节点上运行 `docker node update --availability {availability} {node}`',
    notReady: '重启 {seconds} 秒后 {node} 仍未 Ready（管理节点显示：{state}）',
    saysNothing: '无',
    notListed: '管理节点 {address} 的列表中没有这个节点（{node}）',
    notListedFix: '等 Swarm 稳定下来后再次运行 apply',
    availability: '无法把节点的 availability 设为 {availability}：{output}',
    availabilityFix:
      '请在某个管理节点上运行 `docker node update --availability {availability} {node}`',
    wentOn: '已等待 {seconds} 秒，仍未等到{what}，继续执行',
    tasksToStop: '{node} 上的任务全部停止',
    tasksElsewhere: '各服务的任务在其他节点上运行起来',
    allReady: '所有节点 Ready 且各服务任务齐全',
  },
  'time-sync': {
    notSynchronised: '{service} 正在运行，但尚未完成时间同步',
    noService: '没有正在运行的时间同步服务',
    noServiceFix: '请安装 chrony 或 systemd-timesyncd',
  },
  'package-mirrors': {
    notAsWritten: '软件源与写入的内容不一致：{changes}',
  },
  firewall: {
    stillNeeds: '防火墙仍需：{changes}',
  },
  selinux: {
    stillEnforcing: 'SELinux 仍为 enforcing',
  },
  hostname: {
    stillIs: '主机名仍为 {running}（/etc/hostname：{persistent}）',
  },
  'hosts-file': {
    notHeld: '/etc/hosts 中没有节点列表',
    unresolved: '无法解析 {names}',
    leavingStillListed: '/etc/hosts 中仍列有要移除的主机',
  },
  'ssh-keys': {
    noHome: '无法确定 {user} 的主目录',
    noAppKey: '本应用没有可安装的密钥对',
    cannotTestLogin: '无法在这里测试密钥登录',
  },
  'manager-key': {
    noPublicKey: '运行 ssh-keygen 后，管理节点仍没有公钥',
  },
  'manager-key-trust': {
    noPair: '第一个管理节点没有密钥对',
    loginFailed: '管理节点无法用它的密钥登录 {address}：{output}',
    loginFailedFix:
      '请检查该节点的 sshd 是否允许 root 用密钥登录（PermitRootLogin prohibit-password 或 yes）',
  },
  'docker-install': {
    noCodename: '无法判断 {label} 是哪个 {os} 版本（没有 VERSION_CODENAME）',
    unknownEl: '无法判断 {label} 对应哪个 Enterprise Linux 版本',
    unknownElFix:
      'Docker 的 CentOS 软件仓库支持 EL 7 到 10；请使用 install: offline，并提供为该系统构建的软件包',
    unsupported: '不支持在 {label} 上安装 Docker',
    unsupportedFix: '请自行安装 Docker，并设置 docker.install: skip',
    centos7: 'Docker {pin} 没有为 CentOS 7 构建：它的 docker-ce 软件仓库止于 {last}',
    centos7Fix: '请把 docker.version 固定为 "{last}" 或更早的版本，或把主机迁移到 EL 8 或 9',
    noDistroPackage: '{label} 自身不提供 Docker 软件包',
    noDistroPackageFix:
      '请设置 docker.install: mirror（并设置 docker.mirror: aliyun、tuna、ustc 或 azure）或 docker.install: official',
    staticVersion: 'docker.version 为 {version}，但离线包是 Docker {bundle}',
    staticVersionFix: '请删除 docker.version，或改用 docker-{version}.tgz',
    bundleMissing: '离线包 {path} 在本机上不存在',
    bundleMissingFix:
      '请把 docker.offlineBundle 设为一个 docker-X.Y.Z.tgz 文件，或一个存放 .deb/.rpm 文件的文件夹',
    bundleOddNames: '离线包 {path} 中有名称异常的软件包文件：{names}',
    bundleOddNamesFix: '请保留软件包下载时的文件名（字母、数字以及 . _ + ~ : % -）',
    bundleMixed: '离线包 {path} 中混有 .deb 和 .rpm 文件',
    bundleMixedFix: '每种软件包格式请单独使用一个文件夹',
    bundleEmpty: '离线包 {path} 中既没有 .deb 或 .rpm 文件，也没有唯一的 docker-X.Y.Z.tgz',
    bundleEmptyFix:
      '请把 download.docker.com/linux/static/stable/ 上的静态压缩包，或适用于这些主机系统的软件包，下载到该文件夹',
    tarballName: '{file} 的名称不符合 Docker 静态压缩包的格式（docker-X.Y.Z.tgz）',
    tarballNameFix: '请保留它在 download.docker.com/linux/static/stable/<arch>/ 上的文件名',
    noBundle: '安装方式为 offline，但没有读取到离线包',
    noBundleFix: '请设置 docker.offlineBundle',
    bundleFormat: '离线包中是 .{bundle} 文件，但 {label} 安装的是 .{format} 软件包',
    bundleFormatFix:
      '请让 docker.offlineBundle 指向一个存放 .{format} 文件的文件夹（或静态的 docker-X.Y.Z.tgz）',
    noEngine: '离线包中没有 docker-ce、docker.io 或 moby-engine 软件包',
    noEngineFix: '请把引擎软件包及其依赖放进该文件夹',
    skipNotInstalled: 'Docker 没有安装，而 docker.install 为 skip',
    skipNotInstalledFix:
      '请先在这台主机上安装 Docker，或选择 docker.install: official、mirror、distro 或 offline',
    skipVersion: '主机运行的是 Docker {installed}，但 docker.version 固定为 {pinned}',
    unknownVersion: '（版本未知）',
    skipVersionFix: '请删除 docker.version，或选择一个安装来源，让 swarmlab 安装固定的版本',
    staticShadows: 'Docker 的静态二进制文件装在 {dir} 中，会遮蔽 {package}',
    staticShadowsFix:
      '请停止 docker，删除 {dir}/dockerd、docker、containerd*、ctr、runc、docker-init、docker-proxy 以及它们在 /etc/systemd/system 中的单元文件，或保持 docker.install: offline',
    conflicts: '已安装与 {summary} 冲突的软件包：{packages}',
    conflictsFix:
      '请自行卸载它们，或设置 docker.removeConflicting: true 让 swarmlab 卸载（/var/lib/docker 中的镜像和卷会保留）',
    notAnswering: 'Docker 已安装，但它的守护进程不响应 `docker version`',
    seeJournal: '请在该主机上查看 `journalctl -u docker`',
    notAsPlanned: 'Docker 与计划不符：{actions}',
  },
  'docker-daemon': {
    noDockerd: '这台主机上没有安装 dockerd',
    noDockerdFix: '请先运行 docker-install 步骤',
    validateRefused: 'dockerd --validate 拒绝了合并后的 daemon.json：{output}',
    validateRefusedFix: '请修正清单中的 docker.daemon（主机上没有做任何改动）',
    notMerged: '{path} 中不是合并后的设置',
    noDockerInfo: 'Docker 不响应 `docker info`',
    invalidJson: '{path} 不是有效的 JSON（{error}）；dockerd 用它同样无法启动',
    notObject: '{path} 是 JSON，但不是对象（{object}）',
    fixFile: '请在主机上修正或删除 {path}，然后重新运行',
    wouldStop: '这样的 daemon.json 会让 Docker 无法运行：{errors}',
    liveRestoreFix:
      '请从主机上的 {path} 中删除 live-restore，或在清单中设置 docker.daemon.live-restore: false',
    correctDaemon: '请修正清单中的 docker.daemon',
    liveRestore: 'live-restore 为 true：Docker 在 swarm 模式下不接受 live-restore',
    liveRestoreOnHost:
      '主机的 daemon.json 中 live-restore 为 true：Docker 在 swarm 模式下不接受 live-restore',
    unknownKey: '{key}：swarmlab 不认识这个 daemon.json 键',
    hostKeyKept: '{key}：按主机上的原样保留（swarmlab 不认识这个键）',
    flagConflict:
      'docker.service 已经设置了 {settings}，而 daemon.json 也设置了它：dockerd 会拒绝启动（"the following directives are specified both as a flag and in the configuration file"）',
    flagSetting: '"{key}"（{flag}）',
    flagSettingFrom: '"{key}"（{flag}，来自 {variable}）',
    flagFixVariable:
      '请从 {variable}（/etc/default/docker 或 /etc/sysconfig/docker）中删除 {flag}，或不在 docker.daemon 中设置 {key}',
    flagFix:
      '要么不在 docker.daemon 中设置 {keys}，要么添加一个 systemd drop-in（systemctl edit docker），先写 "ExecStart="，再写去掉 {flags} 的 ExecStart 行',
    restartFailed: '换上新的 daemon.json 后，`systemctl restart docker` 失败',
    noAnswerAfterRestart: '重启后 {seconds} 秒内，Docker 没有响应 `docker info`',
    restoring: '{reason}：正在恢复之前的 daemon.json',
    rolledBack: '已回滚 daemon.json：{reason}。Docker 已用之前的配置重新运行',
    rolledBackFix: '请查看报告中的日志行，修正清单中的 docker.daemon 后重新运行',
    rolledBackDown: '已回滚 daemon.json：{reason}。但用之前的配置 Docker 也没能恢复运行',
    rolledBackDownFix:
      '这台主机上的 Docker 已停止：请在那里运行 `journalctl -u docker` 查看原因，并手动启动它',
  },
  'test-image': {
    badArchive: 'verify.imageArchive {path}：{problem}',
    badArchiveFix:
      '请用 `docker save IMAGE -o image.tar` 生成归档（不压缩），并让 verify.imageArchive 指向它',
    notLoaded: '运行 docker load 后，节点上仍没有 {image}',
    notLoadedFix: '请检查归档中是否包含这个镜像名',
  },
  'swarm-init': {
    workerElsewhere: '该节点是另一个 Swarm 的工作节点',
    workerElsewhereFix:
      '请在该节点上运行 `docker swarm leave` 后重新运行，或让另一台主机担任第一个管理节点',
    notManager: 'init 之后该节点的状态为 {state}，不是活动的管理节点',
  },
  'swarm-join': {
    noSwarm: '第一个管理节点没有在管理任何 Swarm',
    otherSwarm: '已是另一个 Swarm 的成员（集群 {cluster}）',
    otherSwarmFix:
      '若要把它移入这个 Swarm，请在它上面运行 `docker swarm leave --force` 后重新运行；否则请把它从清单中移除',
    notJoined: '加入之后该节点的状态为 {state}，不在 Swarm {cluster} 中',
    wrongRole: '管理节点把该节点列为{role}，而清单中是{wanted}',
    roleNotSettled: '运行 docker node {command} {seconds} 秒后，管理节点仍把该节点列为{role}',
  },
  'node-labels': {
    notInSwarm: '该节点不在 Swarm 中，无法为它添加标签',
    notListed: '第一个管理节点的列表中没有节点 {node}',
    notApplied: '标签没有生效：{labels}',
  },
  'overlay-network': {
    differs: '网络 {name} 已存在，但 {differences}',
    differsFix:
      '请用 `docker network rm {name}` 删除它（先删除其上的服务），或修改清单使之与它一致',
    notCreated: '网络 {name} 没有创建出来',
    stillDiffers: '网络不一致：{differences}',
    driver: 'driver 为 {driver}，而不是 overlay',
    subnet: 'subnet 为 {subnet}，而不是 {wanted}',
    noSubnet: '无',
    attachable: 'attachable 为 {value}',
    encrypted: 'encrypted 为 {value}',
    mtu: 'mtu 为 {value}',
    defaultMtu: '默认值',
  },
  practice: {
    commandFailed: '`{command}` 以 {code} 退出：{output}',
  },
  'verify-swarm': {
    failed: '验证失败：{checks}',
    overlayPorts:
      'Swarm 的 overlay 网络需要节点之间开放 {ports}——请检查各节点的防火墙以及云上的安全组',
    noIpvs:
      '内核没有 IPVS，因此 Swarm 的路由网格和虚拟 IP 负载均衡在这里无法工作；负载均衡改用 DNS 轮询和 host 模式端口来证明',
    tasksShort: '{service}：{seconds} 秒后 {expected} 个任务中只有 {running} 个在运行（{tasks}）',
    noTasks: '没有任务',
    tasksShortFix:
      '请检查每个节点上是否都有测试镜像（verify.imageArchive），以及节点之间能否互相连通',
    noTaskOnManager: '管理节点上没有可用来发起测试的 {service} 任务',
    nodesDownFix:
      '未处于 Ready 的节点要么 Docker 没有运行，要么连不上管理节点：请在 {nodes} 上运行 `systemctl status docker`，并检查到管理节点的 2377/tcp 和 7946/tcp+udp 是否开放',
    nodesMissingFix: '{nodes} 没有加入集群：请重新运行部署，或在该节点上打开终端运行 `docker info`',
  },
  'node-drain': {
    undrained: '仍处于 active 状态或仍是管理节点：{nodes}',
    unsettled: '{seconds} 秒后仍有服务的任务数不足：{services}',
  },
  'swarm-leave': {
    unreachable:
      '{host} 没有响应（{reason}）：它的节点已从 Swarm 中移除，但主机本身没有被清理。如果它日后恢复，请重置它（docker swarm leave --force）。',
  },
  'node-remove': {
    stillUp: '{seconds} 秒后 {node} 仍为 {state}',
    stillListedUp: '{seconds} 秒后 {node} 仍被列为在线',
    stillUpFix: '让它退出（在它上面运行 docker swarm leave），或加上 --force 强制移除它的节点',
    stillListed: '管理节点仍列有 {nodes}',
  },
  reset: {
    dockerNotOurs: 'Docker 不是 swarmlab 在这台主机上安装的（没有安装记录）：予以保留',
    dockerdLeft: 'dockerd 仍安装在 {path}',
    hostsBlockLeft: '/etc/hosts 中仍有 swarmlab 段落',
    daemonUnknown: '{path}：swarmlab 没有保存原件（由旧版本设置，或从未改动过）：保持不变',
    daemonNotBack: '{path} 没有恢复原样',
    hostnameUnknown: '没有记录 swarmlab 修改之前的主机名（由旧版本设置）：保留 {current}',
    hostnameNotRestored: '主机名没有恢复',
    appKeyLeft: '本应用的密钥仍被授权',
    managerKeyLeft: '管理节点的密钥仍被授权给 root',
    pairLeft: 'root 的密钥对仍然存在',
  },
};
