import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SshEndpoint, SshTarget } from '../../../electron/engine/ssh/types';
import { spawnPty } from '../../../electron/main/terminals/spawn-pty';
import { systemSshArgs } from '../../../electron/main/terminals/system-ssh';

/** What every hop's ssh is told before its own port, user and ProxyCommand. */
const TRUST = [
  '-o',
  'UserKnownHostsFile=/kh',
  '-o',
  'HashKnownHosts=no',
  '-o',
  'StrictHostKeyChecking=ask',
  '-o',
  'ServerAliveInterval=10',
];

const bastion: SshEndpoint = { host: 'bastion', port: 2200, username: 'j', auth: [] };

describe('opening a node with the system ssh client', () => {
  it('uses the app key and the app known_hosts, and puts no password anywhere', () => {
    const args = systemSshArgs(
      {
        id: 'node-1',
        host: '10.0.0.5',
        port: 2222,
        username: 'ops',
        auth: [{ type: 'password', password: 'hunter2' }],
      },
      { appKeyPath: '/home/me/.config/swarmlab/id_ed25519', knownHostsPath: '/kh' },
    );
    expect(args).toEqual([
      '-t',
      ...TRUST,
      '-o',
      'IdentityFile=/home/me/.config/swarmlab/id_ed25519',
      '-p',
      '2222',
      '-l',
      'ops',
      '--',
      '10.0.0.5',
    ]);
    expect(args.join(' ')).not.toContain('hunter2');
    expect(args.join(' ')).not.toMatch(/StrictHostKeyChecking=no/);
  });

  it('gives the jump host the app known_hosts, key, port and user, through a ProxyCommand', () => {
    const args = systemSshArgs(
      { id: 'n', host: 'fd00::5', username: 'root', auth: [], jump: bastion },
      { appKeyPath: '/k', knownHostsPath: '/kh' },
    );
    expect(args).not.toContain('-J');
    expect(args).toEqual([
      '-t',
      ...TRUST,
      '-o',
      'IdentityFile=/k',
      '-o',
      "ProxyCommand=ssh -o UserKnownHostsFile=/kh -o HashKnownHosts=no -o StrictHostKeyChecking=ask -o ServerAliveInterval=10 -o IdentityFile=/k -p 2200 -l j -W '[%h]:%p' -- bastion",
      '-p',
      '22',
      '-l',
      'root',
      '--',
      'fd00::5',
    ]);
  });

  it('nests two jump hosts, outermost innermost, each with the same trust', () => {
    const args = systemSshArgs(
      {
        id: 'n',
        host: '10.0.0.9',
        username: 'root',
        auth: [],
        jump: { host: 'inner', username: 'i', auth: [], jump: bastion },
      },
      { appKeyPath: undefined, knownHostsPath: '/kh' },
    );
    const proxy = args.find((arg) => arg.startsWith('ProxyCommand='));
    const outer =
      "ssh -o UserKnownHostsFile=/kh -o HashKnownHosts=no -o StrictHostKeyChecking=ask -o ServerAliveInterval=10 -p 2200 -l j -W '[%h]:%p' -- bastion";
    // The outer hop's command is one shell word of the inner hop's, its % tokens doubled so
    // they reach the ssh that runs it.
    const nested = `'ProxyCommand=${outer.replaceAll("'", `'\\''`).replaceAll('%', '%%')}'`;
    expect(proxy).toBe(
      `ProxyCommand=ssh -o UserKnownHostsFile=/kh -o HashKnownHosts=no -o StrictHostKeyChecking=ask -o ServerAliveInterval=10 -o ${nested} -p 22 -l i -W '[%h]:%p' -- inner`,
    );
    expect(args.join(' ')).not.toContain('IdentityFile');
  });

  it('keeps % literal and quotes paths that ssh_config would split or cut', () => {
    const args = systemSshArgs(
      { id: 'n', host: 'h', username: 'u', auth: [], jump: bastion },
      {
        appKeyPath: '/home/me/app #1 at 100%/id_ed25519',
        knownHostsPath: "/home/me/it's/known_hosts",
      },
    );
    expect(args).toContain('UserKnownHostsFile="/home/me/it\'s/known_hosts"');
    expect(args).toContain('IdentityFile="/home/me/app #1 at 100%%/id_ed25519"');
    // Inside the ProxyCommand, each % is doubled once more for the ssh that runs it.
    expect(args.find((arg) => arg.startsWith('ProxyCommand='))).toContain(
      `'IdentityFile="/home/me/app #1 at 100%%%%/id_ed25519"'`,
    );
  });

  it('refuses a path that no OpenSSH option can carry, naming it', () => {
    expect(() =>
      systemSshArgs(
        { id: 'n', host: 'h', username: 'u', auth: [] },
        { appKeyPath: undefined, knownHostsPath: '/odd\nname/known_hosts' },
      ),
    ).toThrow(/known_hosts file .*line break.*SWARMLAB_HOME/);
  });
});

/**
 * The real OpenSSH client reads the arguments. `ssh -G` prints the configuration it would use;
 * a ProxyCommand is run as ssh runs it, with an `ssh` first on PATH that records its argv and
 * hangs up, so nothing connects anywhere. A hostile ssh_config (-F) tries to override the trust.
 */
describe('the arguments as OpenSSH reads them', () => {
  let work: string;
  let realSsh: string;
  let appDir: string;
  let keyPath: string;
  let knownHostsPath: string;
  let hostile: string;
  let records: string;
  let bin: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'swarmlab-system-ssh-'));
    realSsh = spawnSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).stdout.trim();
    // %, # and spaces: each would change the path if it reached ssh_config unescaped.
    appDir = join(work, 'app #1 at 100%');
    mkdirSync(appDir);
    keyPath = join(appDir, 'id_ed25519');
    knownHostsPath = join(appDir, 'known_hosts');
    writeFileSync(knownHostsPath, '');
    const keygen = spawnSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', keyPath]);
    expect(keygen.status).toBe(0);
    hostile = join(work, 'hostile_config');
    writeFileSync(
      hostile,
      [
        'Host *',
        '  UserKnownHostsFile /dev/null',
        '  HashKnownHosts yes',
        '  StrictHostKeyChecking no',
        '',
      ].join('\n'),
    );
    bin = join(work, 'bin');
    records = join(work, 'records');
    mkdirSync(bin);
    mkdirSync(records);
    writeFileSync(
      join(bin, 'ssh'),
      '#!/bin/sh\nfor arg in "$@"; do printf \'%s\\0\' "$arg"; done > "$RECORDS/$$"\n',
      { mode: 0o755 },
    );
  });

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  /** `ssh -G`: the effective configuration, every value of each keyword. */
  function effectiveConfig(args: readonly string[]): Map<string, string[]> {
    const result = spawnSync(realSsh, ['-G', '-F', hostile, ...args], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const config = new Map<string, string[]>();
    for (const line of result.stdout.split('\n')) {
      const space = line.indexOf(' ');
      if (space < 0) continue;
      const key = line.slice(0, space);
      config.set(key, [...(config.get(key) ?? []), line.slice(space + 1)]);
    }
    return config;
  }

  /** Runs ssh for real; its ProxyCommand starts the recording ssh. Returns that one's argv. */
  function runThroughProxy(args: readonly string[]): { hop: string[]; debug: string } {
    for (const name of readdirSync(records)) rmSync(join(records, name));
    const result = spawnSync(realSsh, ['-vv', '-F', hostile, ...args], {
      encoding: 'utf8',
      input: '',
      timeout: 20_000,
      env: { PATH: `${bin}:${process.env.PATH ?? ''}`, SHELL: '/bin/sh', RECORDS: records },
    });
    const written = readdirSync(records);
    expect(written, result.stderr).toHaveLength(1);
    const hop = readFileSync(join(records, written[0] ?? ''), 'utf8').split('\0');
    return { hop: hop.slice(0, -1), debug: result.stderr };
  }

  function expectSwarmlabTrust(config: Map<string, string[]>): void {
    expect(config.get('userknownhostsfile')).toEqual([knownHostsPath]);
    expect(config.get('hashknownhosts')).toEqual(['no']);
    expect(config.get('stricthostkeychecking')).toEqual(['ask']);
    // ssh -G prints identity files before expanding % in them.
    expect(config.get('identityfile')?.[0]).toBe(keyPath.replaceAll('%', '%%'));
  }

  const options = () => ({ appKeyPath: keyPath, knownHostsPath });

  it('one jump host: the jump hop trusts swarmlab’s known_hosts and key', () => {
    const target: SshTarget = { id: 'n', host: '10.0.0.5', port: 2222, username: 'ops', auth: [] };
    const args = systemSshArgs({ ...target, jump: bastion }, options());

    const final = effectiveConfig(args);
    expectSwarmlabTrust(final);
    expect(final.get('user')).toEqual(['ops']);
    expect(final.get('port')).toEqual(['2222']);

    const { hop, debug } = runThroughProxy(args);
    // The last hop loaded the app key from its real path (% and all).
    expect(debug).toContain(`identity file ${keyPath} type `);
    expect(debug).not.toContain(`identity file ${keyPath} type -1`);
    // The jump hop forwards to the node, and is configured as swarmlab's.
    expect(hop.slice(hop.indexOf('-W'))).toEqual(['-W', '[10.0.0.5]:2222', '--', 'bastion']);
    const jump = effectiveConfig(hop.slice(0, hop.indexOf('-W')).concat('bastion'));
    expectSwarmlabTrust(jump);
    expect(jump.get('user')).toEqual(['j']);
    expect(jump.get('port')).toEqual(['2200']);
    expect(jump.get('hostname')).toEqual(['bastion']);
  });

  it('two jump hosts: each hop trusts swarmlab’s known_hosts and key', () => {
    const inner: SshEndpoint = {
      host: 'inner',
      port: 2300,
      username: 'i',
      auth: [],
      jump: bastion,
    };
    const args = systemSshArgs(
      { id: 'n', host: '10.0.0.9', username: 'root', auth: [], jump: inner },
      options(),
    );

    const first = runThroughProxy(args).hop;
    expect(first.slice(first.indexOf('-W'))).toEqual(['-W', '[10.0.0.9]:22', '--', 'inner']);
    const innerConfig = effectiveConfig(first.slice(0, first.indexOf('-W')).concat('inner'));
    expectSwarmlabTrust(innerConfig);
    expect(innerConfig.get('user')).toEqual(['i']);
    expect(innerConfig.get('port')).toEqual(['2300']);

    // The inner hop's own ssh, run for real, starts the outer hop through its ProxyCommand.
    const { hop: second, debug } = runThroughProxy(first);
    expect(debug).toContain(`identity file ${keyPath} type `);
    expect(second.slice(second.indexOf('-W'))).toEqual(['-W', '[inner]:2300', '--', 'bastion']);
    const outerConfig = effectiveConfig(second.slice(0, second.indexOf('-W')).concat('bastion'));
    expectSwarmlabTrust(outerConfig);
    expect(outerConfig.get('user')).toEqual(['j']);
    expect(outerConfig.get('port')).toEqual(['2200']);
  });
});

describe('the node-pty seam', () => {
  it('refuses to fork a real pty from a unit test', async () => {
    await expect(
      spawnPty({ file: '/bin/sh', args: [], cwd: '/', env: {}, cols: 80, rows: 24 }),
    ).rejects.toThrow(/inject a fake SpawnPty/);
  });
});
