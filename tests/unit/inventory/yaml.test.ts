import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  loadInventory,
  parseInventory,
  resolveHosts,
  saveInventory,
  validateInventory,
} from '../../../electron/engine/inventory';
import { EXAMPLE_PATH, minimal } from './helpers';

describe('docs/inventory.example.yaml', () => {
  it('loads and validates without errors or warnings', async () => {
    const result = await loadInventory({ file: EXAMPLE_PATH });
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    if (!result.ok) throw new Error('example did not load');
    const hosts = resolveHosts(result.inventory);
    expect(hosts.map((host) => [host.id, host.role])).toEqual([
      ['node01', 'manager'],
      ['node02', 'worker'],
      ['node03', 'worker'],
    ]);
    const { docker, swarm } = result.inventory;
    expect(docker.daemon?.['registry-mirrors']?.length).toBeGreaterThan(0);
    expect(docker.daemon?.['insecure-registries']?.length).toBeGreaterThan(0);
    expect(docker.daemon?.['log-opts']).toEqual({ 'max-size': '10m', 'max-file': '3' });
    expect(swarm.network.name).toBe('swarmlab-net');
  });

  it('keeps the aliyun package mirror as a comment', () => {
    const text = readFileSync(EXAMPLE_PATH, 'utf8');
    expect(text).toMatch(/^\s*# mirror: aliyun/m);
  });
});

describe('parseInventory', () => {
  it('gives line:col for YAML syntax errors', () => {
    const result = parseInventory(
      'hosts:\n  - address: 10.0.0.1\n    role: [manager\n',
      'lab.yaml',
    );
    expect(result.ok).toBe(false);
    expect(result.errors[0]).toMatchObject({ line: expect.any(Number), col: expect.any(Number) });
    expect(result.errors[0]?.line).toBeGreaterThanOrEqual(3);
    expect(result.errors[0]?.message).toMatch(/^YAML syntax: /);
    expect(result.errors[0]?.message).not.toContain('\n');
  });

  it.each([
    ['duplicate keys', 'hosts: []\nhosts: []\n', /keep one/],
    ['tabs', 'hosts:\n\t- address: a\n', /./],
    ['two documents', 'hosts: []\n---\nhosts: []\n', /one document/],
  ])('refuses %s', (_name, text, fix) => {
    const result = parseInventory(text);
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.line).toBeDefined();
    expect(result.errors[0]?.fix).toMatch(fix);
  });

  it('gives line:col for schema errors, pointing at the key', () => {
    const text = [
      'defaults:',
      '  passwordEnv: PW',
      'hosts:',
      '  - address: 192.168.1.11',
      '    role: manager',
      '  - address: 192.168.1.13',
      '    hostname: node_1',
      'docker:',
      '  daemon:',
      '    log-opts:',
      '      max-file: 3',
    ].join('\n');
    const result = parseInventory(text, 'lab.yaml');
    expect(result.errors).toEqual([
      expect.objectContaining({ path: 'hosts[1].hostname', host: '192.168.1.13', line: 7, col: 5 }),
      expect.objectContaining({ path: 'docker.daemon.log-opts.max-file', line: 11, col: 7 }),
    ]);
  });

  it('reads YAML 1.2: yes is text, 0755 is a number', () => {
    const result = parseInventory(
      'hosts:\n  - address: 10.0.0.1\n    role: manager\nprepare:\n  hostsFile: yes\n',
    );
    expect(result.errors).toContainEqual(
      expect.objectContaining({ path: 'prepare.hostsFile', fix: 'write true without quotes' }),
    );
  });

  it('refuses an empty file and explains', () => {
    expect(parseInventory('# nothing\n').errors[0]?.message).toBe('the inventory is empty');
  });

  it('reports a missing file as an issue, not a throw', async () => {
    const result = await loadInventory({ file: '/nonexistent/lab.yaml' });
    expect(result.ok).toBe(false);
    expect(result.errors[0]?.message).toMatch(/no such file/);
  });
});

describe('saveInventory', () => {
  const withSecrets = minimal({
    defaults: {
      password: 'default-pw-123',
      sudoPassword: 'sudo-pw-456',
      sudoPasswordEnv: undefined,
    },
    jumpHost: { address: 'bastion.lab', keyFile: '~/.ssh/j', keyPassphrase: 'jump-pp-789' },
  });
  (withSecrets.hosts as Record<string, unknown>[])[1] = {
    address: '192.168.11.132',
    hostname: 'node02',
    keyFile: '~/.ssh/k',
    keyPassphraseEnv: 'NODE02_PP',
    labels: { password: 'label-value-is-not-a-secret' },
  };

  it('never writes passwords unless asked, keeps the *Env references', () => {
    const result = validateInventory(withSecrets);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = saveInventory(result.inventory);
    for (const secret of ['default-pw-123', 'sudo-pw-456', 'jump-pp-789'])
      expect(text).not.toContain(secret);
    expect(text).toContain('keyPassphraseEnv: NODE02_PP');
    expect(text).toContain('label-value-is-not-a-secret');
    const header = /^# Left out \(swarmlab never saves secrets\): (.*)\.$/m
      .exec(text)?.[1]
      ?.split(', ');
    expect(header?.sort()).toEqual([
      'defaults.password',
      'defaults.sudoPassword',
      'jumpHost.keyPassphrase',
    ]);

    const full = saveInventory(result.inventory, { includeSecrets: true });
    for (const secret of ['default-pw-123', 'sudo-pw-456', 'jump-pp-789'])
      expect(full).toContain(secret);
    expect(full).not.toContain('Left out');
  });

  it('round-trips: save → load gives the same inventory (minus secrets)', () => {
    const first = parseInventory(readFileSync(EXAMPLE_PATH, 'utf8'));
    if (!first.ok) throw new Error('example');
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inv-'));
    const file = join(dir, 'lab.yaml');
    writeFileSync(file, saveInventory(first.inventory));
    const second = parseInventory(readFileSync(file, 'utf8'));
    expect(second.ok && second.inventory).toEqual(first.inventory);
  });

  it('keeps strings that look like numbers as strings, and writes no anchors', () => {
    const shared = { zone: 'a' };
    const data = minimal({
      docker: { version: '24.0', daemon: { 'log-opts': { 'max-file': '3' } } },
    });
    (data.hosts as Record<string, unknown>[])[1] = { address: '192.168.11.132', labels: shared };
    (data.hosts as Record<string, unknown>[])[2] = { address: '192.168.11.133', labels: shared };
    const result = validateInventory(data);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const text = saveInventory(result.inventory);
    expect(text).not.toMatch(/[&*]a\d/);
    const back = parse(text) as {
      docker: { version: unknown; daemon: { 'log-opts': Record<string, unknown> } };
    };
    expect(back.docker.version).toBe('24.0');
    expect(back.docker.daemon['log-opts']['max-file']).toBe('3');
  });

  it('writes keys in schema order', () => {
    const text = saveInventory({
      verify: { enabled: false },
      hosts: [{ role: 'manager', address: '10.0.0.1' }],
      name: 'x',
    });
    expect(text.indexOf('name:')).toBeLessThan(text.indexOf('hosts:'));
    expect(text.indexOf('hosts:')).toBeLessThan(text.indexOf('verify:'));
    expect(text.indexOf('address:')).toBeLessThan(text.indexOf('role:'));
  });
});
