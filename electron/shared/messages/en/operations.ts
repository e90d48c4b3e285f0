/** What `remove` and `reset` will do to which host, said before they start (CLI and wizard). */
export const operations = {
  remove: {
    leave:
      '{host} ({address}, worker): drain it so its tasks move to other nodes, then docker swarm leave on it',
    leaveManager:
      '{host} ({address}, manager): drain it so its tasks move to other nodes, demote it, then docker swarm leave on it',
    nodeRm: '{host} ({address}, manager): docker node rm {nodes} once they have left',
    hostsDrop: '{hosts}: drop {nodes} from /etc/hosts',
    noManagerLeft:
      'removing {hosts} would take every manager out of the swarm, and no manager would be left to remove the nodes. Remove the workers first, or give another host the manager role and apply.',
  },
  reset: {
    dissolve: 'dissolve the swarm: the workers leave, then the managers',
    cleanup:
      'on {hosts}: put daemon.json and the hostname back as they were before swarmlab, remove the /etc/hosts block, then swarmlab’s keys',
    cleanupDocker:
      'on {hosts}: put daemon.json and the hostname back as they were before swarmlab, remove the /etc/hosts block, remove the Docker packages swarmlab installed, then swarmlab’s keys',
    notUndone:
      'Not undone: firewall ports swarmlab opened, the SELinux mode, package mirrors, the time service, the test image and anything in /var/lib/docker.',
    noManagerLeft:
      'resetting {hosts} would take every manager out while other hosts stay in the swarm. Reset every host, or the workers first.',
  },
  check: {
    reads:
      'on {hosts}: read whether Docker runs, the swarm state, the interfaces and the certificate; test 7946/tcp and 2377/tcp between them',
    probe:
      'on {host} ({address}): start a probe service with one task per node, ping between the tasks over the overlay network, then remove it. Nothing else changes.',
  },
  practice: {
    runs: 'on {host} ({address}): run {count} exercises, each creating its own services (swarmlab-practice-…)',
    cleanUp: 'Each exercise removes its services afterwards.',
    keep: 'The exercises’ services stay running for you to explore.',
  },
  noManager: 'the inventory has no manager to run this on: give a host the manager role',
  unknownHost: '{host} is not a host of this inventory; its hosts are {hosts}',
} as const;
