import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { connect as netConnect, createServer } from 'node:net';
import type { Server as NetServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationError,
  CommandTimeoutError,
  ConnectError,
  ConnectionLostError,
  HostKeyChangedError,
  HostKeyUnknownError,
  HostSession,
  KnownHostsStore,
  SessionClosedError,
  SessionPool,
  SudoMissingError,
  SudoNotAllowedError,
  SudoPasswordError,
  SudoPasswordRequiredError,
  forgetHostKey,
  hostKeyFingerprint,
} from '../../../electron/engine/ssh';
import type { HostSessionOptions, SessionEvent, SshTarget } from '../../../electron/engine/ssh';
import { FakeSshd, generateEd25519Key } from './fake-sshd';
import type { FakeSshdOptions } from './fake-sshd';

const PASSWORD = "pa$$ 'word' `x` ;|&";
const SUDO_PASSWORD = 'sudo-secret-4711';

let dir: string;
let knownHosts: KnownHostsStore;
let events: SessionEvent[];
const servers: FakeSshd[] = [];
const sessions: Array<HostSession | SessionPool> = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-session-'));
  knownHosts = new KnownHostsStore(join(dir, 'known_hosts'));
  events = [];
});

afterEach(async () => {
  for (const owner of sessions.splice(0)) {
    await (owner instanceof SessionPool ? owner.closeAll() : owner.close());
  }
  for (const server of servers.splice(0)) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function startServer(options: Partial<FakeSshdOptions> = {}): Promise<FakeSshd> {
  const server = await new FakeSshd({
    users: { alice: { password: PASSWORD } },
    ...options,
  }).start();
  servers.push(server);
  return server;
}

function target(server: FakeSshd, overrides: Partial<SshTarget> = {}): SshTarget {
  return {
    id: `node-${server.port}`,
    host: '127.0.0.1',
    port: server.port,
    username: 'alice',
    auth: [{ type: 'password', password: PASSWORD }],
    ...overrides,
  };
}

function options(overrides: Partial<HostSessionOptions> = {}): HostSessionOptions {
  return {
    knownHosts,
    onEvent: (event) => events.push(event),
    readyTimeoutMs: 5_000,
    ...overrides,
  };
}

function session(
  server: FakeSshd,
  overrides: Partial<SshTarget> = {},
  opts: Partial<HostSessionOptions> = {},
): HostSession {
  const created = new HostSession(target(server, overrides), options(opts));
  sessions.push(created);
  return created;
}

/** The host key blob the fake server presents. */
function serverKeyBlob(server: FakeSshd): Buffer {
  const parsed = utils.parseKey(server.hostKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed.getPublicSSH();
}

describe('host keys', () => {
  it('trusts on first use, records the key, reports the fingerprint; known afterwards', async () => {
    const server = await startServer();
    const first = session(server);
    const [report] = await first.connect();
    const fingerprint = hostKeyFingerprint(serverKeyBlob(server));
    expect(report).toMatchObject({ status: 'trusted-new', fingerprint, keyType: 'ssh-ed25519' });
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'host-key-trusted',
        fingerprint,
        knownHostsPath: knownHosts.path,
      }),
    );
    expect(await knownHosts.lookup('127.0.0.1', server.port, serverKeyBlob(server))).toEqual({
      status: 'known',
    });

    events = [];
    const second = session(server);
    expect((await second.connect())[0]?.status).toBe('known');
    expect(events.map((event) => event.type)).toEqual(['connecting', 'host-key', 'connected']);
    expect(events[1]).toMatchObject({ type: 'host-key', status: 'known', fingerprint });
  });

  it('refuses a changed key before any authentication is attempted', async () => {
    const server = await startServer();
    const oldKey = generateEd25519Key();
    const oldBlob = Buffer.from(oldKey.public.split(' ')[1] ?? '', 'base64');
    await knownHosts.add('127.0.0.1', server.port, oldBlob);

    const error = await session(server)
      .connect()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostKeyChangedError);
    const message = (error as Error).message;
    expect(message).toContain(hostKeyFingerprint(oldBlob));
    expect(message).toContain(hostKeyFingerprint(serverKeyBlob(server)));
    expect(message).toContain(knownHosts.path);
    expect(message).toContain(`swarmlab known-hosts forget 127.0.0.1:${server.port}`);
    expect(message).not.toContain(PASSWORD);
    // The server never saw a password, nor even an auth request.
    expect(server.authAttempts).toEqual([]);
    // The old key stays on file: refusing must not rewrite trust.
    expect((await knownHosts.lookup('127.0.0.1', server.port, oldBlob)).status).toBe('known');

    // The deliberate way out: forget, then trust on first use again.
    expect(await forgetHostKey('127.0.0.1', server.port, knownHosts.path)).toBe(1);
    expect((await session(server).connect())[0]?.status).toBe('trusted-new');
  });

  it('refuses an unknown host under the strict policy, before authentication', async () => {
    const server = await startServer();
    const error = await session(server, {}, { hostKeyPolicy: 'strict' })
      .connect()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostKeyUnknownError);
    expect(server.authAttempts).toEqual([]);
    expect(await knownHosts.read()).toEqual([]);
  });
});

