import { readFile } from 'node:fs/promises';

/**
 * Hosts resolve names with the machine's own nameservers, reached through the
 * lab's NAT. Loopback resolvers (systemd-resolved's 127.0.0.53, a local dnsmasq)
 * would point at the host itself inside its namespace, so they are skipped.
 */

export function parseNameservers(resolvConf: string): string[] {
  const servers: string[] = [];
  for (const line of resolvConf.split('\n')) {
    const match = /^\s*nameserver\s+(\S+)/.exec(line);
    if (match?.[1] && !isLoopback(match[1])) servers.push(match[1]);
  }
  return servers;
}

function isLoopback(address: string): boolean {
  return address.startsWith('127.') || address === '::1';
}

export function renderResolvConf(nameservers: readonly string[]): string {
  return `# Written by swarmlab lab: the machine's nameservers, reached through the lab NAT.\n${nameservers
    .map((server) => `nameserver ${server}\n`)
    .join('')}`;
}

/** The machine's non-loopback nameservers; behind systemd-resolved, its upstream list. */
export async function machineNameservers(): Promise<string[]> {
  for (const file of ['/etc/resolv.conf', '/run/systemd/resolve/resolv.conf']) {
    const servers = parseNameservers(await readFile(file, 'utf8').catch(() => ''));
    if (servers.length > 0) return servers;
  }
  throw new Error(
    'this machine has no non-loopback nameserver in /etc/resolv.conf; lab hosts need one to reach the Debian mirror',
  );
}
