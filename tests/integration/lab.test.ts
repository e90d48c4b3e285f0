import { connect } from 'node:net';
import { Client } from 'ssh2';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import {
  hostExec,
  resetHosts,
  restartHost,
  setLinkDown,
  setLinkUp,
  sha256Fingerprint,
} from '../../electron/engine/lab';
import type { LabHost } from '../../electron/engine/lab';

const lab = inject('lab');

interface RemoteResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Logs into `host` by password and runs one command. The host key must be the
 * one the lab wrote (`expectedKey`), never whatever the server offers.
 */
function sshRun(
  host: LabHost,
  login: { user: string; password: string },
  command: string,
  options: { stdin?: string; expectedKey?: string } = {},
): Promise<RemoteResult> {
  const expectedKey = options.expectedKey ?? host.hostKeySha256;
  return new Promise((resolve, reject) => {
    const client = new Client();
    client
      .on('ready', () => {
        client.exec(command, (error, stream) => {
          if (error) {
            client.end();
            reject(error);
            return;
          }
          let stdout = '';
          let stderr = '';
          stream.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
          stream.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
          stream.on('close', (code: number | null) => {
            client.end();
            resolve({ exitCode: code ?? -1, stdout, stderr });
          });
          stream.end(options.stdin ?? '');
        });
      })
      .on('error', reject)
      .connect({
        host: host.address,
        port: host.port,
        username: login.user,
        password: login.password,
        readyTimeout: 15_000,
        // The lab pins ed25519 keys; ask for that one so the pin is comparable.
        algorithms: { serverHostKey: ['ssh-ed25519'] },
        hostVerifier: (key: Buffer) => sha256Fingerprint(key) === expectedKey,
      });
  });
}

const asRoot = (host: LabHost) => ({ user: 'root', password: host.rootPassword });
const asSudoUser = (host: LabHost) => ({ user: host.sudoUser, password: host.sudoPassword });

function tcpAnswers(address: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: address, port });
    socket.setTimeout(1_500, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
    socket.on('connect', () => {
      socket.destroy();
      resolve(true);
    });
  });
}

// Other test files change the hosts (hostnames, Docker); these tests are about bare hosts.
beforeAll(async () => {
  await resetHosts(lab.hosts.map((host) => host.name));
});

describe('lab hosts', () => {
  it('has three hosts with distinct names, addresses and host keys', () => {
    expect(lab.hosts).toHaveLength(3);
    for (const field of ['name', 'address', 'hostKeySha256', 'rootPassword'] as const) {
      expect(new Set(lab.hosts.map((host) => host[field])).size).toBe(3);
    }
    expect(lab.image.name).toBe('swarmlab/busybox:1');
  });

  describe.each(lab.hosts.map((host) => [host.name, host] as const))('%s', (_name, host) => {
    it('runs Debian 12 and logs root in by password', async () => {
      const result = await sshRun(
        host,
        asRoot(host),
        'id -u; . /etc/os-release; echo "$ID $VERSION_ID"',
      );
      expect(result.exitCode).toBe(0);
      expect(result.stdout.split('\n').slice(0, 2)).toEqual(['0', 'debian 12']);
    });

    it('has its own hostname, and the address eth0 shows', async () => {
      const result = await sshRun(host, asRoot(host), 'hostname; ip -4 -o address show dev eth0');
      const [hostname, addressLine] = result.stdout.trim().split('\n');
      expect(hostname).toBe(host.name);
      expect(addressLine).toContain(` inet ${host.address}/24 `);
    });

    it('has no Docker yet', async () => {
      const result = await sshRun(host, asRoot(host), 'command -v docker dockerd');
      expect(result.exitCode).not.toBe(0);
    });

    it('lets the sudo user become root only with its password on stdin', async () => {
      const user = asSudoUser(host);
      const plain = await sshRun(host, user, 'id -un; id -u');
      expect(plain.stdout.trim().split('\n')).toEqual([
        host.sudoUser,
        expect.not.stringMatching(/^0$/),
      ]);

      const withPassword = await sshRun(host, user, "sudo -S -p '' id -u", {
        stdin: `${host.sudoPassword}\n`,
      });
      expect(withPassword.stdout.trim()).toBe('0');

      const withoutPassword = await sshRun(host, user, 'sudo -n true');
      expect(withoutPassword.exitCode).not.toBe(0);
      expect(withoutPassword.stderr).toContain('password is required');
    });

    it('refuses a connection when the host key is not the one the lab wrote', async () => {
      const other = lab.hosts.find((candidate) => candidate.name !== host.name);
      await expect(
        sshRun(host, asRoot(host), 'true', { expectedKey: other?.hostKeySha256 }),
      ).rejects.toThrow();
    });
  });

  it('reaches the other hosts and the outside through the lab gateway', async () => {
    const [first, second] = lab.hosts;
    if (!first || !second) throw new Error('need two hosts');
    const result = await sshRun(first, asRoot(first), `ping -c 1 -W 2 ${second.address}`);
    expect(result.exitCode).toBe(0);
  });
});