describe('authentication', () => {
  it('answers keyboard-interactive password prompts with the given password', async () => {
    const server = await startServer({ methods: ['keyboard-interactive'] });
    await session(server).connect();
    expect(server.authAttempts.filter((attempt) => attempt.method !== 'none')).toEqual([
      { username: 'alice', method: 'keyboard-interactive', secret: PASSWORD },
    ]);
  });

  it('passes other prompts to the responder as objects', async () => {
    const server = await startServer({ methods: ['keyboard-interactive'] });
    const seen: unknown[] = [];
    await session(server, {
      auth: [
        {
          type: 'keyboard-interactive',
          responder: (challenge) => {
            seen.push(challenge);
            return [PASSWORD];
          },
        },
      ],
    }).connect();
    expect(seen).toEqual([
      {
        host: `alice@127.0.0.1:${server.port}`,
        name: 'login',
        instructions: '',
        prompts: [{ text: 'Password: ', echo: false }],
      },
    ]);
  });

  it('logs in with a private key file, skipping an unusable key first', async () => {
    const pair = generateEd25519Key();
    const server = await startServer({
      methods: ['publickey'],
      users: { alice: { password: PASSWORD, publicKey: pair.public } },
    });
    await writeFile(join(dir, 'id_ed25519'), pair.private, { mode: 0o600 });
    await session(server, {
      auth: [
        { type: 'privateKey', key: { path: join(dir, 'missing_key') } },
        { type: 'privateKey', key: { path: join(dir, 'id_ed25519') } },
      ],
    }).connect();
    expect(server.authAttempts.some((attempt) => attempt.method === 'publickey')).toBe(true);
  });

  it('says which methods were tried and refused, without the secret', async () => {
    const server = await startServer();
    const wrong = 'wrong-password-123';
    const error = await session(
      server,
      {
        auth: [
          { type: 'password', password: wrong },
          { type: 'agent', socket: undefined },
        ],
      },
      { env: {} },
    )
      .connect()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AuthenticationError);
    const message = (error as Error).message;
    expect(message).toContain('password: refused');
    expect(message).toContain('keyboard-interactive (password): not offered by the server');
    expect(message).toContain('agent: skipped (no agent socket, SSH_AUTH_SOCK is not set)');
    expect(message).toContain('The server accepts: password');
    expect(message).not.toContain(wrong);
  });

  /**
   * A port in front of the server that says `hangUpWith` and hangs up on the first `cut`
   * connections (an sshd still starting, or shedding load), then passes the rest through.
   */
  async function flakyPort(
    server: FakeSshd,
    cut: number,
    hangUpWith = 'SSH-2.0-OpenSSH_9.2p1 starting\r\n',
  ) {
    let connections = 0;
    const front: NetServer = createServer((socket) => {
      connections += 1;
      if (connections <= cut) {
        socket.end(hangUpWith);
        return;
      }
      const back = netConnect(server.port, '127.0.0.1');
      socket.pipe(back).pipe(socket);
      back.on('error', () => socket.destroy());
      socket.on('error', () => back.destroy());
    });
    await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));
    const address = front.address();
    return {
      port: typeof address === 'object' && address ? address.port : 0,
      connections: () => connections,
      close: () => front.close(),
    };
  }

  it('tries again when the server hangs up during the handshake, then gets in', async () => {
    const server = await startServer();
    const flaky = await flakyPort(server, 2);
    try {
      const host = new HostSession(target(server, { port: flaky.port }), options());
      sessions.push(host);
      expect((await host.exec('echo in')).stdout).toBe('in\n');
      expect(flaky.connections()).toBe(3);
    } finally {
      flaky.close();
    }
  });

  it('gives up once every pause is spent, saying where the server hung up and how often', async () => {
    const server = await startServer();
    const flaky = await flakyPort(server, 10);
    try {
      const host = new HostSession(
        target(server, { port: flaky.port }),
        options({ handshakeRetry: { delaysMs: [10, 10, 10] } }),
      );
      const error = await host.connect().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toMatch(
        /closed the connection during the SSH handshake, before the key exchange finished; it did so on all 4 attempts over \d+\.\d s$/,
      );
      expect(flaky.connections()).toBe(4);
    } finally {
      flaky.close();
    }
  });

  it('tries again a server that hangs up before its banner (sshd under MaxStartups)', async () => {
    const server = await startServer();
    // What OpenSSH writes to a connection it drops under MaxStartups, before any banner.
    const flaky = await flakyPort(server, 10, 'Exceeded MaxStartups\r\n');
    try {
      const host = new HostSession(
        target(server, { port: flaky.port }),
        options({ handshakeRetry: { delaysMs: [10] } }),
      );
      const error = await host.connect().catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(
        `alice@127.0.0.1:${flaky.port} closed the connection during the SSH handshake, before sending its SSH banner; it did so on all 2 attempts`,
      );
      expect(flaky.connections()).toBe(2);
    } finally {
      flaky.close();
    }
  });

  it('says the server hung up during password authentication, and gets in on a later attempt', async () => {
    const server = await startServer({ hangUpOnPasswordAttempts: 1 });
    const first = new HostSession(target(server), options({ handshakeRetry: { delaysMs: [] } }));
    const error = await first.connect().catch((caught: unknown) => caught);
    expect((error as Error).message).toMatch(
      /closed the connection during the SSH handshake, while trying password authentication$/,
    );
    expect((error as Error).message).not.toContain(PASSWORD);
    const second = session(server, {}, { handshakeRetry: { delaysMs: [10] } });
    expect((await second.exec('echo in')).stdout).toBe('in\n');
  });

  describe('a host still booting (pam_nologin turns everyone but root away)', () => {
    const BOOTING =
      'System is booting up. Unprivileged users are not permitted to log in yet. Please come back later.';

    it('is waited for, well past the usual retries, then logged into', async () => {
      const server = await startServer({ banner: BOOTING, hangUpOnPasswordAttempts: 5 });
      const host = session(
        server,
        {},
        { handshakeRetry: { delaysMs: [], bootingForMs: 10_000, bootingPauseMs: 10 } },
      );
      expect((await host.exec('echo in')).stdout).toBe('in\n');
      expect(server.authAttempts.filter((seen) => seen.method === 'password')).toHaveLength(6);
    });

    it('is given up on after the wait, quoting what sshd said', async () => {
      const server = await startServer({ banner: BOOTING, hangUpOnPasswordAttempts: 1_000 });
      const host = new HostSession(
        target(server),
        options({ handshakeRetry: { delaysMs: [], bootingForMs: 300, bootingPauseMs: 50 } }),
      );
      const error = await host.connect().catch((caught: unknown) => caught);
      expect((error as Error).message).toContain(
        `closed the connection during the SSH handshake, while trying password authentication; it said: "${BOOTING}"; it did so on all`,
      );
      expect(server.authAttempts.length).toBeGreaterThan(3);
    });
  });

  it('times out a host that accepts TCP but never speaks SSH', async () => {
    const silent: NetServer = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    const port = typeof address === 'object' && address ? address.port : 0;
    try {
      const stuck = new HostSession(
        { id: 'silent', host: '127.0.0.1', port, username: 'alice', auth: [] },
        options({ readyTimeoutMs: 300 }),
      );
      const error = await stuck.connect().catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(ConnectError);
      expect((error as Error).message).toMatch(/Timed out/);
    } finally {
      silent.close();
    }
  });
});

