import type { operations as en } from '../en/operations';
import type { Translation } from '../shape';

export const operations: Translation<typeof en> = {
  remove: {
    leave:
      '{host}（{address}，工作节点）：先排空（drain），让任务转移到其他节点，再在其上执行 docker swarm leave',
    leaveManager:
      '{host}（{address}，管理节点）：先排空（drain），让任务转移到其他节点，降级为工作节点，再在其上执行 docker swarm leave',
    nodeRm: '{host}（{address}，管理节点）：在它们离开后执行 docker node rm {nodes}',
    hostsDrop: '{hosts}：从 /etc/hosts 中删除 {nodes}',
    noManagerLeft:
      '移除 {hosts} 会让所有管理节点都离开 Swarm，没有管理节点能再移除这些节点。请先移除工作节点，或让另一台主机担任管理节点并重新应用。',
  },
  reset: {
    dissolve: '解散 Swarm：先让工作节点离开，再让管理节点离开',
    cleanup:
      '在 {hosts} 上：把 daemon.json 和主机名恢复为 swarmlab 修改之前的样子，删除 /etc/hosts 中的区块，最后删除 swarmlab 的密钥',
    cleanupDocker:
      '在 {hosts} 上：把 daemon.json 和主机名恢复为 swarmlab 修改之前的样子，删除 /etc/hosts 中的区块，卸载 swarmlab 安装的 Docker 软件包，最后删除 swarmlab 的密钥',
    notUndone:
      '不会撤销：swarmlab 打开的防火墙端口、SELinux 模式、软件包镜像源、时间服务、测试镜像以及 /var/lib/docker 中的任何内容。',
    noManagerLeft:
      '重置 {hosts} 会让所有管理节点离开，而其他主机仍留在 Swarm 中。请重置全部主机，或先重置工作节点。',
  },
  check: {
    reads:
      '在 {hosts} 上：读取 Docker 是否运行、Swarm 状态、网卡和证书；测试它们之间的 7946/tcp 和 2377/tcp',
    probe:
      '在 {host}（{address}）上：启动一个每个节点一个任务的探测服务，在任务之间通过 overlay 网络 ping，然后删除它。不做其他更改。',
  },
  practice: {
    runs: '在 {host}（{address}）上：运行 {count} 个练习，每个练习创建自己的服务（swarmlab-practice-…）',
    cleanUp: '每个练习结束后删除自己的服务。',
    keep: '练习的服务会保留运行，供你探索。',
  },
  noManager: '清单中没有可以执行此操作的管理节点：请给一台主机设置管理节点角色',
  unknownHost: '{host} 不是此清单中的主机；清单中的主机有 {hosts}',
};
