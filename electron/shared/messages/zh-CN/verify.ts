import type { Translation } from '../shape';
import type { verify as english } from '../en/verify';

export const verify: Translation<typeof english> = {
  nodes: {
    title: '所有节点均已加入且为 Ready',
    missing: '不在集群中：{nodes}',
    notReady: '未处于 Ready：{nodes}',
    notReadyNode: '{node}（{status}）',
    ready: '{count} 个节点均为 Ready：{nodes}',
  },
  placement: {
    title: '每个节点都有任务运行',
    running: '{count} 个任务正在运行：{nodes}',
    tasksOnNode: '{node} {tasks} 个',
    empty: '{nodes} 上没有运行任何任务',
  },
  pinned: {
    title: '放置约束生效',
    detail: '约束 node.hostname=={constraint}：任务{where}',
    onNode: '运行在 {node} 上',
    noNode: '没有在任何节点上运行',
  },
  reachability: {
    title: '跨节点经 overlay 网络互通',
    reached:
      '{manager} 上的一个任务通过 {network} 访问到了全部 {count} 个任务，涉及另外 {otherNodes} 个节点',
    reachedLate:
      '{manager} 上的一个任务通过 {network} 访问到了全部 {count} 个任务，涉及另外 {otherNodes} 个节点；最后一个任务在 {seconds} 秒后才应答（overlay 网络这时才识别到它）',
    unreachable: '{seconds} 秒内无法通过 {network} 访问 {tasks}',
    unreachableTask: '{ip}（位于 {node}）',
  },
  'load-balancing': {
    title: '请求在任务之间负载均衡',
    answered: '发往 {service}:80 的 {requests} 个请求（{method}）由 {responders} 个不同的任务应答',
    answeredSomeFailed:
      '发往 {service}:80 的 {requests} 个请求（{method}）由 {responders} 个不同的任务应答，{failed} 个失败',
    virtualIp: '虚拟 IP',
    dnsRoundRobin: 'DNS 轮询',
  },
  'host-ports': {
    title: '每个节点的 host 模式端口',
    answered: '每个节点的 {port} 端口（host 模式）都由该节点自己的任务应答',
    wrong: '{nodes} 上的 {port} 端口没有正确应答',
  },
  'routing-mesh': {
    title: '每个节点的路由网格（ingress）',
    answered: '每个节点的 {port} 端口都通过路由网格应答',
    silent: '路由网格在 {nodes} 上没有应答',
  },
};