describe('exec', () => {
  it('returns exit codes and output, streaming UTF-8 split across chunks intact', async () => {
    const server = await startServer();
    const host = session(server);
    const chunks: string[] = [];
    // 世 is e4 b8 96: its first byte ends the first write, the rest starts the second.
    const result = await host.exec(
      "printf 'a\\344'; sleep 0.1; printf '\\270\\226 ok'; echo oops >&2; exit 3",
      {
        onStdout: (text) => chunks.push(text),
      },
    );
    expect(result).toMatchObject({ exitCode: 3, signal: null, stdout: 'a世 ok', stderr: 'oops\n' });
    expect(chunks).toEqual(['a', '世 ok']);
    expect(result.durationMs).toBeGreaterThanOrEqual(90);
  });

  it('feeds stdin, exports env, and runs under sh whatever is quoted in it', async () => {
    const server = await startServer();
    const host = session(server);
    const value = "it's $(not run) `nor this`";
    const result = await host.exec('printf "%s|" "$VALUE"; cat', {
      stdin: 'from stdin',
      env: { VALUE: value },
    });
    expect(result.stdout).toBe(`${value}|from stdin`);
  });

  it('closes the channel of a command that outlives its timeout, and stays usable', async () => {
    const server = await startServer();
    const host = session(server);
    const started = Date.now();
    const error = await host
      .exec('echo started; sleep 10', { timeoutMs: 300 })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CommandTimeoutError);
    expect((error as CommandTimeoutError).partialStdout).toBe('started\n');
    expect(Date.now() - started).toBeLessThan(3_000);
    expect((await host.exec('echo still here')).stdout).toBe('still here\n');
  });

  it('reports a command whose channel closed with no exit status just before its connection dropped as a lost connection', async () => {
    const dying: { server?: FakeSshd } = {};
    const server = await startServer({
      answer: (command) => {
        if (!command.includes('dying')) return { stdout: 'fine\n', exitCode: 0 };
        // As when sshd and its children are killed: the channel goes first, the TCP link after.
        setTimeout(() => dying.server?.dropConnections(), 100);
        return { exitCode: null };
      },
    });
    dying.server = server;
    const host = session(server);
    const error = await host.exec('dying').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(ConnectionLostError);
    // A channel that closes with no status on a connection that stays is a result, as before.
    const stays = await startServer({ answer: () => ({ exitCode: null }) });
    const result = await session(stays).exec('quiet');
    expect(result.exitCode).toBeNull();
  });

  it('reports a dropped connection naming the host, then reconnects on the next exec', async () => {
    const server = await startServer();
    const host = session(server);
    await host.connect();
    const running = host.exec('sleep 10').catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 200));
    server.dropConnections();
    const error = await running;
    expect(error).toBeInstanceOf(ConnectionLostError);
    expect((error as Error).message).toContain(`127.0.0.1:${server.port}`);
    expect(host.state).toBe('lost');

    expect((await host.exec('echo back')).stdout).toBe('back\n');
    expect(host.state).toBe('connected');
    expect(events.map((event) => event.type)).toEqual([
      'connecting',
      'host-key-trusted',
      'host-key',
      'connected',
      'lost',
      'reconnecting',
      'connecting',
      'host-key',
      'connected',
    ]);
  });
});

