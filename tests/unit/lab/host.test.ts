import { describe, expect, it } from 'vitest';
import { nsenterArgs } from '../../../electron/engine/lab/control';
import { nspawnArgs } from '../../../electron/engine/lab/host';
import { sha256Fingerprint, withPasswordHashes } from '../../../electron/engine/lab/identity';
import { hostLayout } from '../../../electron/engine/lab/paths';
import { missingToolsMessage } from '../../../electron/engine/lab/preflight';

describe('nspawnArgs', () => {
  it('boots systemd on an overlay of the base, in the host namespace, with what dockerd needs', () => {
    const host = hostLayout(2);
    const args = nspawnArgs('/base', host);
    expect(args).toEqual(
      expect.arrayContaining([
        '--boot',
        '--directory=/base',
        `--overlay=/base:${host.upperDir}:/`,
        '--network-namespace-path=/run/netns/swl-lab-2',
        '--machine=lab-2',
        '--register=no',
        '--keep-unit',
        '--capability=all',
        '--bind=/sys/fs/cgroup',
        '--console=passive',
      ]),
    );
  });

  it('shows each host its own cgroup as the root of the hierarchies its systemd uses, after the whole tree', () => {
    const host = hostLayout(2);
    const args = nspawnArgs('/base', host, [
      { hierarchy: '/sys/fs/cgroup/unified', dir: `/sys/fs/cgroup/unified/${host.cgroup}` },
      { hierarchy: '/sys/fs/cgroup/systemd', dir: `/sys/fs/cgroup/systemd/${host.cgroup}` },
    ]);
    expect(host.cgroup).toBe('swarmlab/swl-lab-2');
    const whole = args.indexOf('--bind=/sys/fs/cgroup');
    const own = [
      '--bind=/sys/fs/cgroup/unified/swarmlab/swl-lab-2/payload:/sys/fs/cgroup/unified',
      '--bind=/sys/fs/cgroup/systemd/swarmlab/swl-lab-2/payload:/sys/fs/cgroup/systemd',
    ].map((bind) => args.indexOf(bind));
    expect(whole).toBeGreaterThanOrEqual(0);
    for (const index of own) expect(index).toBeGreaterThan(whole);
  });
});

describe('nsenterArgs', () => {
  it('enters every namespace of the container init and clears the environment', () => {
    expect(nsenterArgs(4242, ['cat', '/etc/hostname'])).toEqual([
      '-t',
      '4242',
      '-m',
      '-u',
      '-i',
      '-n',
      '-p',
      '-r',
      '-w',
      '--',
      'env',
      '-i',
      'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      'HOME=/root',
      'LANG=C.UTF-8',
      'cat',
      '/etc/hostname',
    ]);
  });

  it('refuses a command env would read as a variable', () => {
    expect(() => nsenterArgs(1, ['A=b', 'true'])).toThrow();
    expect(() => nsenterArgs(1, [])).toThrow();
  });
});

describe('sha256Fingerprint', () => {
  it('matches what ssh-keygen -l prints', () => {
    // ssh-keygen -lf on this key prints SHA256:rxY4ymqCSVkRNvP2xMvaet5wlM9Le6CZhsmSze5CRbc
    const line =
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMVVrWn486I2pSf4gf4bkQ/0XZ7dQeZtE41aP9N8dNZv root@lab-1';
    expect(sha256Fingerprint(line)).toBe('SHA256:rxY4ymqCSVkRNvP2xMvaet5wlM9Le6CZhsmSze5CRbc');
  });

  it('rejects text that is not a public key line', () => {
    expect(() => sha256Fingerprint('nonsense')).toThrow();
  });
});

describe('withPasswordHashes', () => {
  const shadow =
    'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nlabuser:!:19001:0:99999:7:::\n';

  it('replaces the hashes of the named users and leaves the others alone', () => {
    const hashes = new Map([
      ['root', '$6$a$b'],
      ['labuser', '$6$c$d'],
    ]);
    expect(withPasswordHashes(shadow, hashes, 20000)).toBe(
      'root:$6$a$b:20000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\nlabuser:$6$c$d:20000:0:99999:7:::\n',
    );
  });

  it('fails when a user is missing', () => {
    expect(() => withPasswordHashes(shadow, new Map([['nobody', 'x']]))).toThrow(/nobody/);
  });
});

describe('missingToolsMessage', () => {
  it('names the Debian packages to install', () => {
    expect(
      missingToolsMessage([
        { command: 'systemd-nspawn', debianPackage: 'systemd-container' },
        { command: 'debootstrap', debianPackage: 'debootstrap' },
      ]),
    ).toBe(
      'the lab needs systemd-nspawn, debootstrap; install with: apt-get install systemd-container debootstrap',
    );
  });
});
