import type { Translation } from '../shape';
import type { steps as english } from '../en/steps';

export const steps: Translation<typeof english> = {
  preflight: {
    title: '预检',
    explanation:
      '只读取、不修改：系统版本、资源、时钟、Docker 与 Swarm 状态、网络。任何会导致安装失败的问题都会在做出改动之前列出，并给出修复方法。',
  },
  'preflight-cluster': {
    title: '主机间比对',
    explanation:
      '把各主机互相比对：克隆导致的相同 machine-id、重复的主机名、已属于其他 Swarm 的主机。',
  },
  'ssh-keys': {
    title: '配置免密登录',
    explanation:
      '用密码登录一次，把本应用自己的 SSH 密钥（ed25519）写入各节点的 authorized_keys（不会重复写入），并验证用密钥可以登录。之后 swarmlab 都用密钥登录。',
  },
  'manager-key': {
    title: '管理节点密钥',
    explanation:
      '为第一个管理节点的 root 生成自己的 SSH 密钥对，以便像教程那样从管理节点免密登录各节点。已有的密钥会保留。',
  },
  'manager-key-trust': {
    title: '管理节点免密登录',
    explanation:
      '把第一个管理节点的公钥加入其余各节点 root 的 authorized_keys（只加一次），并验证管理节点可以用它登录。',
  },
  'package-mirrors': {
    title: '切换软件源',
    explanation:
      '把系统的软件源切换到你选择的镜像（阿里云、清华 TUNA、中科大或自定义），被替换的文件都会保留备份。CentOS 7 已停止维护的仓库会指向 vault，使 yum 重新可用。',
  },
  hostname: {
    title: '设置主机名',
    explanation:
      '按清单为每个节点设置主机名（立即生效且重启后保持），这样 `docker node ls` 显示的就是你定的名字。',
  },
  'hosts-file': {
    title: '写入 /etc/hosts',
    explanation:
      '在每台主机的 /etc/hosts 中维护一个带标记的区块，列出所有节点，使节点之间可以用主机名互相访问。区块原地更新、不会重复，文件其余部分保持不变。',
  },
  'time-sync': {
    title: '时间同步',
    explanation:
      '确保 chrony 或 systemd-timesyncd 在运行并同步时间。Swarm 节点之间依靠证书互信，时钟偏差过大时证书校验会失败。容器与宿主机共用时钟，因此对容器只检查时钟偏差。',
  },
  firewall: {
    title: '防火墙',
    explanation:
      '在启用了 firewalld 或 ufw 的主机上放行 Swarm 节点间需要的端口：2377/tcp（管理）、7946/tcp+udp（节点通信）、4789/udp（overlay 流量），加密 overlay 还需放行 ESP。关闭防火墙只是一个可选项，不是默认做法。',
  },
  selinux: {
    title: 'SELinux',
    explanation:
      '你选择了像许多教程那样把 SELinux 设为 permissive（宽容模式），重启后依然有效，原配置会保留备份。更安全的默认做法是保持 enforcing 并使用 container-selinux。',
  },
  'docker-install': {
    title: '安装 Docker',
    explanation:
      '按你选择的来源安装 Docker Engine：Docker 官方仓库、镜像站上的同一仓库（阿里云、清华 TUNA、中科大、Azure 中国）、发行版自带的软件包，或从本机上传的离线安装包。指定版本时只安装该版本。冲突的软件包（podman-docker、与 docker-ce 并存的 docker.io、旧的 docker-engine）只有在你允许时才会被卸载。已运行正确版本 Docker 的主机不会被改动。',
  },
  'docker-daemon': {
    title: 'Docker 守护进程配置',
    explanation:
      '把你选择的 daemon.json 配置（镜像加速、日志轮转、地址池等）写入 /etc/docker/daemon.json，并保留主机上已有的其他配置项。会导致 Docker 无法启动的配置会在写入前被拒绝：未知的配置项、live-restore（与 Swarm 不兼容），以及 docker.service 已经通过命令行参数设置的项。新文件会先校验，旧文件会备份；如果重启后 Docker 没有恢复运行，会自动还原旧文件。',
  },
  'swarm-init': {
    title: '初始化 Swarm',
    explanation:
      '在第一个管理节点上执行 `docker swarm init`，并通告其他节点能访问到的地址。已经是 Swarm 管理节点的主机保持不变。',
  },
  'swarm-join': {
    title: '加入 Swarm',
    explanation:
      '从第一个管理节点获取加入令牌（令牌是机密，不会显示或记录），让其余节点按各自角色加入。已在本 Swarm 中的节点保持不变；属于其他 Swarm 的节点会停下并给出明确的选择。',
  },
  'node-labels': {
    title: '节点标签',
    explanation:
      '把清单中的标签加到各节点上，以便服务使用 `node.labels.zone==a` 这样的约束来调度。手动设置的标签会保留。',
  },
  'overlay-network': {
    title: 'Overlay 网络',
    explanation:
      '创建 overlay 网络（基于 VXLAN），让不同节点上的服务互相通信，子网按你的设置。若同名网络已存在，必须与设置一致，否则会指出不同之处。',
  },
  'test-image': {
    title: '导入测试镜像',
    explanation:
      '把测试服务的镜像包复制到每个节点并执行 `docker load`，验证过程无需访问任何镜像仓库。',
  },
  'practice-service': {
    title: '创建服务',
    explanation:
      '在 overlay 网络上创建一个每个节点一个副本、带发布端口的服务，并列出它的任务运行在哪里。',
  },
  'practice-scale': {
    title: '扩容与缩容',
    explanation:
      '先启动一个任务的服务，扩容到每个节点两个任务，再缩回一个，每次都显示任务运行在哪里。',
  },
  'practice-constraint': {
    title: '把任务固定到节点',
    explanation: '创建一个只能在指定节点上运行的服务（--constraint node.hostname==…）。',
  },
  'practice-global': {
    title: '全局服务',
    explanation: '以 global 模式创建服务：每个节点一个任务，之后加入的节点也会有一个。',
  },
  'practice-ping': {
    title: '跨节点 ping',
    explanation:
      '每个节点启动一个任务，从本管理节点上的任务通过 overlay 网络 ping 其他节点上的任务。',
  },
  'practice-balance': {
    title: '观察负载均衡',
    explanation:
      '反复请求一个服务，并显示每次由哪个任务应答：内核有 IPVS 时经过路由网格，否则通过 DNS 轮询。',
  },
  'check-cluster': {
    title: '检查节点',
    explanation:
      '读取每个节点：Docker 是否运行、它在 Swarm 中的角色、管理节点及其法定人数、Docker 版本、它通告的地址与当前网卡地址是否一致，以及证书何时过期。',
  },
  'check-overlay': {
    title: '测试 overlay 网络',
    explanation:
      '在每一对节点之间测试 Swarm 所需的通信：从主机到管理节点的 2377/tcp 和 7946/tcp，然后在临时探测任务之间通过 overlay 网络 ping，分别用小包和网络的完整 MTU。',
  },
  'verify-swarm': {
    title: '验证集群',
    explanation:
      '部署一个小测试服务（每个节点一个任务），把一个任务固定到指定节点，验证任务之间能通过 overlay 网络按服务名互相访问，且请求会分摊到不同任务。若内核缺少 IPVS（路由网格不可用），会如实说明，并改用 DNS 轮询和 host 模式端口来验证负载均衡。测试服务验证后会被删除。',
  },
  'node-drain': {
    title: '排空要移除的节点',
    explanation:
      '在保留的管理节点上：把每个要移除的节点设为 drain，让它的任务在其他节点上启动；逐个降级要移除的管理节点（会导致集群失去法定人数时拒绝执行），并等待每个服务的任务全部重新运行。',
  },
  'swarm-leave': {
    title: '退出 Swarm',
    explanation:
      '每个要移除的主机执行 `docker swarm leave`。无法连接的主机（机器已不存在）不算错误：它的节点照样会被移除，报告会注明该主机本身未被清理。',
  },
  'node-remove': {
    title: '从 Swarm 中删除节点',
    explanation:
      '在保留的管理节点上：等每个已退出的节点显示为 down 后，用 `docker node rm` 把它从节点列表中删除（只有你要求时才加 --force）。',
  },
  'hosts-file-drop': {
    title: '从 /etc/hosts 中删除',
    explanation:
      '在每台保留的主机上，把要移除的主机从 /etc/hosts 的 swarmlab 段落中删除；文件其余部分保持不变。',
  },
  'swarm-dissolve-workers': {
    title: '工作节点退出 Swarm',
    explanation: '所有主机都要重置，因此解散集群：工作节点先用 `docker swarm leave` 退出。',
  },
  'swarm-dissolve-managers': {
    title: '管理节点退出：解散集群',
    explanation:
      '随后管理节点用 `docker swarm leave --force` 退出（管理节点必须加 --force）；所有主机都重置时无需保留法定人数。',
  },
  'reset-daemon-config': {
    title: '恢复 daemon.json',
    explanation:
      '把 /etc/docker/daemon.json 恢复为 swarmlab 第一次修改之前的样子（若由 swarmlab 创建则删除），删除 swarmlab 的 -H drop-in，并重启 Docker。swarmlab 没有保存原件的文件保持不变，并会说明。',
  },
  'reset-hostname': {
    title: '恢复主机名',
    explanation: '把 /etc/hostname 恢复为 swarmlab 改名之前的样子，并同时恢复当前主机名。',
  },
  'reset-hosts-block': {
    title: '删除 /etc/hosts 段落',
    explanation: '从 /etc/hosts 中删除 swarmlab 段落；文件其余部分保持不变。',
  },
  'reset-docker': {
    title: '卸载 Docker',
    explanation:
      '仅在指定 --uninstall-docker 时：卸载 swarmlab 在原本没有 Docker 的主机上安装的软件包。原本就有的 Docker 会保留；/var/lib/docker 中的镜像和卷也会保留。',
  },
  'reset-keys': {
    title: '删除 swarmlab 的密钥',
    explanation:
      '从登录用户的 authorized_keys 中删除本应用的密钥，从 root 的 authorized_keys 中删除第一个管理节点的密钥。放在最后，因为之后 swarmlab 要重新用密码登录。',
  },
  'reset-manager-pair': {
    title: '删除管理节点的密钥对',
    explanation:
      '在第一个管理节点上，等所有主机都删除了它的公钥后：若 root 的密钥对由 swarmlab 生成则删除；原本就有的保留。',
  },
};
