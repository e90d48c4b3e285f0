/**
 * What a read-only command finds out, in words: the report and its reproduction script say
 * this instead of quoting the command (keys follow the step or module that sends it).
 */
export const probes = {
  facts:
    'reads the system: OS, resources, clock, addresses, Docker and swarm state, the ports swarm needs',
  loginKeys: 'reads the login’s home directory and the keys in its authorized_keys',
  hostname: 'reads the hostname, now and in /etc/hostname',
  namesResolve: 'checks that every node’s name resolves',
  timeService: 'checks whether this is a container and which time service runs',
  firewall: 'checks whether firewalld or ufw is active and which ports it opens',
  mirrorFile: 'checks whether a package source file is there',
  mirrorInUse: 'checks whether the package sources already point at the mirror',
  docker: 'checks whether Docker is installed, which version and from which packages',
  daemonConfig: 'reads daemon.json and the options dockerd is started with',
  dockerAnswers: 'asks Docker for its version, proving that it answers',
  swarmState: 'reads this node’s swarm state: inactive, a worker or a manager, and its address',
  swarmMembers: 'lists the swarm’s nodes on the manager: names, roles, addresses, status',
  managerKey: 'reads the first manager’s public key',
  managerLogin: 'proves the first manager can log in to this node with its key',
  network: 'checks whether the overlay network exists and how it is set up',
  testImage: 'checks whether the test image is loaded',
  nodeList: 'lists the nodes and their status on the manager',
  nodeAddresses: 'reads each node’s address as the swarm knows it',
  removeTestServices: 'removes the test services of an earlier verification, if any',
  testContainers: 'lists the test containers left on this node',
  practiceCommand: 'runs a command of the practice exercise',
  startTestService: 'starts a test service on the overlay network',
  testTasks: 'waits until every task of the test service runs, and reads where',
  overlayPeers: 'reads the overlay network’s containers and peers',
  testContainer: 'finds a running test container to send requests from',
  requests: 'sends requests from inside a test container to the other tasks',
  nodeHealth:
    'reads whether Docker runs, the node’s swarm address, its interfaces and its certificate',
  swarmPorts: 'tests TCP to the swarm ports of the other nodes',
  overlayPing: 'pings the other nodes’ probe tasks over the overlay network',
} as const;
