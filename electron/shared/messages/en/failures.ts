/**
 * Why a step failed on a host, what to do about it, and what it warns about while it runs. The
 * CLI and the journal keep the English; the wizard and the report show the user's language. What
 * a host itself said (a command's output, an error it printed) arrives as a value, untranslated.
 */
export const failures = {
  run: {
    withFix: '{message} — {fix}',
    commandFailed: '`{command}` exited with {code}: {output}',
    commandFailedNoCode: '`{command}` exited with no code: {output}',
    cannotRead: 'cannot read {path} on {host}',
    noFacts: 'no facts for {host}: preflight did not run on it',
    factsCutShort: 'the host did not finish the facts probe (its output was cut short)',
    check: '{check}: {detail}',
    checkWithFix: '{check}: {detail} — {fix}',
  },
  swarm: {
    noManager: 'the inventory has no manager',
    giveManagerRole: 'give one host the manager role',
    manager: 'manager',
    worker: 'worker',
    state: 'swarm state is {state}',
    stateWithError: 'swarm state is {state} {error}',
    unknownState: 'unknown',
    leaveForce: 'run `docker swarm leave --force` on it and run again',
    stateAfterLeave: "after leaving, the node's swarm state is {state}",
    nodeWithoutId: 'the manager listed a node without an ID: {line}',
    noJoinToken: 'the manager did not hand out a join token',
    noManagerLeft: 'taking {nodes} out of the managers would leave the swarm without a manager',
    noManagerLeftFix: 'make another node a manager first (give it the manager role and apply)',
    quorumLostOne:
      'taking {nodes} out of the managers would leave {staying} managers of which only {reachable} is reachable: the swarm would lose its quorum ({needed} needed)',
    quorumLost:
      'taking {nodes} out of the managers would leave {staying} managers of which only {reachable} are reachable: the swarm would lose its quorum ({needed} needed)',
    quorumLostFixOne:
      'bring {nodes} back first, or take it out of the managers on a manager (docker node demote) while the others still reach each other',
    quorumLostFix:
      'bring {nodes} back first, or take them out of the managers on a manager (docker node demote) while the others still reach each other',
    orForce: '{fix}; or pass --force to remove anyway',
    forced: '--force: {reason}',
  },
  rolling: {
    staysDrained:
      '{node} stays drained: once it is Ready, run `docker node update --availability {availability} {node}` on a manager',
    notReady: '{node} is not Ready {seconds} s after the restart (the manager says {state})',
    saysNothing: 'nothing',
    notListed: 'the manager {address} does not list this node ({node})',
    notListedFix: 'run apply again once the swarm has settled',
    availability: "could not set the node's availability to {availability}: {output}",
    availabilityFix: 'run `docker node update --availability {availability} {node}` on a manager',
    wentOn: 'went on after {seconds} s waiting for {what}',
    tasksToStop: "{node}'s tasks to stop",
    tasksElsewhere: 'the services to run their tasks on the other nodes',
    allReady: 'every node to be Ready and the services whole',
  },
  'time-sync': {
    notSynchronised: '{service} runs but is not synchronised yet',
    noService: 'no time service is running',
    noServiceFix: 'install chrony or systemd-timesyncd',
  },
  'package-mirrors': {
    notAsWritten: 'package sources are not as written: {changes}',
  },
  firewall: {
    stillNeeds: 'firewall still needs: {changes}',
  },
  selinux: {
    stillEnforcing: 'SELinux is still enforcing',
  },
  hostname: {
    stillIs: 'hostname is still {running} (/etc/hostname: {persistent})',
  },
  'hosts-file': {
    notHeld: '/etc/hosts does not hold the node list',
    unresolved: 'cannot resolve {names}',
    leavingStillListed: '/etc/hosts still lists a leaving host',
  },
  'ssh-keys': {
    noHome: 'cannot tell the home directory of {user}',
    noAppKey: 'the app has no key pair to install',
    cannotTestLogin: 'cannot test a key login from here',
  },
  'manager-key': {
    noPublicKey: 'the manager has no public key after ssh-keygen',
  },
  'manager-key-trust': {
    noPair: 'the first manager has no key pair',
    loginFailed: 'the manager cannot log in to {address} with its key: {output}',
    loginFailedFix:
      'check that sshd on the node allows root login with a key (PermitRootLogin prohibit-password or yes)',
  },
  'docker-install': {
    noCodename: 'cannot tell which {os} release {label} is (no VERSION_CODENAME)',
    unknownEl: 'cannot tell which Enterprise Linux version {label} corresponds to',
    unknownElFix:
      'Docker’s CentOS repository serves EL 7 to 10; use install: offline with packages built for this system',
    unsupported: 'installing Docker on {label} is not supported',
    unsupportedFix: 'install Docker yourself and set docker.install: skip',
    centos7: 'Docker {pin} is not built for CentOS 7: its docker-ce repository ends at {last}',
    centos7Fix: 'pin docker.version to "{last}" or older, or move the host to EL 8 or 9',
    noDistroPackage: '{label} ships no Docker package of its own',
    noDistroPackageFix:
      'set docker.install: mirror (with docker.mirror: aliyun, tuna, ustc or azure) or docker.install: official',
    staticVersion: 'docker.version is {version} but the offline bundle is Docker {bundle}',
    staticVersionFix: 'remove docker.version or use docker-{version}.tgz',
    bundleMissing: 'the offline bundle {path} does not exist on this machine',
    bundleMissingFix:
      'set docker.offlineBundle to a docker-X.Y.Z.tgz file or a folder of .deb/.rpm files',
    bundleOddNames: 'the offline bundle {path} holds package files with unexpected names: {names}',
    bundleOddNamesFix:
      'keep the names the packages were downloaded with (letters, digits and . _ + ~ : % -)',
    bundleMixed: 'the offline bundle {path} mixes .deb and .rpm files',
    bundleMixedFix: 'keep one folder per package format',
    bundleEmpty:
      'the offline bundle {path} holds no .deb or .rpm files and no single docker-X.Y.Z.tgz',
    bundleEmptyFix:
      'download the static tarball from download.docker.com/linux/static/stable/ or the packages for the hosts’ system into that folder',
    tarballName: "{file} is not named like Docker's static tarball (docker-X.Y.Z.tgz)",
    tarballNameFix: 'keep the name it had on download.docker.com/linux/static/stable/<arch>/',
    noBundle: 'install is offline but no bundle was read',
    noBundleFix: 'set docker.offlineBundle',
    bundleFormat:
      'the offline bundle holds .{bundle} files but {label} installs .{format} packages',
    bundleFormatFix:
      'point docker.offlineBundle at a folder of .{format} files (or the static docker-X.Y.Z.tgz)',
    noEngine: 'the offline bundle holds no docker-ce, docker.io or moby-engine package',
    noEngineFix: 'add the engine package and its dependencies to the folder',
    skipNotInstalled: 'Docker is not installed and docker.install is skip',
    skipNotInstalledFix:
      'install Docker on this host first, or choose docker.install: official, mirror, distro or offline',
    skipVersion: 'the host runs Docker {installed} but docker.version pins {pinned}',
    unknownVersion: '(unknown version)',
    skipVersionFix:
      'remove docker.version, or choose an install source so swarmlab installs the pinned version',
    staticShadows: 'Docker’s static binaries are installed in {dir} and would shadow {package}',
    staticShadowsFix:
      'stop docker and remove {dir}/dockerd, docker, containerd* , ctr, runc, docker-init, docker-proxy and their units in /etc/systemd/system, or keep docker.install: offline',
    conflicts: 'packages that conflict with {summary} are installed: {packages}',
    conflictsFix:
      'remove them yourself, or set docker.removeConflicting: true to let swarmlab remove them (images and volumes in /var/lib/docker are kept)',
    notAnswering: 'Docker is installed but its daemon does not answer `docker version`',
    seeJournal: 'see `journalctl -u docker` on the host',
    notAsPlanned: 'Docker is not as planned: {actions}',
  },
  'docker-daemon': {
    noDockerd: 'dockerd is not installed on this host',
    noDockerdFix: 'run the docker-install step first',
    validateRefused: 'dockerd --validate refused the merged daemon.json: {output}',
    validateRefusedFix: 'correct docker.daemon in the inventory (nothing on the host was changed)',
    notMerged: '{path} does not hold the merged settings',
    noDockerInfo: 'Docker does not answer `docker info`',
    invalidJson: '{path} is not valid JSON ({error}); dockerd cannot start with it either',
    notObject: '{path} holds JSON but not an object ({object})',
    fixFile: 'fix or remove {path} on the host, then run again',
    wouldStop: 'daemon.json would stop Docker: {errors}',
    liveRestoreFix:
      'remove live-restore from {path} on the host, or set docker.daemon.live-restore: false in the inventory',
    correctDaemon: 'correct docker.daemon in the inventory',
    liveRestore: 'live-restore is true: Docker refuses live-restore in swarm mode',
    liveRestoreOnHost:
      'live-restore is true in the host’s daemon.json: Docker refuses live-restore in swarm mode',
    unknownKey: '{key}: swarmlab does not know this daemon.json key',
    hostKeyKept: '{key}: kept as the host has it (swarmlab does not know this key)',
    flagConflict:
      'docker.service already sets {settings}, and daemon.json sets it too: dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file")',
    flagSetting: '"{key}" with {flag}',
    flagSettingFrom: '"{key}" with {flag} (from {variable})',
    flagFixVariable:
      'remove {flag} from {variable} (/etc/default/docker or /etc/sysconfig/docker), or leave {key} out of docker.daemon',
    flagFix:
      'either leave {keys} out of docker.daemon, or add a systemd drop-in (systemctl edit docker) with "ExecStart=" followed by the ExecStart line without {flags}',
    restartFailed: '`systemctl restart docker` failed with the new daemon.json',
    noAnswerAfterRestart: 'Docker did not answer `docker info` within {seconds} s of the restart',
    restoring: '{reason}: restoring the previous daemon.json',
    rolledBack:
      'rolled daemon.json back: {reason}. Docker runs again with the previous configuration',
    rolledBackFix:
      'see the journal lines in the report, correct docker.daemon in the inventory and run again',
    rolledBackDown:
      'rolled daemon.json back: {reason}. Docker did not come back with the previous configuration either',
    rolledBackDownFix:
      'Docker is down on this host: run `journalctl -u docker` there and start it by hand',
  },
  'test-image': {
    badArchive: 'verify.imageArchive {path} {problem}',
    badArchiveFix:
      'make the archive with `docker save IMAGE -o image.tar` (uncompressed) and point verify.imageArchive at it',
    notLoaded: '{image} is not on the node after docker load',
    notLoadedFix: 'check that the archive holds that image name',
  },
  'swarm-init': {
    workerElsewhere: 'this node is a worker in another swarm',
    workerElsewhereFix:
      'run `docker swarm leave` on it and run again, or make another host the first manager',
    notManager: 'after init the node is {state}, not an active manager',
  },
  'swarm-join': {
    noSwarm: 'the first manager does not manage a swarm',
    otherSwarm: 'already a member of another swarm (cluster {cluster})',
    otherSwarmFix:
      'to move it into this swarm run `docker swarm leave --force` on it and run again; otherwise remove it from the inventory',
    notJoined: 'after joining the node is {state}, not in swarm {cluster}',
    wrongRole: 'the manager lists the node as a {role}, the inventory says {wanted}',
    roleNotSettled:
      'the manager still lists the node as a {role} {seconds} s after docker node {command}',
  },
  'node-labels': {
    notInSwarm: 'the node is not in the swarm, so it cannot be labelled',
    notListed: 'the first manager does not list node {node}',
    notApplied: 'labels not applied: {labels}',
  },
  'overlay-network': {
    differs: 'network {name} exists but {differences}',
    differsFix:
      'remove it with `docker network rm {name}` (after removing the services on it), or change the inventory to match',
    notCreated: 'network {name} was not created',
    stillDiffers: 'network differs: {differences}',
    driver: 'driver is {driver}, not overlay',
    subnet: 'subnet is {subnet}, not {wanted}',
    noSubnet: 'none',
    attachable: 'attachable is {value}',
    encrypted: 'encrypted is {value}',
    mtu: 'mtu is {value}',
    defaultMtu: 'default',
  },
  practice: {
    commandFailed: '`{command}` exited with {code}: {output}',
  },
  'verify-swarm': {
    failed: 'verification failed: {checks}',
    overlayPorts:
      "swarm's overlay needs {ports} open between the nodes — check their firewalls and any cloud security group",
    noIpvs:
      'the kernel has no IPVS, so the swarm routing mesh and virtual-IP load balancing cannot work here; load balancing was proven by DNS round robin and host-mode ports instead',
    tasksShort: '{service}: {running} of {expected} tasks running after {seconds} s ({tasks})',
    noTasks: 'no tasks',
    tasksShortFix:
      'check that the test image is on every node (verify.imageArchive) and that nodes can reach each other',
    noTaskOnManager: 'no {service} task runs on the manager to test from',
    nodesDownFix:
      'a node that is not Ready has no running Docker or cannot reach the managers: on {nodes} run `systemctl status docker`, and check that 2377/tcp and 7946/tcp+udp to the managers are open',
    nodesMissingFix:
      '{nodes} did not join the swarm: run the setup again, or open a terminal on it and run `docker info`',
  },
  'node-drain': {
    undrained: 'still active or a manager: {nodes}',
    unsettled: 'services still short of tasks after {seconds} s: {services}',
  },
  'swarm-leave': {
    unreachable:
      '{host} did not answer ({reason}): its node is removed from the swarm, but the host itself was not cleaned. Reset it (docker swarm leave --force) if it ever comes back.',
  },
  'node-remove': {
    stillUp: '{node} is still {state} after {seconds} s',
    stillListedUp: '{node} is still listed as up after {seconds} s',
    stillUpFix:
      'make it leave (docker swarm leave on it), or pass --force to remove its node anyway',
    stillListed: 'the manager still lists {nodes}',
  },
  reset: {
    dockerNotOurs: 'Docker was not installed by swarmlab on this host (no record of it): kept',
    dockerdLeft: 'dockerd is still installed at {path}',
    hostsBlockLeft: '/etc/hosts still holds the block',
    daemonUnknown:
      '{path}: no original kept by swarmlab (set up by an older version, or never changed): left as it is',
    daemonNotBack: '{path} is not back as it was',
    hostnameUnknown:
      'the hostname before swarmlab is not recorded (set up by an older version): {current} is kept',
    hostnameNotRestored: 'the hostname was not restored',
    appKeyLeft: 'the app’s key is still authorised',
    managerKeyLeft: 'the manager’s key is still authorised for root',
    pairLeft: 'root’s key pair is still there',
  },
} as const;
