import type { Translation } from '../shape';
import type { practice as english } from '../en/practice';

export const practice: Translation<typeof english> = {
  service: {
    notice:
      '在 `docker service ps` 中，每个任务都在不同的节点上：Swarm 把副本分散到了各个节点。发布的端口 {port} 通过路由网格在每个节点上都能访问。',
    noticeHost:
      '在 `docker service ps` 中，每个任务都在不同的节点上：Swarm 把副本分散到了各个节点。这个内核没有 IPVS，因此端口 {port} 以 host 模式发布：每个节点由自己的任务应答。',
    result: '{wanted} 个任务中有 {running} 个在运行，位于 {nodes}',
  },
  scale: {
    notice:
      '执行 `docker service scale` 后，新任务会在任务最少的节点上启动；缩容时会停止任务直到只剩一个。已经在运行的任务不会被重启。',
    result: '扩容到 {up}：{runningUp} 个在 {nodes} 个节点上运行；缩回 1：{runningDown} 个在运行',
  },
  constraint: {
    notice: '两个任务都在 {node} 上运行，尽管其他节点空闲：由约束决定，而不是由分散策略决定。',
    result: '{running} 个任务在运行，全部位于 {node}',
    elsewhere: '有任务运行在 {node} 之外：{others}',
  },
  global: {
    notice: 'global 服务没有副本数：每个节点运行一个任务。之后加入的节点会立即得到一个。',
    result: '{count} 个节点上各有一个任务',
    missing: '{nodes} 上没有任务',
  },
  ping: {
    notice:
      '这里的任务通过 {network} 上的 overlay 地址访问其他节点上的任务：数据包以 VXLAN（4789/udp）在主机之间传输。',
    result: '其他节点上的 {count} 个任务回应了 ping',
    silent: '{tasks} 没有回应 ping',
  },
  balance: {
    notice: '每个请求都发到本节点的发布端口；路由网格把它转给某个任务，所以应答来自不同的任务。',
    noticeNoIpvs:
      '这个内核没有 IPVS，所以没有路由网格：每个请求都重新解析服务名，DNS 轮询每次给出不同的任务。',
    result: '{requests} 个请求由 {tasks} 个不同的任务应答',
  },
};
