import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { setLinkDown, setLinkUp } from '../../electron/engine/lab';
import type { LabHost } from '../../electron/engine/lab';
import {
  ConnectionLostError,
  HostKeyChangedError,
  HostSession,
  KnownHostsStore,
  SudoNotAllowedError,
  SudoPasswordError,
  forgetHostKey,
} from '../../electron/engine/ssh';
import type { HostSessionOptions, SessionEvent, SshTarget } from '../../electron/engine/ssh';

const lab = inject('lab');
const [first, second] = lab.hosts;
if (!first || !second) throw new Error('the lab needs two hosts');

let dir: string;
let knownHosts: KnownHostsStore;
let events: SessionEvent[] = [];
const opened: HostSession[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-ssh-it-'));
  knownHosts = new KnownHostsStore(join(dir, 'known_hosts'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(async () => {
  for (const session of opened.splice(0)) await session.close();
});

function asRoot(host: LabHost): SshTarget {
  return {
    id: `${host.name}-root`,
    host: host.address,
    port: host.port,
    username: 'root',
    auth: [{ type: 'password', password: host.rootPassword }],
  };
}

function asSudoUser(host: LabHost, sudoPassword = host.sudoPassword): SshTarget {
  return {
    id: `${host.name}-sudo`,
    host: host.address,
    port: host.port,
    username: host.sudoUser,
    auth: [{ type: 'password', password: host.sudoPassword }],
    sudoPassword,
  };
}

function open(target: SshTarget, options: Partial<HostSessionOptions> = {}): HostSession {
  const session = new HostSession(target, {
    knownHosts,
    onEvent: (event) => events.push(event),
    ...options,
  });
  opened.push(session);
  return session;
}

describe('ssh layer against lab hosts', () => {
  afterEach(() => {
    events = [];
  });

  it('trusts a new host on first use with the fingerprint the lab wrote, then knows it', async () => {
    const session = open(asRoot(first));
    const [report] = await session.connect();
    expect(report).toMatchObject({ status: 'trusted-new', fingerprint: first.hostKeySha256 });
    expect(events).toContainEqual(
      expect.objectContaining({ type: 'host-key-trusted', fingerprint: first.hostKeySha256 }),
    );
    const again = open(asRoot(first));
    expect((await again.connect())[0]?.status).toBe('known');
  });

  it('runs commands as root with exit codes, stdin and streamed output', async () => {
    const session = open(asRoot(first));
    const chunks: string[] = [];
    const result = await session.exec('id -u; cat; echo err >&2; exit 4', {
      stdin: 'from stdin\n',
      onStdout: (text) => chunks.push(text),
    });
    expect(result).toMatchObject({ exitCode: 4, stdout: '0\nfrom stdin\n', stderr: 'err\n' });
    expect(chunks.join('')).toBe(result.stdout);
  });

  it('becomes root through sudo with the password on stdin, and passes script stdin on', async () => {
    const session = open(asSudoUser(first));
    expect((await session.exec('id -u')).stdout).not.toBe('0\n');
    const result = await session.exec('id -u; cat', { sudo: true, stdin: 'payload' });
    expect(result).toMatchObject({ exitCode: 0, stdout: '0\npayload' });
    // Every process's command line while sudo runs, ours included: no password in any.
    const processes = await session.exec('ps -eo args', { sudo: true });
    expect(processes.stdout).toContain('sudo -k -S -p  -- sh -c ps -eo args');
    expect(processes.stdout).not.toContain(first.sudoPassword);
  });

  it('raises SudoPasswordError for a wrong sudo password', async () => {
    const session = open(asSudoUser(first, 'definitely-wrong'));
    const error = await session.exec('true', { sudo: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SudoPasswordError);
    expect((error as Error).message).not.toContain('definitely-wrong');
  });

  it('raises SudoNotAllowedError for a user outside sudoers', async () => {
    const root = open(asRoot(first));
    const password = 'nosudo-password-1';
    await root.exec('id nosudo >/dev/null 2>&1 || useradd -m -s /bin/bash nosudo; chpasswd', {
      stdin: `nosudo:${password}\n`,
    });
    try {
      const session = open({
        id: 'nosudo',
        host: first.address,
        port: first.port,
        username: 'nosudo',
        auth: [{ type: 'password', password }],
      });
      const error = await session.exec('true', { sudo: true }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(SudoNotAllowedError);
      expect((error as Error).message).toContain('not in the sudoers file');
      expect((error as Error).message).not.toContain(password);
    } finally {
      await root.exec('userdel -r nosudo 2>/dev/null || true');
    }
  });

  it('installs a file atomically with mode and owner as the sudo user', async () => {
    const session = open(asSudoUser(first));
    const root = open(asRoot(first));
    await root.exec('rm -rf /etc/swarmlab-it && mkdir -m 0755 /etc/swarmlab-it');
    const path = '/etc/swarmlab-it/daemon.json';
    const content = '{"log-driver": "json-file"}\n';
    await session.uploadFile(path, content, { mode: 0o640, owner: 'root', group: first.sudoUser });
    expect(await root.readFile(path)).toBe(content);
    expect((await root.exec(`stat -c '%a %U %G' ${path}`)).stdout).toBe(
      `640 root ${first.sudoUser}\n`,
    );
    expect((await root.exec('ls -A /etc/swarmlab-it')).stdout).toBe('daemon.json\n');
    expect((await root.exec('ls -A /tmp | grep -c swarmlab-upload || true')).stdout).toBe('0\n');
    expect(await session.readFile(path, { sudo: true })).toBe(content);
    expect(await session.fileExists(path)).toBe(true);
    expect(await session.fileExists('/etc/swarmlab-it/none')).toBe(false);
    await root.exec('rm -rf /etc/swarmlab-it');
  });

  it('refuses a host whose key differs from the one on file, until it is forgotten', async () => {
    const impostorKey = utils.generateKeyPairSync('ed25519').public.split(' ')[1] ?? '';
    await knownHosts.add(second.address, second.port, Buffer.from(impostorKey, 'base64'));
    const error = await open(asRoot(second))
      .connect()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostKeyChangedError);
    expect((error as Error).message).toContain(second.hostKeySha256);
    expect((error as Error).message).not.toContain(second.rootPassword);

    await forgetHostKey(second.address, second.port, knownHosts.path);
    expect((await open(asRoot(second)).connect())[0]?.fingerprint).toBe(second.hostKeySha256);
  });

  it('detects a pulled network cable and reconnects once the host is back', async () => {
    const session = open(asRoot(second), { keepaliveIntervalMs: 1_000, keepaliveCountMax: 2 });
    await session.connect();
    const running = session.exec('sleep 60').catch((caught: unknown) => caught);
    await setLinkDown(second.name);
    try {
      expect(await running).toBeInstanceOf(ConnectionLostError);
      expect(session.state).toBe('lost');
    } finally {
      await setLinkUp(second.name);
    }
    await expect
      .poll(async () => (await session.exec('echo back').catch(() => ({ stdout: '' }))).stdout, {
        timeout: 30_000,
        interval: 1_000,
      })
      .toBe('back\n');
    expect(events.map((event) => event.type)).toContain('reconnecting');
  });
});
