/**
 * How a step ended on a host, in one line: what it found already done, what it changed, why it
 * did not run. The CLI and the journal keep the English; the wizard and the report show the
 * user's language. What a host itself said (an error, a command's output) is never translated.
 */
export const outcomes = {
  run: {
    alreadyAsWanted: 'already as wanted',
    cancelled: 'cancelled',
    cancelledBeforeStart: 'cancelled before it started',
    doneInResumedRun: 'done in the run this one resumes',
    notRun: 'not run: {reason}',
    stepFailedHere: '{step} failed on this host',
    neededStepIncomplete: 'it needs {step}, which did not complete on {hosts}',
    afterPreviewedChange: 'not looked at: it depends on the changes above',
  },
  preflight: {
    checkCountOne: '1 check',
    checkCount: '{count} checks',
    allPassed: 'all passed',
    warningOne: '1 warning',
    warningCount: '{count} warnings',
    summary: '{checks}: {verdict}',
  },
  'ssh-keys': {
    alreadyAuthorised: 'the app’s key is already authorised',
    authorise: 'authorise the app’s key for {user}',
  },
  'manager-key': {
    alreadyHasPair: 'root already has a key pair',
    createPair: 'create root’s ed25519 key pair',
  },
  'manager-key-trust': {
    alreadyAuthorised: 'the manager’s key is already authorised',
    authorise: 'authorise the manager’s key for root',
  },
  'package-mirrors': {
    keepsOwnSources: 'keeps the system’s own package sources',
    unknownRelease: 'cannot tell which {system} release this is: sources left as they are',
    oddCodename: 'the release codename {codename} is not a plain word: sources left as they are',
    unsupported: 'switching mirrors on {os} is not supported: sources left as they are',
    writeFile: 'write {path}',
    moveAside: 'move {path} aside',
    pointRocky: 'point the Rocky repositories at the mirror',
  },
  hostname: {
    rename: 'hostname {from} → {to}',
    noName: '(none)',
  },
  'hosts-file': {
    rewriteBlock: 'rewrite the swarmlab block in /etc/hosts',
  },
  'time-sync': {
    serviceRunning: '{service} is running',
    containerClock:
      'a {container} container keeps its machine’s clock; the machine synchronises it (offset checked in preflight)',
    installService: 'install and start a time synchronisation service',
  },
  firewall: {
    noFirewall: 'no firewall is active: nothing to open',
    portsOpen: 'swarm ports are open',
    disable: 'disable {tool}',
    open: 'open {ports} in {tool}',
  },
  selinux: {
    nothingToRelax: 'SELinux is {mode}: nothing to relax',
    setPermissive: 'set SELinux to permissive, now and at boot',
  },
  'docker-install': {
    installedVersion: 'Docker {version} is installed and running',
    installed: 'Docker is installed and running',
    removeConflicts: 'remove conflicting packages: {packages}',
    writeFiles: 'write {paths}',
    replace: 'replace Docker {installed} with {wanted}',
    install: 'install {wanted}',
    start: 'enable and start the docker service',
  },
  'docker-daemon': {
    alreadyHolds: '{path} already holds these settings',
    writeKeys: 'write {path} ({keys}) and restart Docker',
    write: 'write {path} and restart Docker',
    dropHostsFlag: 'take -H off docker.service’s command line with {dropIn}',
    rolling:
      'restart it as a swarm node: drained first, one node at a time, the leader last, available again once Ready',
  },
  'test-image': {
    load: 'docker load {image}',
  },
  'swarm-init': {
    alreadyManages: 'already manages swarm {cluster}',
    init: 'docker swarm init',
  },
  'swarm-join': {
    alreadyManager: 'already a manager of this swarm',
    alreadyWorker: 'already a worker of this swarm',
    joinAsManager: 'join as manager',
    joinAsWorker: 'join as worker',
    promote: 'promote to manager',
    demote: 'demote to worker',
  },
  'node-labels': {
    label: 'label {label}',
  },
  'overlay-network': {
    exists: '{name} exists as wanted',
    create: 'create overlay network {name} ({subnet})',
  },
  practice: {
    done: 'exercise done',
  },
  check: {
    healthy: 'no problem found',
  },
  'verify-swarm': {
    verified: 'verified',
  },
  'node-drain': {
    noneListed: 'the manager lists none of the leaving hosts: nothing to drain',
    alreadyDrained: 'the leaving nodes are drained and none is a manager',
    drain: 'drain {node}',
    demote: 'demote {node}',
  },
  'swarm-leave': {
    unreachable: 'did not answer: its node is removed, the host itself was not cleaned',
    notInSwarm: 'not in a swarm',
    leave: 'docker swarm leave',
  },
  'node-remove': {
    noneListed: 'the manager lists none of the leaving hosts',
    remove: 'docker node rm {node}',
  },
  'hosts-file-drop': {
    drop: 'drop {hosts} from the swarmlab block in /etc/hosts',
    nothing: 'the swarmlab block lists none of the leaving hosts',
  },
  'swarm-dissolve': {
    leaveForce: 'docker swarm leave --force',
  },
  reset: {
    restoreDaemonJson: 'restore daemon.json as it was before swarmlab',
    removeDaemonJson: 'remove the daemon.json swarmlab created',
    removeDropIn: 'remove swarmlab’s -H drop-in for docker.service',
    daemonUnknown: 'no original of daemon.json was kept: left as it is',
    restoreHostname: 'restore the hostname it had before swarmlab',
    hostnameUnknown: 'the hostname before swarmlab is not recorded: kept',
    removeHostsBlock: 'remove the swarmlab block from /etc/hosts',
    noHostsBlock: '/etc/hosts holds no swarmlab block',
    removeDocker: 'remove {packages}',
    dockerKept: 'Docker was not installed by swarmlab: kept',
    removeAppKey: 'remove the app’s key for {user}',
    removeManagerKey: 'remove the manager’s key for root',
    noKeys: 'none of swarmlab’s keys is authorised here',
    removeManagerPair: 'remove root’s key pair that swarmlab made',
    managerPairKept: 'swarmlab made no key pair for root here: nothing to remove',
  },
} as const;
