/**
 * Inventory problems found across fields (validate.ts's cross-checks), in words for people.
 * A host is named by its number in the table and its address, never by a list index.
 */
export const validation = {
  hostRef: 'host {number} ({address})',
  subnetHostBits: '{given} has host bits set: it is taken as {network}, as Docker would',
  subnetHostBitsFix: 'write {network} to say so',
  sameEndpoint: '{address} port {port} is already {other}',
  sameEndpointFix: 'remove the duplicate host, or give it a different address or port',
  sameHostname: 'hostname {hostname} is already used by {other}',
  sameHostnameFix: 'give every host its own hostname, e.g. node01, node02, node03',
  hostnameCapitals: 'hostname {hostname} has capital letters',
  hostnameCapitalsFix: 'lowercase is recommended (DNS ignores case, some tools do not): {lower}',
  sameName: '{name} would name two hosts ({other} and {self})',
  sameNameFix: 'give both hosts distinct hostnames',
  noManager: 'no host is a manager',
  noManagerFix: 'set role: manager on one host (or on 3 for a swarm that survives a failure)',
  evenManagers: '{managers} managers tolerate {tolerated} failures, same as {fewer}',
  evenManagersOne: '{managers} managers tolerate 1 failure, same as {fewer}',
  evenManagersNone: '{managers} managers tolerate no failure, same as {fewer}',
  evenManagersFix: 'use an odd number of managers: 1, 3 or 5',
  manyManagers: '{managers} managers: every change waits for a majority of them',
  manyManagersFix: 'Docker recommends at most 7 managers; make the others workers',
  noLogin: 'no login method is set',
  noLoginFix:
    'swarmlab will ask for the SSH password; to avoid that set passwordEnv, keyFile or agent: true here or in defaults',
  ignoredPassphrase: '{field} is ignored: this host logs in with {method}',
  ignoredPassphraseFix: 'remove it, or set keyFile',
  ignoredSudo: '{field} is ignored: the user is root',
  removeIt: 'remove it',
  subnetHasHost: 'overlay subnet {subnet} contains {host}’s {field} {address}',
  subnetHasHostFix: 'choose a subnet no host is in, e.g. "10.10.0.0/24" or "10.200.0.0/24"',
  subnetOverlapsBridge: 'overlay subnet {subnet} overlaps docker0 ({bridge}, from bip)',
  subnetOverlapsDefaultBridge:
    'overlay subnet {subnet} overlaps docker0 ({bridge}, Docker’s default bridge)',
  subnetOverlapsBridgeFix: 'choose a subnet outside it, e.g. "10.10.0.0/24"',
  subnetPublic:
    'overlay subnet {subnet} is public address space (not RFC 1918): containers could not reach the real internet addresses it shadows',
  subnetPublicFix:
    'use a private block, e.g. "172.20.0.0/24" (172.16–31.x), "10.10.0.0/24" or "192.168.100.0/24"',
  subnetOverlapsIngress: 'overlay subnet {subnet} overlaps the swarm’s ingress network ({ingress})',
  subnetOverlapsIngressFix: 'choose another subnet, e.g. "10.10.0.0/24"',
  subnetOverlapsPool: 'overlay subnet {subnet} overlaps address pool {number} ({pool})',
  subnetOverlapsPoolFix: 'move the overlay subnet or the pool so they do not overlap',
  bridgeHasHosts: 'bip {range} contains host address {addresses}',
  poolHasHosts: 'address pool {range} contains host address {addresses}',
  rangeHasHostsFix: 'hosts would lose the route to each other; choose a range outside your LAN',
  mirrorUrlIgnored: 'mirrorUrl is ignored: mirror is {mirror}',
  mirrorUrlIgnoredFix: 'set mirror: custom to use it, or remove it',
  dockerMirrorIgnored: 'docker.mirror is ignored: install is {install}',
  dockerMirrorIgnoredFix: 'set install: mirror to install docker-ce from it, or remove it',
  bundleIgnored: 'offlineBundle is ignored: install is {install}',
  bundleIgnoredFix: 'set install: offline to use it, or remove it',
  versionIgnored: 'version is ignored: install is skip',
  versionIgnoredFix: 'remove it, or choose an install method',
  daemonHosts:
    'daemon.json "hosts" conflicts with "-H fd://" in docker.service on most distributions',
  daemonHostsFix:
    'dockerd will not start unless its systemd unit drops -H; remove hosts unless you need a TCP socket',
  apiWithoutTls:
    '{entry} exposes the Docker API without TLS: anyone who reaches it is root on the host',
  apiWithoutTlsFix: 'remove it, or bind it to 127.0.0.1, or set up TLS',
  encryptedNeedsEsp:
    'an encrypted overlay needs IP protocol 50 (ESP) between nodes, and firewall is leave',
  encryptedNeedsEspFix: 'open ESP yourself, or set prepare.firewall: open-ports',
} as const;
