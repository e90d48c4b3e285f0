/** The practice exercises' words for a learner: what to notice, and what the check found. */
export const practice = {
  service: {
    notice:
      'In `docker service ps`, each task has its own node: swarm spread the replicas over the nodes. The published port {port} answers on every node, through the routing mesh.',
    noticeHost:
      'In `docker service ps`, each task has its own node: swarm spread the replicas over the nodes. This kernel has no IPVS, so the port {port} is published in host mode: each node answers with its own task.',
    result: '{running} of {wanted} tasks running, on {nodes}',
  },
  scale: {
    notice:
      'After `docker service scale`, new tasks start on the nodes with the fewest tasks; scaling down stops tasks until one is left. Nothing is restarted that was already running.',
    result:
      'scaled to {up}: {runningUp} running on {nodes} nodes; scaled back to 1: {runningDown} running',
  },
  constraint: {
    notice:
      'Both tasks run on {node}, even though other nodes are free: the constraint decides, not the spread.',
    result: '{running} tasks running, all on {node}',
    elsewhere: 'tasks ran outside {node}: on {others}',
  },
  global: {
    notice:
      'A global service has no replica count: every node runs one task. A node that joins later gets one at once.',
    result: 'one task on each of the {count} nodes',
    missing: 'no task on {nodes}',
  },
  ping: {
    notice:
      'The task here reaches the tasks on the other nodes by their overlay addresses on {network}: the packets travel between the hosts in VXLAN (4789/udp).',
    result: '{count} tasks on other nodes answered the ping',
    silent: 'no answer to ping from {tasks}',
  },
  balance: {
    notice:
      'Each request went to the published port of this node; the routing mesh passed it to one of the tasks, so the answers name different tasks.',
    noticeNoIpvs:
      'This kernel has no IPVS, so there is no routing mesh: each request looked the service name up again, and DNS round robin gave a different task each time.',
    result: '{requests} requests answered by {tasks} different tasks',
  },
} as const;
