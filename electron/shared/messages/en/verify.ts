/** What the verification of a finished swarm checks, by check id. */
export const verify = {
  nodes: { title: 'All nodes in the swarm and Ready' },
  placement: { title: 'Tasks placed on every node' },
  pinned: { title: 'Placement constraint honoured' },
  reachability: { title: 'Cross-node reachability over the overlay' },
  'load-balancing': { title: 'Load balancing across tasks' },
  'host-ports': { title: 'Host-mode ports on every node' },
  'routing-mesh': { title: 'Routing mesh (ingress) on every node' },
} as const;
