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
    for (const command of ['apply', 'demo', 'lab', 'known-hosts']) {
      expect(result.stdout).toContain(command);
    }
  });

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
