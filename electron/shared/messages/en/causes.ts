/**
 * The plain cause of a failure people meet often, and what to do about it, put before the
 * technical detail (engine/ssh/plain-cause.ts picks one).
 */
export const causes = {
  withDetail: '{cause} — {fix} ({detail})',
  auth: 'the host refused the login',
  authFix:
    'check the user and its password or key for this host; for root, sshd may forbid password logins (PermitRootLogin)',
  unreachable: 'nothing answered at {target}',
  unreachableFix:
    'check the address, that the host is running and on this network, and that no firewall drops port {port}',
  refused: '{target} answered, but nothing listens for SSH on port {port}',
  refusedFix: 'check the port, and that sshd is installed and running on the host',
  timeout: '{target} did not answer in time',
  timeoutFix: 'check that the host is up and the address is right; a firewall may drop the packets',
  unresolved: 'the name {host} does not resolve',
  unresolvedFix: 'check its spelling, or use the host’s IP address',
  sudoPassword: 'sudo refused the sudo password',
  sudoPasswordFix: 'check the sudo password for this user (it is often the login password)',
  lost: 'the connection to {target} dropped',
  lostFix: 'check that the host is still up and the network stable, then retry',
  aptSourceOne:
    'apt cannot use a package source listed in {files}: fix or remove that entry on the host (a terminal opens there), then retry',
  aptSources:
    'apt cannot use package sources listed in {files}: fix or remove those entries on the host (a terminal opens there), then retry',
  /** Seen in a command's output while it runs (run/output-troubles.ts). */
  output: {
    unresolved:
      'the host could not resolve {name}: its DNS does not answer, so downloads wait and fail (check /etc/resolv.conf, or use a mirror by IP)',
    fetchFailed: 'a download failed: {url}',
    timedOut: 'a connection from the host timed out',
    noSpace: 'the host’s disk is full',
  },
} as const;
