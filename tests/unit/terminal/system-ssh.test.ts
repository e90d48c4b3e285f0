import { describe, expect, it } from 'vitest';
import { spawnPty } from '../../../electron/main/terminals/spawn-pty';
import { systemSshArgs } from '../../../electron/main/terminals/system-ssh';

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
      '-o',
      'UserKnownHostsFile=/kh',
      '-o',
      'HashKnownHosts=no',
      '-o',
      'ServerAliveInterval=10',
      '-p',
      '2222',
      '-i',
      '/home/me/.config/swarmlab/id_ed25519',
      '-l',
      'ops',
      '--',
      '10.0.0.5',
    ]);
    expect(args.join(' ')).not.toContain('hunter2');
    expect(args.join(' ')).not.toMatch(/StrictHostKeyChecking=no/);
  });

  it('goes through the jump hosts, outermost first', () => {
    const args = systemSshArgs(
      {
        id: 'n',
        host: 'fd00::5',
        username: 'root',
        auth: [],
        jump: { host: 'bastion', port: 22, username: 'j', auth: [] },
      },
      { appKeyPath: undefined, knownHostsPath: '/kh' },
    );
    expect(args).toContain('-J');
    expect(args[args.indexOf('-J') + 1]).toBe('j@bastion:22');
    expect(args).not.toContain('-i');
    expect(args.at(-1)).toBe('fd00::5');
  });
});

describe('the node-pty seam', () => {
  it('refuses to fork a real pty from a unit test', async () => {
    await expect(
      spawnPty({ file: '/bin/sh', args: [], cwd: '/', env: {}, cols: 80, rows: 24 }),
    ).rejects.toThrow(/inject a fake SpawnPty/);
  });
});
