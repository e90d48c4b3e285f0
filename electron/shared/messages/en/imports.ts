/** What an imported ~/.ssh/config or Ansible inventory held that did not become a host field. */
export const imports = {
  sshConfig: {
    matchSkipped: 'Match {match} is not evaluated: its settings were not used',
    jumpHostOnly: 'is a jump host of other hosts, so not a node of the swarm',
    unusedKeyword: '{line} ({keyword}) is not used by swarmlab',
    includeTooDeep: '{place}: Include nested too deep, not read',
    includeMissing: 'Include {pattern}: no such file',
    extraIdentities: 'only the first IdentityFile is used ({rest} left out)',
    jumpHostsDiffer:
      'swarmlab has one jump host for all hosts: the ProxyJump of {hosts} ({jumps}) was not carried over',
    jumpUnreadable: 'ProxyJump {jump} could not be read',
  },
  ansible: {
    notAVariable: '[{group}:vars] {line}: not a variable, skipped',
    template: '{key}={value} is a template, not evaluated',
    unusedVariable: '{key}={value} is not used by swarmlab',
    passwordLeftOut: 'its login password was not written: it is asked for at run time',
    becomeLeftOut:
      'its become password was not written: it is asked for at run time (or set {variable})',
  },
  managerMissing: 'manager {name} is not among the imported hosts',
} as const;
