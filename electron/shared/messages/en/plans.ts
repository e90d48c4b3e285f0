/** What `swarmlab plan` and the wizard's plan say beside a step's commands. */
export const plans = {
  dockerSource: {
    distro: '{package} from the distribution’s repositories ({system})',
    repo: 'docker-ce{pin} from {base} ({system})',
    offline: '{package} from {count} .{format} files uploaded from this machine',
    static: 'Docker {version} static binaries ({file}) into {folder}',
    preinstalled: 'Docker installed beforehand (install: skip)',
  },
  notes: {
    noPreview: 'runs here; this step has no preview yet',
    dockerUploads: '{summary}; copied over SFTP: {uploads}',
    imageUpload: '{archive} is copied over SFTP to {remote} first ({image})',
    preflightCluster: 'compares the facts of all hosts on this machine; sends nothing',
    preflight: 'reads the host in one round trip and changes nothing',
    timeSync: 'only where no time service runs; a container keeps its machine’s clock instead',
    managerKey: 'as root',
    noFirewall: 'no firewall is active: nothing to open',
    overlayNetwork: 'an existing network of that name must match instead',
    sshKeys: 'as {user}; then a login with the key alone is proven',
    daemonUnchanged: 'no docker.daemon keys: daemon.json is left as it is',
    daemonMerged:
      'merged key by key with what the host’s daemon.json already holds; the old file is backed up and restored by itself if Docker does not come back',
    nodeLabels: 'only the labels the node does not have yet; labels set by hand stay',
    verifyMesh:
      'then fetches every task across {network} from a task on this node, and by service name to see requests balanced (virtual IP and routing mesh)',
    verifyRoundRobin:
      'then fetches every task across {network} from a task on this node, and by service name to see requests balanced (DNS round robin and host-mode ports: this kernel has no IPVS)',
    selinuxRelaxed: 'SELinux is {mode}: nothing to relax',
    hostsBlock:
      'the block is added to the host’s own /etc/hosts (or rewritten where it stands); other lines stay',
  },
} as const;