describe('close', () => {
  it('ends running commands with SessionClosedError and refuses new ones', async () => {
    const server = await startServer();
    const host = session(server);
    await host.connect();
    const running = host.exec('sleep 10').catch((caught: unknown) => caught);
    await new Promise((resolve) => setTimeout(resolve, 100));
    await host.close();
    expect(await running).toBeInstanceOf(SessionClosedError);
    await expect(host.exec('true')).rejects.toBeInstanceOf(SessionClosedError);
    expect(events.map((event) => event.type)).not.toContain('lost');
    expect(events.at(-1)).toEqual({ type: 'closed', hostId: host.id });
  });
});

describe('sudo', () => {
  it('sends the password as the first stdin line, never in the command, then the script stdin', async () => {
    const server = await startServer({ sudo: { mode: 'password', password: SUDO_PASSWORD } });
    const host = session(server, { sudoPassword: SUDO_PASSWORD });
    const result = await host.exec('echo "as root"; cat', {
      sudo: true,
      stdin: 'line one\nline two\n',
    });
    expect(result).toMatchObject({
      exitCode: 0,
      stdout: 'as root\nline one\nline two\n',
      stderr: '',
    });
    // The probe and the command each fed the password to sudo's stdin...
    expect(await readFile(server.sudoLogPath, 'utf8')).toBe(`${SUDO_PASSWORD}\n${SUDO_PASSWORD}\n`);
    // ...and it appears in no command line and no output.
    expect(server.commands.some((command) => command.includes(SUDO_PASSWORD))).toBe(false);
    expect(server.commands.at(-1)).toMatch(/^sudo -k -S -p '' -- sh -c /);
    expect(result.stdout).not.toContain(SUDO_PASSWORD);
  });

  it('uses the login password for sudo when no sudo password is given', async () => {
    const server = await startServer({ sudo: { mode: 'password', password: PASSWORD } });
    const result = await session(server).exec('echo ok', { sudo: true });
    expect(result.stdout).toBe('ok\n');
  });

  it('raises SudoPasswordError for a wrong password, without the password', async () => {
    const server = await startServer({ sudo: { mode: 'password', password: SUDO_PASSWORD } });
    const error = await session(server, { sudoPassword: 'not-it' })
      .exec('echo never', { sudo: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SudoPasswordError);
    expect((error as Error).message).not.toContain('not-it');
    expect(server.commands.some((command) => command.includes('echo never'))).toBe(false);
  });

  it('raises SudoNotAllowedError for a user outside sudoers', async () => {
    const server = await startServer({ sudo: { mode: 'denied', password: PASSWORD } });
    const error = await session(server)
      .exec('true', { sudo: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SudoNotAllowedError);
    expect((error as Error).message).toContain('is not in the sudoers file');
  });

  it('raises SudoPasswordRequiredError when sudo needs a password nobody gave', async () => {
    const server = await startServer({
      methods: ['keyboard-interactive'],
      sudo: { mode: 'password', password: PASSWORD },
    });
    const host = session(server, {
      auth: [{ type: 'keyboard-interactive', responder: () => [PASSWORD] }],
    });
    const error = await host.exec('true', { sudo: true }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SudoPasswordRequiredError);
  });

  it('sends no password to passwordless sudo, and raises SudoMissingError without sudo', async () => {
    const passwordless = await startServer({ sudo: { mode: 'nopasswd' } });
    const result = await session(passwordless).exec('cat', { sudo: true, stdin: 'only this' });
    expect(result.stdout).toBe('only this');
    expect(passwordless.commands.at(-1)).toMatch(/^sudo -n -- sh -c /);
    expect(await readFile(passwordless.sudoLogPath, 'utf8')).toBe('');

    const without = await startServer({ sudo: { mode: 'missing' } });
    const error = await session(without)
      .exec('true', { sudo: true })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SudoMissingError);
  });

  it('does not use sudo for root', async () => {
    const server = await startServer({
      users: { root: { password: PASSWORD } },
      sudo: { mode: 'missing' },
    });
    const result = await session(server, { username: 'root' }).exec('echo root', { sudo: true });
    expect(result.stdout).toBe('root\n');
    expect(server.commands).toEqual([`sh -c 'echo root'`]);
  });
});

describe('files', () => {
  it('installs a file atomically with its mode, through sudo, leaving no temporary file', async () => {
    const server = await startServer({ sudo: { mode: 'password', password: PASSWORD } });
    const host = session(server);
    const targetDir = join(dir, "etc dir with 'quotes'");
    await host.exec(`mkdir -p "$D"`, { env: { D: targetDir } });
    const path = join(targetDir, 'daemon.json');
    const content = Buffer.from(
      '{"log-driver": "json-file"}\n$(not run)\n\u0000binary\u00ff',
      'utf8',
    );
    const tmpBefore = (await readdir('/tmp')).filter((name) =>
      name.startsWith('.swarmlab-upload-'),
    );

    await host.uploadFile(path, content, { mode: 0o640, owner: 'root', group: 'root' });
    expect(await readFile(path)).toEqual(content);
    expect((await stat(path)).mode & 0o7777).toBe(0o640);
    expect(await readdir(targetDir)).toEqual(['daemon.json']);
    const tmpAfter = (await readdir('/tmp')).filter((name) => name.startsWith('.swarmlab-upload-'));
    expect(tmpAfter).toEqual(tmpBefore);
    expect(server.commands.at(-1)).toMatch(/^sudo /);

    // Replacing keeps the same guarantees.
    await host.uploadFile(path, 'second\n', { mode: 0o600 });
    expect(await readFile(path, 'utf8')).toBe('second\n');
    expect((await stat(path)).mode & 0o7777).toBe(0o600);
    expect(await host.readFile(path, { sudo: true })).toBe('second\n');
    expect(await host.fileExists(path)).toBe(true);
    expect(await host.fileExists(`${path}.nope`)).toBe(false);
  });

  it('uploads empty files and rejects relative paths and bad owners', async () => {
    const server = await startServer({ users: { root: { password: PASSWORD } } });
    const host = session(server, { username: 'root' });
    const path = join(dir, 'empty');
    await host.uploadFile(path, '', { mode: 0o644 });
    expect(await readFile(path, 'utf8')).toBe('');
    await expect(host.uploadFile('relative/path', 'x', { mode: 0o644 })).rejects.toThrow(TypeError);
    await expect(host.uploadFile(path, 'x', { mode: 0o644, owner: 'root;rm' })).rejects.toThrow(
      TypeError,
    );
    await expect(host.uploadFile(path, 'x', { mode: 0o10000 })).rejects.toThrow(TypeError);
  });

  it('fails clearly when the target directory does not exist, and cleans up', async () => {
    const server = await startServer({ users: { root: { password: PASSWORD } } });
    const host = session(server, { username: 'root' });
    const uploads = async (): Promise<string[]> =>
      (await readdir('/tmp')).filter((name) => name.startsWith('.swarmlab-upload-'));
    const before = await uploads();
    await expect(
      host.uploadFile(join(dir, 'no', 'such', 'file'), 'x', { mode: 0o644 }),
    ).rejects.toThrow(/Installing .*failed/);
    expect(await uploads()).toEqual(before);
  });
});

describe('SessionPool and jump hosts', () => {
  it('shares one connect between concurrent callers for the same host', async () => {
    const server = await startServer();
    const pool = new SessionPool(options());
    sessions.push(pool);
    const [a, b] = await Promise.all([pool.get(target(server)), pool.get(target(server))]);
    expect(a).toBe(b);
    expect(events.filter((event) => event.type === 'connected')).toHaveLength(1);
    expect(server.authAttempts.filter((attempt) => attempt.method === 'password')).toHaveLength(1);
    await pool.closeAll();
    expect(a.state).toBe('closed');
  });

  it('reaches a host through a jump host, checking both host keys', async () => {
    const jump = await startServer({ users: { hop: { password: 'hop-password' } } });
    const inner = await startServer();
    const host = session(inner, {
      jump: {
        host: '127.0.0.1',
        port: jump.port,
        username: 'hop',
        auth: [{ type: 'password', password: 'hop-password' }],
      },
    });
    const reports = await host.connect();
    expect(reports.map((report) => report.port)).toEqual([jump.port, inner.port]);
    expect(jump.forwards).toEqual([{ host: '127.0.0.1', port: inner.port }]);
    expect(events.filter((event) => event.type === 'connecting')).toEqual([
      expect.objectContaining({ host: '127.0.0.1', port: jump.port }),
      expect.objectContaining({ port: inner.port, via: `127.0.0.1:${jump.port}` }),
    ]);
    expect((await host.exec('echo via jump')).stdout).toBe('via jump\n');
    expect(await knownHosts.read()).toHaveLength(2);
  });

  it('refuses a jump host whose key changed', async () => {
    const jump = await startServer({ users: { hop: { password: 'hop-password' } } });
    const inner = await startServer();
    const other = generateEd25519Key();
    await knownHosts.add(
      '127.0.0.1',
      jump.port,
      Buffer.from(other.public.split(' ')[1] ?? '', 'base64'),
    );
    const error = await session(inner, {
      jump: {
        host: '127.0.0.1',
        port: jump.port,
        username: 'hop',
        auth: [{ type: 'password', password: 'hop-password' }],
      },
    })
      .connect()
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HostKeyChangedError);
    expect(jump.authAttempts).toEqual([]);
    expect(inner.authAttempts).toEqual([]);
  });
});
