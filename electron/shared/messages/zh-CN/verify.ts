import type { Translation } from '../shape';
import type { verify as english } from '../en/verify';

export const verify: Translation<typeof english> = {
  nodes: { title: '所有节点均已加入且为 Ready' },
  placement: { title: '每个节点都有任务运行' },
  pinned: { title: '放置约束生效' },
  reachability: { title: '跨节点经 overlay 网络互通' },
  'load-balancing': { title: '请求在任务之间负载均衡' },
  'host-ports': { title: '每个节点的 host 模式端口' },
  'routing-mesh': { title: '每个节点的路由网格（ingress）' },
};
