/** Reading a host's key without logging in, directly and behind a jump host. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KnownHostsStore, hostKeyFingerprint, probeHostKey } from '../../../electron/engine/ssh';
import type { SshTarget } from '../../../electron/engine/ssh';
import { FakeSshd } from './fake-sshd';

let dir: string;
let store: KnownHostsStore;
const servers: FakeSshd[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-probe-'));
  store = new KnownHostsStore(join(dir, 'known_hosts'));
});
afterEach(async () => {
  for (const server of servers.splice(0)) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function sshd(): Promise<FakeSshd> {
  const server = await new FakeSshd({ users: { root: { password: 'pw' } } }).start();
  servers.push(server);
  return server;
}

function keyOf(server: FakeSshd): Buffer {
  const parsed = utils.parseKey(server.hostKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed.getPublicSSH();
}

function target(server: FakeSshd, jump?: FakeSshd): SshTarget {
  return {
    id: 'node',
    host: '127.0.0.1',
    port: server.port,
    username: 'root',
    auth: [{ type: 'password', password: 'pw' }],
    ...(jump
      ? {
          jump: {
            host: '127.0.0.1',
            port: jump.port,
            username: 'root',
            auth: [{ type: 'password', password: 'pw' }],
          },
        }
      : {}),
  };
}

describe('probeHostKey', () => {
  it('reads the key as unknown, then known, never authenticating', async () => {
    const host = await sshd();
    const first = await probeHostKey(target(host), store);
    expect(first).toMatchObject({
      status: 'unknown',
      fingerprint: hostKeyFingerprint(keyOf(host)),
    });
    expect(first.key.equals(keyOf(host))).toBe(true);
    await store.add('127.0.0.1', host.port, first.key);
    expect((await probeHostKey(target(host), store)).status).toBe('known');
    expect(host.authAttempts).toEqual([]);
  });

  it('stops at a jump host that is not trusted yet, sending nothing to either', async () => {
    const jump = await sshd();
    const host = await sshd();
    const probed = await probeHostKey(target(host, jump), store);
    expect(probed).toMatchObject({ port: jump.port, status: 'unknown' });
    expect(jump.authAttempts).toEqual([]);
    expect(host.authAttempts).toEqual([]);
    expect(jump.forwards).toEqual([]);
  });

  it('logs in to a trusted jump host only, and reads the key behind it', async () => {
    const jump = await sshd();
    const host = await sshd();
    await store.add('127.0.0.1', jump.port, keyOf(jump));
    const probed = await probeHostKey(target(host, jump), store);
    expect(probed).toMatchObject({ port: host.port, status: 'unknown' });
    expect(jump.authAttempts.length).toBeGreaterThan(0);
    expect(host.authAttempts).toEqual([]);
  });

  it('says why when nothing answers', async () => {
    const host = await sshd();
    const port = host.port;
    await host.stop();
    servers.splice(0);
    await expect(probeHostKey({ ...target(host), port }, store)).rejects.toThrow(
      /Cannot read the host key of .*127\.0\.0\.1/,
    );
  });
});
