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
  unknownHost: '{host} 不是此清单中的主机；清单中的主机有 {hosts}',
};
