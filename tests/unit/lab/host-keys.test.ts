import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordLabHostKeys } from '../../../electron/engine/lab/host-keys';
import { lookupHostKey, parseKnownHosts } from '../../../electron/engine/ssh/known-hosts';
import { KnownHostsStore } from '../../../electron/engine/ssh/known-hosts-store';

/** An SSH public key blob of `type` (its length-prefixed name, then key bytes). */
function keyBlob(type: string, fill: number): Buffer {
  const name = Buffer.from(type, 'latin1');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(name.length);
  return Buffer.concat([length, name, Buffer.alloc(36, fill)]);
}
const pubLine = (type: string, blob: Buffer) => `${type} ${blob.toString('base64')} root@lab\n`;

describe('lab up records its hosts keys in swarmlab known_hosts', () => {
  let dir: string;
  let knownHosts: string;
  const oldKey = keyBlob('ssh-ed25519', 1);
  const unrelatedKey = keyBlob('ssh-ed25519', 2);
  const newEd25519 = [keyBlob('ssh-ed25519', 11), keyBlob('ssh-ed25519', 12)];
  const newEcdsa = [keyBlob('ecdsa-sha2-nistp256', 21), keyBlob('ecdsa-sha2-nistp256', 22)];

  /** A host's identity dir as the lab lays it out: etc/ssh/ssh_host_<type>_key.pub. */
  async function identity(index: number): Promise<string> {
    const identityDir = join(dir, `lab-${index}`, 'identity');
    const ssh = join(identityDir, 'etc/ssh');
    await mkdir(ssh, { recursive: true });
    await writeFile(
      join(ssh, 'ssh_host_ed25519_key.pub'),
      pubLine('ssh-ed25519', newEd25519[index - 1] as Buffer),
    );
    await writeFile(join(ssh, 'ssh_host_ed25519_key'), 'PRIVATE, never read');
    await writeFile(
      join(ssh, 'ssh_host_ecdsa_key.pub'),
      pubLine('ecdsa-sha2-nistp256', newEcdsa[index - 1] as Buffer),
    );
    return identityDir;
  }

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlab-labkeys-'));
    knownHosts = join(dir, 'home', 'known_hosts');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('replaces only the stale entries of lab addresses; every other line stays byte for byte', async () => {
    const unrelated = [
      '# my hosts',
      `example.org   ssh-ed25519 ${unrelatedKey.toString('base64')}   a  spaced   comment`,
      `[10.210.3.11]:2222 ssh-ed25519 ${unrelatedKey.toString('base64')}`,
      `10.210.3.111 ssh-ed25519 ${unrelatedKey.toString('base64')}`,
      '',
    ];
    const stale = `10.210.3.11 ssh-ed25519 ${oldKey.toString('base64')}`;
    const original = [unrelated[0], unrelated[1], stale, unrelated[2], unrelated[3], unrelated[4]];
    await mkdir(join(dir, 'home'));
    await writeFile(knownHosts, `${original.join('\n')}\n`);

    const result = await recordLabHostKeys(
      [
        { address: '10.210.3.11', port: 22, identityDir: await identity(1) },
        { address: '10.210.3.12', port: 22, identityDir: await identity(2) },
      ],
      knownHosts,
    );

    expect(result).toEqual({ replaced: 1, recorded: 4 });
    const text = await readFile(knownHosts, 'utf8');
    const lines = text.split('\n');
    expect(lines.slice(0, 5)).toEqual(unrelated);
    expect(text).not.toContain(oldKey.toString('base64'));
    const parsed = parseKnownHosts(text);
    for (const [index, address] of ['10.210.3.11', '10.210.3.12'].entries()) {
      for (const blob of [newEd25519[index], newEcdsa[index]] as Buffer[]) {
        expect(lookupHostKey(parsed, address, 22, blob)).toEqual({ status: 'known' });
      }
    }
    // What it did not touch is still trusted as before.
    expect(lookupHostKey(parsed, 'example.org', 22, unrelatedKey).status).toBe('known');
    expect(lookupHostKey(parsed, '10.210.3.11', 2222, unrelatedKey).status).toBe('known');
  });

  it('keeps the other names of a line that also names a lab address', async () => {
    await mkdir(join(dir, 'home'));
    await writeFile(knownHosts, `other.lan,10.210.3.11 ssh-ed25519 ${oldKey.toString('base64')}\n`);
    await recordLabHostKeys(
      [{ address: '10.210.3.11', port: 22, identityDir: await identity(1) }],
      knownHosts,
    );
    const parsed = parseKnownHosts(await readFile(knownHosts, 'utf8'));
    expect(lookupHostKey(parsed, 'other.lan', 22, oldKey).status).toBe('known');
    expect(lookupHostKey(parsed, '10.210.3.11', 22, oldKey).status).toBe('changed');
  });

  it('writes nothing when the keys are already on file', async () => {
    const hosts = [{ address: '10.210.3.11', port: 22, identityDir: await identity(1) }];
    await recordLabHostKeys(hosts, knownHosts);
    const first = await readFile(knownHosts, 'utf8');
    expect(await recordLabHostKeys(hosts, knownHosts)).toEqual({ replaced: 0, recorded: 2 });
    expect(await readFile(knownHosts, 'utf8')).toBe(first);
  });

  it('still refuses a changed key of any host it did not record', async () => {
    await recordLabHostKeys(
      [{ address: '10.210.3.11', port: 22, identityDir: await identity(1) }],
      knownHosts,
    );
    const store = new KnownHostsStore(knownHosts);
    await store.add('192.168.11.131', 22, oldKey);
    expect((await store.lookup('192.168.11.131', 22, unrelatedKey)).status).toBe('changed');
  });
});
