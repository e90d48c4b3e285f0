import type { Translation } from '../shape';
import type { health as english } from '../en/health';

export const health: Translation<typeof english> = {
  healthy: '未发现问题',
  problemsMore: '{first}（另有 {more} 个问题）',
  hostUnreachable: '无法读取 {node}（{address}）：{error}',
  hostUnreachableFix: '请确认主机已开机，并且 SSH 按清单中的方式可以登录。',
  dockerStopped: 'Docker 没有在 {node} 上运行（服务状态为 {state}）',
  dockerStoppedDown: '{node} 处于 Down 状态：Docker 没有在其上运行（服务状态为 {state}）',
  dockerStoppedFix:
    '在 {node} 上启动它：`sudo systemctl start docker`。如果它再次停止，在该主机上运行 `journalctl -u docker` 查看原因。',
  notInSwarm: '{node} 不在 Swarm 集群中（其 Docker 报告 {state}）',
  notListed: '{node} 认为自己在一个 Swarm 中，但管理节点的列表里没有它',
  notInSwarmFix: '用这份清单运行 `swarmlab apply`：它会让该节点重新加入。',
  nodeDown:
    '虽然 {node} 上的 Docker 在运行，但在管理节点的列表中它是 {state}：它最近没有连上管理节点（2377/tcp）',
  nodeDownFix: '查看端口测试中关于 {node} 的结果，以及该节点上的 `journalctl -u docker`。',
  nodeUnavailable: '{node} 被设为 {availability}：Swarm 不会再在其上启动新任务',
  nodeUnavailableFix:
    '维护结束后，在管理节点上运行：`docker node update --availability active {node}`。',
  nodeUnknown: 'Swarm 中有不在清单里的节点：{nodes}',
  nodeUnknownFix:
    '把它们加入清单，或在管理节点上用 `docker node rm <名称>` 移除（先在该节点上运行 `docker swarm leave`）。',
  noManagerAnswers: '没有任何管理节点能列出节点：{error}',
  noManagerAmong: '{nodes} 中没有运行着 Docker 的管理节点',
  quorumLost:
    'Swarm 已失去法定人数：{total} 个管理节点中只有 {reachable} 个可达，至少需要 {needed} 个；不可达：{nodes}',
  quorumLostFix:
    '让不可达的管理节点恢复（开机、启动 Docker）。如果它们已永久丢失，在存活的管理节点上运行：`docker swarm init --force-new-cluster`。',
  quorumFragileDown:
    '{total} 个管理节点中只有 {reachable} 个可达（{nodes} 不可达）：再失去一个，Swarm 就无法接受任何更改',
  quorumFragileEven:
    '有 {total} 个管理节点时，Swarm 需要全部管理节点才能做任何更改：失去任何一个它就会停摆',
  quorumFragileFix:
    '使用奇数个管理节点：3 个可容忍失去 1 个，5 个可容忍失去 2 个。在更多主机上设置 `role: manager` 后重新 apply。',
  versionsDiffer: '各节点运行的 Docker 版本不同：{versions}',
  versionsDifferFix: 'Swarm 可以暂时跨版本运行，但功能以最旧的版本为准：请逐个节点升级到同一版本。',
  addressDrift:
    '{node} 向 Swarm 通告的地址是 {advertised}，但它现在没有任何网卡拥有该地址（现有 {now}）：它的地址变了',
  addressDriftFix:
    '为 {node} 设置固定地址（静态地址或 DHCP 保留），然后让它用新地址重新加入：先对该主机运行 `swarmlab reset`，再运行 `swarmlab apply`。',
  certificateExpired: '{node} 的 Swarm 证书已于 {at} 过期：该节点已无法与管理节点通信',
  certificateExpiredFix:
    '该节点必须重新加入：先对该主机运行 `swarmlab reset`，再运行 `swarmlab apply`。',
  certificateExpiringDays:
    '{node} 的 Swarm 证书将在 {days} 天后（{at}）过期；证书过期时处于关机状态的节点将无法回到集群',
  certificateExpiringHours:
    '{node} 的 Swarm 证书将在 {hours} 小时内（{at}）过期；证书过期时处于关机状态的节点将无法回到集群',
  certificateExpiringFix:
    '运行中的节点会自动续期证书。要立即为所有节点续期，在管理节点上运行：`docker swarm ca --rotate`。对于会长时间关机的实验环境，可延长有效期：`docker swarm update --cert-expiry 8760h`。',
  portDropped: '从 {from} 到 {node}（{address}）的 {port} 没有应答：它在途中被丢弃',
  portDroppedAll: '其他所有节点到 {node}（{address}）的 {port} 都没有应答：它在途中被丢弃',
  portDroppedFix:
    '在 {node} 上放行 {port}：包括其防火墙（`firewall-cmd --add-port`、`ufw allow`、iptables 规则）以及主机之间的安全组或防火墙。',
  portRefused: '从 {from} 到 {node}（{address}）的 {port} 被拒绝',
  portRefusedAll: '其他所有节点到 {node}（{address}）的 {port} 都被拒绝',
  portRefusedFix:
    '{address} 上没有程序监听 {port}，或者防火墙拒绝了它：请检查 {node} 通告的地址及其防火墙规则。',
  overlayBlocked:
    '{node} 上的容器无法通过 {network} 访问 {others} 上的任何容器，而主机之间彼此可达：进出 {node} 的 VXLAN 数据包（{port}/udp）丢失了',
  overlayBlockedFix:
    '在 {node} 以及与它通信的主机上放行 {port}/udp：包括主机防火墙和所有安全组。某些虚拟交换机也会丢弃 VXLAN。',
  overlayGossip:
    '{node} 上的容器无法通过 {network} 访问 {others} 上的任何容器，而且这些节点甚至不知道彼此容器的位置：它们之间 Swarm 的 gossip 通信（7946/tcp 和 7946/udp）无法通过',
  overlayGossipFix:
    '在 {node} 以及与它通信的主机上放行 7946/tcp 和 7946/udp。通信恢复后，gossip 会在一两分钟内自行恢复；在 {node} 上运行 `sudo systemctl restart docker` 可让它立即重新加入。',
  overlayMtu:
    '在 {node} 与 {others} 之间，{size} 字节的 overlay 数据包丢失而小包可以通过：{network} 的 MTU 对这条路径来说太大了',
  overlayMtuFixInterface:
    '路径上有网卡的 MTU 为 {underlay}，因此 overlay 最多只能用 {mtu}。在清单中设置 `swarm.network.mtu: {mtu}`，然后重新创建 {network}（先删除它的服务和网络，再 apply）。',
  overlayMtuFixPath:
    '主机网卡允许更大的包，说明主机之间的路径承载得更少（VPN、隧道）。请尝试更小的 overlay MTU：在清单中设置 `swarm.network.mtu: {mtu}`，然后重新创建 {network}（先删除它的服务和网络，再 apply）。',
  probeNotCreated: '无法在 {network} 上创建探测服务：{error}',
  probeNotCreatedFix:
    '请确认 overlay 网络存在（在管理节点上运行 `docker network ls`）：`swarmlab apply` 会创建它。',
  probeNoTask: '探测任务（{service}）没有在 {node} 上启动',
  probeNoContainer: '{node} 上的探测任务在 overlay 网络上没有容器',
  probeNoTaskFix:
    '在管理节点上运行 `docker node ps {node}` 可查看任务无法在该节点启动的原因（缺少镜像、资源不足）。',
  probeNoPing: '{node} 上的探测任务无法测试 overlay：镜像 {image} 中没有 ping',
  probeNoPingFix:
    '为 `verify.image` 使用带 ping 的测试镜像（busybox 或 alpine，或实验环境的镜像归档）。',
  clusterNotRead: '节点检查没有运行，因此不知道要测试哪些节点',
};
