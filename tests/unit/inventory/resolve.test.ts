import { describe, expect, it } from 'vitest';
import type { Inventory, ResolvedHost } from '../../../electron/engine/inventory';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import {
  JUMP_HOST_TARGET,
  missingSecrets,
  resolveHosts,
  resolveJumpHost,
  resolveSecrets,
  secretValues,
  validateInventory,
} from '../../../electron/engine/inventory';
import { minimal } from './helpers';

function inventory(data: Record<string, unknown>): Inventory {
  const result = validateInventory(data);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

describe('resolveHosts', () => {
  it('applies defaults, lets hosts override them and merges labels', () => {
    const inv = inventory({
      defaults: {
        user: 'ops',
        port: 2222,
        keyFile: '~/.ssh/lab',
        sudoPasswordEnv: 'SUDO_PW',
        labels: { dc: 'sh', zone: 'a' },
      },
      hosts: [
        { address: '10.1.1.1', hostname: 'node01', role: 'manager' },
        {
          address: '10.1.1.2',
          port: 22,
          user: 'root',
          passwordEnv: 'NODE2_PW',
          labels: { zone: 'b' },
        },
        { address: '10.1.1.3', agent: true, sudoPassword: 'inline-sudo' },
      ],
    });
    const [first, second, third] = resolveHosts(inv);
    expect(first).toEqual({
      id: 'node01',
      index: 0,
      address: '10.1.1.1',
      port: 2222,
      user: 'ops',
      auth: { method: 'key', keyFile: '~/.ssh/lab' },
      sudo: { mode: 'password', password: { from: 'env', name: 'SUDO_PW' } },
      hostname: 'node01',
      role: 'manager',
      labels: { dc: 'sh', zone: 'a' },
    });
    expect(second).toMatchObject({
      id: '10.1.1.2',
      port: 22,
      user: 'root',
      auth: { method: 'password', password: { from: 'env', name: 'NODE2_PW' } },
      sudo: { mode: 'root' },
      role: 'worker',
      labels: { dc: 'sh', zone: 'b' },
    });
    expect(third).toMatchObject({
      id: '10.1.1.3:2222',
      auth: { method: 'agent' },
      sudo: { mode: 'password', password: { from: 'inline' } },
    });
    // No secret value reaches the resolved hosts.
    expect(JSON.stringify(resolveHosts(inv))).not.toContain('inline-sudo');
  });

  it('resolved hosts are what the run plan shows', () => {
    const hosts: ResolvedHost[] = resolveHosts(inventory(minimal()));
    const summaries: PlanHostSummary[] = hosts;
    expect(summaries.map((host) => host.id)).toEqual(['node01', 'node02', 'node03']);
  });

  it('a non-root user without sudo password means passwordless sudo', () => {
    const inv = inventory(minimal({ defaults: { user: 'ubuntu', agent: true } }));
    expect(resolveHosts(inv)[0]?.sudo).toEqual({ mode: 'nopasswd' });
  });

  it('a host with no login anywhere is asked for its password', () => {
    const inv = inventory(minimal({ defaults: {} }));
    expect(resolveHosts(inv)[0]?.auth).toEqual({
      method: 'password',
      password: { from: 'prompt' },
    });
  });

  it('resolves the jump host with its defaults', () => {
    const inv = inventory(
      minimal({ jumpHost: { address: 'bastion.lab', passwordEnv: 'JUMP_PW' } }),
    );
    expect(resolveJumpHost(inv)).toEqual({
      address: 'bastion.lab',
      port: 22,
      user: 'root',
      auth: { method: 'password', password: { from: 'env', name: 'JUMP_PW' } },
    });
    expect(resolveJumpHost(inventory(minimal()))).toBeUndefined();
  });
});

describe('secrets', () => {
  const inv = inventory({
    defaults: { passwordEnv: 'SWARM_PW', user: 'ops', sudoPasswordEnv: 'SWARM_PW' },
    jumpHost: { address: 'bastion.lab', keyFile: '~/.ssh/j', keyPassphraseEnv: 'JUMP_PASSPHRASE' },
    hosts: [
      { address: '10.1.1.1', hostname: 'node01', role: 'manager' },
      { address: '10.1.1.2', hostname: 'node02', password: 'inline-pw' },
      {
        address: '10.1.1.3',
        hostname: 'node03',
        password: undefined,
        keyFile: '~/.ssh/k',
        keyPassphrase: 'pp-inline',
      },
    ],
  });

  it('reads env variables from the object given, never process.env', () => {
    process.env.SWARM_PW = 'from-process-env';
    try {
      const { hosts, jumpHost, missing } = resolveSecrets(inv, {
        SWARM_PW: 'env-pw',
        JUMP_PASSPHRASE: 'jump-pp',
      });
      expect(hosts.get('node01')).toEqual({ password: 'env-pw', sudoPassword: 'env-pw' });
      expect(hosts.get('node02')).toEqual({ password: 'inline-pw', sudoPassword: 'env-pw' });
      expect(hosts.get('node03')).toEqual({ keyPassphrase: 'pp-inline', sudoPassword: 'env-pw' });
      expect(jumpHost).toEqual({ keyPassphrase: 'jump-pp' });
      expect(missing).toEqual([]);
      expect(resolveSecrets(inv, {}).hosts.get('node01')).toEqual({});
    } finally {
      delete process.env.SWARM_PW;
    }
  });

  it('lists what must be asked, once per variable, and accepts the answers', () => {
    const missing = missingSecrets(inv, { SWARM_PW: '' });
    expect(missing).toEqual([
      {
        key: 'env:SWARM_PW',
        kinds: ['password', 'sudoPassword'],
        env: 'SWARM_PW',
        targets: ['node01', 'node02', 'node03'],
        prompt: 'SSH password / sudo password for node01, node02, node03 (SWARM_PW is not set)',
      },
      {
        key: 'env:JUMP_PASSPHRASE',
        kinds: ['keyPassphrase'],
        env: 'JUMP_PASSPHRASE',
        targets: [JUMP_HOST_TARGET],
        prompt: `key passphrase for ${JUMP_HOST_TARGET} (JUMP_PASSPHRASE is not set)`,
      },
    ]);
    const answered = resolveSecrets(
      inv,
      {},
      { 'env:SWARM_PW': 'typed', 'env:JUMP_PASSPHRASE': 'typed-pp' },
    );
    expect(answered.missing).toEqual([]);
    expect(answered.hosts.get('node01')?.password).toBe('typed');
    expect(secretValues(answered).sort()).toEqual(['inline-pw', 'pp-inline', 'typed', 'typed-pp']);
  });

  it('asks per host when a host names no login', () => {
    const bare = inventory(minimal({ defaults: {} }));
    const missing = missingSecrets(bare);
    expect(missing.map((entry) => entry.key)).toEqual([
      'prompt:node01:password',
      'prompt:node02:password',
      'prompt:node03:password',
    ]);
    expect(missing[0]?.env).toBeUndefined();
    const answered = resolveSecrets(bare, {}, { 'prompt:node02:password': 'pw2' });
    expect(answered.hosts.get('node02')).toEqual({ password: 'pw2' });
    expect(answered.missing).toHaveLength(2);
  });
});
