import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../electron/cli/commands/known-hosts';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'swarmlab.mjs');

function swarmlab(args: string[], env: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SWARMLAB_HOME: mkdtempSync(join(tmpdir(), 'swarmlab-cli-')), ...env },
    timeout: 60_000,
  });
}

describe('the swarmlab command', () => {
  it('lists its commands in --help and exits 0', () => {
    const result = swarmlab(['--help']);
    expect(result.status).toBe(0);
    for (const command of ['apply', 'demo', 'lab', 'known-hosts', 'remove', 'reset']) {
      expect(result.stdout).toContain(command);
    }
  });

  it('remove and reset name the host that is not in the inventory, and refuse to take every manager, before touching any', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inv-'));
    const file = join(dir, 'lab.yaml');
    writeFileSync(
      file,
      [
        'hosts:',
        // Addresses nothing answers at: the commands must stop before connecting.
        '  - { address: 192.0.2.11, hostname: node01, role: manager }',
        '  - { address: 192.0.2.12, hostname: node02, role: worker }',
        '',
      ].join('\n'),
    );
    const unknown = swarmlab(['remove', '-f', file, 'node09', '--yes']);
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain(
      `"node09" is not a host of ${file}; its hosts are node01, node02`,
    );
    const lastManager = swarmlab(['remove', '-f', file, 'node01', '--yes']);
    expect(lastManager.status).toBe(2);
    expect(lastManager.stderr).toContain('would take every manager');
    const managerOnly = swarmlab(['reset', '-f', file, '192.0.2.11', '--yes']);
    expect(managerOnly.status).toBe(2);
    expect(managerOnly.stderr).toContain('would take every manager out while other hosts stay');
    // Three CLI processes: seconds on a busy two-core machine.
  }, 30_000);

  it('refuses an invalid inventory before touching any host, naming host, field and fix', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inv-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'hosts:',
        '  - address: 192.168.11.131',
        '    hostname: node_1',
        '    role: manager',
        '',
      ].join('\n'),
    );
    const result = swarmlab(['apply', '-f', file, '--yes']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('hosts[0] (192.168.11.131).hostname');
    expect(result.stderr).toContain('"node-1"');
    expect(result.stderr).toMatch(/bad\.yaml:3:/);
  });

  it('refuses a daemon option Docker does not have before anything is written, suggesting the right one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inv-'));
    const file = join(dir, 'daemon.yaml');
    writeFileSync(
      file,
      [
        'hosts:',
        '  - address: 192.168.11.131',
        '    role: manager',
        'docker:',
        '  daemon:',
        '    registry-mirror: ["https://mirror.example"]',
        '',
      ].join('\n'),
    );
    const result = swarmlab(['apply', '-f', file, '--yes']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('docker.daemon');
    expect(result.stderr).toContain('registry-mirrors');
  });

  it('says which environment variable is missing when there is no terminal to ask on', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-inv-'));
    const file = join(dir, 'lab.yaml');
    writeFileSync(
      file,
      [
        'hosts:',
        '  - address: 192.168.11.131',
        '    role: manager',
        '    passwordEnv: NODE_PASSWORD_UNSET',
        '',
      ].join('\n'),
    );
    const result = swarmlab(['apply', '-f', file, '--yes'], { NODE_PASSWORD_UNSET: '' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('NODE_PASSWORD_UNSET');
  });
});

describe('parseHostPort', () => {
  it('reads host, host:port and [IPv6]:port', () => {
    expect(parseHostPort('10.0.0.5')).toEqual({ host: '10.0.0.5', port: 22 });
    expect(parseHostPort('node01:2222')).toEqual({ host: 'node01', port: 2222 });
    expect(parseHostPort('[fd00::5]:2200')).toEqual({ host: 'fd00::5', port: 2200 });
    expect(() => parseHostPort('node01:99999')).toThrow(/HOST:PORT/);
  });
});
