/** Each setup step's title and what it does, by step id. */
export const steps = {
  preflight: {
    title: 'Preflight checks',
    explanation:
      'Reads each host without changing it: system, resources, clock, Docker and swarm state, network. Anything that would stop the setup is reported with a fix before a single change is made.',
  },
  'preflight-cluster': {
    title: 'Compare the hosts',
    explanation:
      'Compares the hosts with each other: cloned machine-ids, duplicate hostnames, a host that already belongs to another swarm.',
  },
  'ssh-keys': {
    title: 'SSH key login',
    explanation:
      'Installs this app’s own SSH key (ed25519) in each node’s authorized_keys using the password, once, and proves that logging in with the key works. From then on swarmlab logs in with the key.',
  },
  'manager-key': {
    title: 'Manager key pair',
    explanation:
      'Gives root on the first manager an SSH key pair of its own, so it can log in to every node as the tutorial sets up. An existing key is kept.',
  },
  'manager-key-trust': {
    title: 'Manager → node login',
    explanation:
      'Adds the first manager’s public key to root’s authorized_keys on each other node (once, never twice) and proves the manager can log in with it.',
  },
  'package-mirrors': {
    title: 'Package mirrors',
    explanation:
      'Points the system’s package manager at the mirror you chose (Aliyun, Tsinghua TUNA, USTC or your own), keeping a backup of each file it replaces. CentOS 7’s retired repositories are pointed at the vault so yum works again.',
  },
  hostname: {
    title: 'Set the hostname',
    explanation:
      'Gives each node the name from the inventory, now and after reboots, so `docker node ls` shows names you chose.',
  },
  'hosts-file': {
    title: 'List the nodes in /etc/hosts',
    explanation:
      'Writes one marked block listing every node into each /etc/hosts, so nodes reach each other by name. The block is rewritten in place, never duplicated; the rest of the file is left alone.',
  },
  'time-sync': {
    title: 'Time synchronisation',
    explanation:
      'Makes sure chrony or systemd-timesyncd keeps each clock right. Swarm nodes trust each other through certificates, which fail when clocks drift apart. A container shares its machine’s clock, so there the clock itself is checked instead.',
  },
  firewall: {
    title: 'Firewall',
    explanation:
      'Opens the ports swarm needs between nodes — 2377/tcp (management), 7946/tcp+udp (gossip), 4789/udp (overlay traffic), and ESP for an encrypted overlay — in firewalld or ufw when one is active. Turning the firewall off is an option you choose, never the default.',
  },
  selinux: {
    title: 'SELinux',
    explanation:
      'You chose to set SELinux to permissive, as many tutorials do. It stays permissive after reboots; the previous config is kept as a backup. Leaving it enforcing with container-selinux is the safer default.',
  },
  'docker-install': {
    title: 'Install Docker',
    explanation:
      'Installs Docker Engine from the source you chose: Docker’s own repository, the same repository from a mirror (Aliyun, Tsinghua TUNA, USTC, Azure China), your distribution’s package, or an offline bundle copied from this machine. A version pin installs exactly that version. Packages that conflict (podman-docker, docker.io next to docker-ce, old docker-engine) are removed only if you allow it. Hosts that already run the right Docker are left alone.',
  },
  'docker-daemon': {
    title: 'Docker daemon settings',
    explanation:
      'Writes the daemon.json settings you chose (registry mirrors, log rotation, address pools, …) into /etc/docker/daemon.json, keeping every other key the host has. Settings that would stop Docker are refused before anything is written: unknown keys, live-restore (incompatible with swarm), or a setting docker.service already passes as a flag. The new file is validated, the old one backed up, and if Docker does not come back after the restart the old file is restored automatically.',
  },
  'swarm-init': {
    title: 'Create the swarm',
    explanation:
      'Runs `docker swarm init` on the first manager, advertising the address the other nodes reach it by. A node that already manages a swarm is left as it is.',
  },
  'swarm-join': {
    title: 'Join the swarm',
    explanation:
      'Fetches a join token from the first manager (a secret: it is never shown or logged) and joins each other node with its role. A node already in this swarm is left alone; a node in another swarm stops with a clear choice.',
  },
  'node-labels': {
    title: 'Node labels',
    explanation:
      'Adds the labels from the inventory to each node, so services can be placed with constraints like `node.labels.zone==a`. Labels set by hand are kept.',
  },
  'overlay-network': {
    title: 'Overlay network',
    explanation:
      'Creates the overlay network that services on different nodes talk over (VXLAN), with the subnet you chose. An existing network of that name must match, or the step says what differs.',
  },
  'test-image': {
    title: 'Load the test image',
    explanation:
      'Copies the test service’s image archive to each node and runs `docker load`, so verification needs no registry.',
  },
  'practice-service': {
    title: 'Create a service',
    explanation:
      'Creates a service with one replica per node on the overlay network, with a published port, and lists where its tasks run.',
  },
  'practice-scale': {
    title: 'Scale a service up and down',
    explanation:
      'Starts a service with one task, scales it to two tasks per node and back to one, and shows where the tasks run each time.',
  },
  'practice-constraint': {
    title: 'Pin tasks to a node',
    explanation:
      'Creates a service whose tasks may only run on one named node (--constraint node.hostname==…).',
  },
  'practice-global': {
    title: 'A global service',
    explanation:
      'Creates a service in global mode: one task on every node, and on every node that joins later.',
  },
  'practice-ping': {
    title: 'Ping across nodes',
    explanation:
      'Starts one task per node and pings, from the task on this manager, the tasks on the other nodes over the overlay network.',
  },
  'practice-balance': {
    title: 'Watch the load balancing',
    explanation:
      'Sends repeated requests to a service and shows which task answered each: through the routing mesh where the kernel has IPVS, by DNS round robin otherwise.',
  },
  'check-cluster': {
    title: 'Check the nodes',
    explanation:
      'Reads every node: whether Docker runs, its place in the swarm, the managers and their quorum, Docker versions, the address it advertises against its interfaces now, and when its certificate expires.',
  },
  'check-overlay': {
    title: 'Test the overlay network',
    explanation:
      'Tests what swarm needs between every pair of nodes: 2377/tcp to the managers and 7946/tcp from the hosts, then pings over the overlay network between short-lived probe tasks, with small packets and at the network’s full MTU.',
  },
  'verify-swarm': {
    title: 'Verify the swarm',
    explanation:
      'Deploys a small test service with one task per node, pins one task to a chosen node, and proves that tasks reach each other across the overlay network by name and that requests are balanced across tasks. Where the kernel lacks IPVS (no routing mesh), it says so and proves balancing by DNS round robin and host-mode ports instead. The test services are removed afterwards.',
  },
  'node-drain': {
    title: 'Drain the leaving nodes',
    explanation:
      'On a manager that stays: sets each leaving node to drain so its tasks start on the other nodes, demotes the leaving managers one at a time (refused when the swarm would lose its quorum), and waits until every service runs all its tasks again.',
  },
  'swarm-leave': {
    title: 'Leave the swarm',
    explanation:
      'Each leaving host runs `docker swarm leave`. A host that does not answer (its machine is gone) is not an error: its node is removed all the same, and the report names it as not cleaned.',
  },
  'node-remove': {
    title: 'Remove the nodes from the swarm',
    explanation:
      'On a manager that stays: waits until each node that left shows as down, then `docker node rm` takes it out of the node list (with --force only when you asked for it).',
  },
  'hosts-file-drop': {
    title: 'Drop them from /etc/hosts',
    explanation:
      'Removes the leaving hosts from the swarmlab block in /etc/hosts on every host that stays; the rest of the file is left alone.',
  },
  'swarm-dissolve-workers': {
    title: 'Workers leave the swarm',
    explanation:
      'Every host is reset, so the swarm is dissolved: the workers leave first, with `docker swarm leave`.',
  },
  'swarm-dissolve-managers': {
    title: 'Managers leave: the swarm is dissolved',
    explanation:
      'Then the managers leave with `docker swarm leave --force`, which a manager needs; with every host reset there is no quorum left to keep.',
  },
  'reset-daemon-config': {
    title: 'Put daemon.json back',
    explanation:
      'Restores /etc/docker/daemon.json as it was before swarmlab first changed it (or removes it when swarmlab created it), removes swarmlab’s -H drop-in, and restarts Docker. A file swarmlab kept no original of is left as it is, and said so.',
  },
  'reset-hostname': {
    title: 'Put the hostname back',
    explanation:
      'Restores /etc/hostname as it was before swarmlab renamed the host, and the running name with it.',
  },
  'reset-hosts-block': {
    title: 'Remove the /etc/hosts block',
    explanation: 'Removes the swarmlab block from /etc/hosts; the rest of the file is left alone.',
  },
  'reset-docker': {
    title: 'Remove Docker',
    explanation:
      'Only with --uninstall-docker: removes the Docker packages swarmlab installed on a host that had none. Docker that was there before is kept; images and volumes in /var/lib/docker stay.',
  },
  'reset-keys': {
    title: 'Remove swarmlab’s keys',
    explanation:
      'Removes this app’s key from the login user’s authorized_keys and the first manager’s key from root’s. Last, because afterwards swarmlab logs in with the password again.',
  },
  'reset-manager-pair': {
    title: 'Remove the manager’s key pair',
    explanation:
      'On the first manager, once every host dropped its key: root’s key pair goes if swarmlab made it; one that was there before is kept.',
  },
} as const;
