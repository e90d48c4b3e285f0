/** `swarmlab inventory import`, as a user runs it: files on disk, YAML out, notes on stderr. */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { SCHEMA_PATH } from '../inventory/helpers';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'swarmlab.mjs');

function swarmlab(args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], {
    encoding: 'utf8',
    env: { ...process.env, SWARMLAB_HOME: mkdtempSync(join(tmpdir(), 'swarmlab-cli-')) },
    timeout: 60_000,
  });
}

/** The published schema, as a validator. */
function publishedSchema() {
  return z.fromJSONSchema(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8')) as Record<string, unknown>);
}

describe('swarmlab inventory import', () => {
  it('turns an Ansible inventory into a valid inventory file without its secrets', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-import-'));
    const source = join(dir, 'hosts.ini');
    writeFileSync(
      source,
      [
        '[managers]',
        'm1 ansible_host=10.2.0.1',
        '[workers]',
        'w[1:3] ansible_user=ops ansible_become_password=become-secret-77',
        '[all:vars]',
        'ansible_ssh_pass=login-secret-88',
        '',
      ].join('\n'),
    );
    const output = join(dir, 'lab.yaml');
    const result = swarmlab(['inventory', 'import', '--ansible', source, '-o', output]);
    expect(result.stderr).toContain(`Wrote 4 host(s) to ${output}`);
    expect(result.status).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text).not.toContain('secret-77');
    expect(text).not.toContain('secret-88');
    const document = parse(text) as { hosts: { address: string; role: string }[] };
    expect(document.hosts.map((host) => `${host.address} ${host.role}`)).toEqual([
      '10.2.0.1 manager',
      'w1 worker',
      'w2 worker',
      'w3 worker',
    ]);
    const checked = publishedSchema().safeParse(document);
    expect(checked.error?.issues ?? []).toEqual([]);
    expect(result.stderr).toMatch(/not carried over: w1: its become password was not written/);
  });

  it('follows an ssh config Include and names the managers it was given', () => {
    const dir = mkdtempSync(join(tmpdir(), 'swarmlab-import-'));
    mkdirSync(join(dir, 'conf.d'));
    writeFileSync(join(dir, 'config'), 'Include conf.d/*.conf\nHost *\n  User admin\n');
    writeFileSync(
      join(dir, 'conf.d', 'lab.conf'),
      'Host a b\n  Port 2022\nHost a\n  HostName 10.3.0.1\nHost b\n  HostName 10.3.0.2\n',
    );
    const result = swarmlab([
      'inventory',
      'import',
      '--ssh-config',
      join(dir, 'config'),
      '--managers',
      'b',
    ]);
    expect(result.status).toBe(0);
    const document = parse(result.stdout) as { hosts: Record<string, unknown>[] };
    expect(document.hosts).toEqual([
      { address: '10.3.0.1', port: 2022, user: 'admin', role: 'worker' },
      { address: '10.3.0.2', port: 2022, user: 'admin', role: 'manager' },
    ]);
    expect(publishedSchema().safeParse(document).success).toBe(true);
  });

  it('refuses two sources, or none, before reading anything', () => {
    const result = swarmlab(['inventory', 'import']);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('give one of --ssh-config FILE or --ansible FILE');
  });
});
