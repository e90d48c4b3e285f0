/**
 * What the verification of a finished swarm checks, by check id: the title the report shows and
 * the words for what was seen. Lists arrive joined (common.listSeparator).
 */
export const verify = {
  nodes: {
    title: 'All nodes in the swarm and Ready',
    missing: 'not in the swarm: {nodes}',
    notReady: 'not Ready: {nodes}',
    notReadyNode: '{node} ({status})',
    ready: '{count} nodes Ready: {nodes}',
  },
  placement: {
    title: 'Tasks placed on every node',
    running: '{count} tasks running: {nodes}',
    tasksOnNode: '{node} {tasks}',
    empty: 'no task running on {nodes}',
  },
  pinned: {
    title: 'Placement constraint honoured',
    detail: 'constraint node.hostname=={constraint}: task runs on {where}',
    onNode: '{node}',
    noNode: 'no node',
  },
  reachability: {
    title: 'Cross-node reachability over the overlay',
    reached:
      'a task on {manager} reached all {count} tasks over {network}, on {otherNodes} other nodes',
    reachedLate:
      'a task on {manager} reached all {count} tasks over {network}, on {otherNodes} other nodes; the last answered after {seconds} s, once the overlay knew it',
    unreachable: 'could not reach {tasks} over {network} within {seconds} s',
    unreachableTask: '{ip} (on {node})',
  },
  'load-balancing': {
    title: 'Load balancing across tasks',
    answered:
      '{requests} requests to {service}:80 ({method}) were answered by {responders} different tasks',
    answeredSomeFailed:
      '{requests} requests to {service}:80 ({method}) were answered by {responders} different tasks, {failed} failed',
    virtualIp: 'virtual IP',
    dnsRoundRobin: 'DNS round robin',
  },
  'host-ports': {
    title: 'Host-mode ports on every node',
    answered: 'port {port} (host mode) answered on every node by that node’s own task',
    wrong: 'port {port} did not answer correctly on {nodes}',
  },
  'routing-mesh': {
    title: 'Routing mesh (ingress) on every node',
    answered: 'port {port} answered through the routing mesh on every node',
    silent: 'the routing mesh did not answer on {nodes}',
  },
} as const;