describe('lab helpers', () => {
  const [first, second, third] = lab.hosts;
  if (!first || !second || !third) throw new Error('need three hosts');

  it('runs commands inside a host without ssh', async () => {
    const result = await hostExec(first.name, ['cat', '/etc/hostname']);
    expect(result).toMatchObject({ exitCode: 0, stdout: `${first.name}\n` });
    const withInput = await hostExec(first.name, ['cat'], { input: 'through stdin' });
    expect(withInput.stdout).toBe('through stdin');
  });

  it('pulls and plugs back a host network cable', async () => {
    await setLinkDown(second.name);
    try {
      expect(await tcpAnswers(second.address, second.port)).toBe(false);
    } finally {
      await setLinkUp(second.name);
    }
    await expect
      .poll(() => tcpAnswers(second.address, second.port), { timeout: 10_000 })
      .toBe(true);
  });

  it('restarts a host keeping its disk, and resets it to a bare system', async () => {
    await sshRun(third, asRoot(third), 'touch /root/kept /run/lost');
    await restartHost(third.name);
    const afterRestart = await sshRun(third, asRoot(third), 'ls /root/kept /run/lost');
    expect(afterRestart.stdout).toContain('/root/kept');
    expect(afterRestart.stderr).toContain('/run/lost');

    await resetHosts([third.name]);
    // Same credentials and host key (sshRun verifies it), no trace of the old disk.
    const afterReset = await sshRun(third, asRoot(third), 'test -e /root/kept; echo $?');
    expect(afterReset.stdout.trim()).toBe('1');
    // It kept its MAC too: its neighbours reach it at once, with no stale ARP entry.
    const ping = await sshRun(first, asRoot(first), `ping -c 1 -W 2 ${third.address}`);
    expect(ping.exitCode).toBe(0);
  });

  it('boots hosts reset together each under its own cgroup, fully up, the sudo user let in', async () => {
    // Hosts sharing one systemd cgroup tree failed units at random when booted together
    // (systemd-user-sessions among them, which leaves /run/nologin and locks users out).
    for (let round = 0; round < 3; round += 1) {
      await resetHosts(lab.hosts.map((host) => host.name));
      for (const host of lab.hosts) {
        const state = await hostExec(host.name, ['systemctl', 'is-system-running']);
        const failed = await hostExec(host.name, ['systemctl', '--failed', '--no-legend']);
        expect(`${state.stdout.trim()} ${failed.stdout.trim()}`, host.name).toBe('running ');
        const init = await hostExec(host.name, ['cat', '/proc/1/cgroup']);
        expect(init.stdout).toMatch(
          new RegExp(`:/swarmlab/swl\\d?-${host.name}/payload/init\\.scope$`, 'm'),
        );
        const login = await sshRun(host, asSudoUser(host), 'id -un');
        expect(login.stdout.trim()).toBe(host.sudoUser);
      }
    }
  });
});
