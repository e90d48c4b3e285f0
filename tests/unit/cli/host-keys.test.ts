/** The CLI's question about new host keys, before it logs in anywhere. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { settleHostKeys } from '../../../electron/cli/host-keys';
import { knownHostsPath } from '../../../electron/engine/app-paths';
import {
  resolveSecrets,
  validateInventory,
  type Inventory,
} from '../../../electron/engine/inventory';
import { KnownHostsStore, hostKeyFingerprint } from '../../../electron/engine/ssh';
import { FakeSshd, generateEd25519Key } from '../ssh/fake-sshd';

let home: string;
let server: FakeSshd;
let env: NodeJS.ProcessEnv;
let output: string;
let asked: string[];

beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-cli-keys-'));
  env = { SWARMLAB_HOME: home };
  server = await new FakeSshd({ users: { root: { password: 'pw' } } }).start();
  output = '';
  asked = [];
});
afterEach(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

function inventory(): Inventory {
  const result = validateInventory({
    hosts: [{ address: '127.0.0.1', port: server.port, role: 'manager', password: 'pw' }],
  });
  if (!result.ok) throw new Error('bad test inventory');
  return result.inventory;
}

const serverKey = (): Buffer => {
  const parsed = utils.parseKey(server.hostKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed.getPublicSSH();
};
const store = () => new KnownHostsStore(knownHostsPath(env));

function settle(yes: boolean, answer: boolean) {
  const listed = inventory();
  return settleHostKeys(listed, resolveSecrets(listed, env), {
    yes,
    env,
    write: (text) => (output += text),
    ask: async (question) => {
      asked.push(question);
      return answer;
    },
  });
}

describe('settleHostKeys', () => {
  it('prints a new key and stops, sending nothing, when the person says no', async () => {
    expect(await settle(false, false)).toBeUndefined();
    expect(output).toContain(hostKeyFingerprint(serverKey()));
    expect(output).toContain('Nothing was changed');
    expect(asked).toHaveLength(1);
    expect(await store().read()).toEqual([]);
    expect(server.authAttempts).toEqual([]);
  });

  it('records the key shown when the person says yes, and names it as trusted now', async () => {
    const trusted = await settle(false, true);
    expect(trusted).toEqual([
      { host: '127.0.0.1', port: server.port, fingerprint: hostKeyFingerprint(serverKey()) },
    ]);
    expect(await store().lookup('127.0.0.1', server.port, serverKey())).toEqual({
      status: 'known',
    });
    expect(server.authAttempts).toEqual([]);
  });

  it('--yes trusts new keys without asking; known keys are not asked about again', async () => {
    expect(await settle(true, false)).toHaveLength(1);
    expect(asked).toEqual([]);
    output = '';
    expect(await settle(false, false)).toEqual([]);
    expect(asked).toEqual([]);
    expect(output).toBe('');
  });

  it('stops at a changed key even with --yes, naming the way to forget the old one', async () => {
    const old = Buffer.from(generateEd25519Key().public.split(' ')[1] ?? '', 'base64');
    await store().add('127.0.0.1', server.port, old);
    expect(await settle(true, true)).toBeUndefined();
    expect(output).toContain('CHANGED');
    expect(output).toContain(hostKeyFingerprint(old));
    expect(output).toContain(`swarmlab known-hosts forget 127.0.0.1:${server.port}`);
    expect(asked).toEqual([]);
    expect(server.authAttempts).toEqual([]);
  });
});
