import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { KnownHostsStore } from '../ssh/known-hosts-store';

/**
 * The lab makes its hosts' SSH keys itself, so it knows them before anyone connects: `lab up`
 * writes them into swarmlab's known_hosts for exactly those addresses. A lab re-created after
 * `lab down` has new keys at the old addresses; without this every connection to it would be
 * refused as a changed key (as it must be for any other host).
 */

export interface LabHostKeySource {
  address: string;
  port: number;
  /** The host's identity dir: its keys are in etc/ssh/ssh_host_<type>_key.pub. */
  identityDir: string;
}

/** The public key blobs of one lab host, from its identity dir. */
export async function labHostKeyBlobs(identityDir: string): Promise<Buffer[]> {
  const sshDir = join(identityDir, 'etc/ssh');
  const names = (await readdir(sshDir))
    .filter((name) => /^ssh_host_\w+_key\.pub$/.test(name))
    .sort();
  return Promise.all(
    names.map(async (name) => {
      const line = await readFile(join(sshDir, name), 'utf8');
      const blob = Buffer.from(line.trim().split(/\s+/)[1] ?? '', 'base64');
      if (blob.length === 0) throw new Error(`${join(sshDir, name)} holds no OpenSSH public key`);
      return blob;
    }),
  );
}

/**
 * Makes the keys of each host the only ones known_hosts trusts for its address and port; every
 * other line of the file stays as it was. Returns how many old entries went and how many keys
 * are on file for the hosts now.
 */
export async function recordLabHostKeys(
  hosts: readonly LabHostKeySource[],
  knownHostsFile: string,
): Promise<{ replaced: number; recorded: number }> {
  const keyed = await Promise.all(
    hosts.map(async (host) => ({
      host: host.address,
      port: host.port,
      keyBlobs: await labHostKeyBlobs(host.identityDir),
    })),
  );
  const replaced = await new KnownHostsStore(knownHostsFile).replace(keyed);
  return { replaced, recorded: keyed.reduce((sum, host) => sum + host.keyBlobs.length, 0) };
}
