/**
 * One connection, many commands at once: sshd refuses a session channel beyond its MaxSessions
 * (10 by default), so the session must queue what does not fit, learn a lower limit from a
 * refusal, and say plainly which host and which limit when the server refuses for good.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelLimitError, HostSession, KnownHostsStore } from '../../../electron/engine/ssh';
import type { HostSessionOptions } from '../../../electron/engine/ssh';
import { FakeSshd } from './fake-sshd';

const PASSWORD = 'channel-test-password';

let dir: string;
const servers: FakeSshd[] = [];
const sessions: HostSession[] = [];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-channels-'));
});

afterEach(async () => {
  for (const session of sessions.splice(0)) await session.close();
  for (const server of servers.splice(0)) await server.stop();
  await rm(dir, { recursive: true, force: true });
});

async function startServer(maxSessions: number): Promise<FakeSshd> {
  const server = await new FakeSshd({
    users: { root: { password: PASSWORD } },
    maxSessions,
  }).start();
  servers.push(server);
  return server;
}

function sessionTo(server: FakeSshd, options: Partial<HostSessionOptions> = {}): HostSession {
  const session = new HostSession(
    {
      id: `node-${server.port}`,
      host: '127.0.0.1',
      port: server.port,
      username: 'root',
      auth: [{ type: 'password', password: PASSWORD }],
    },
    {
      knownHosts: new KnownHostsStore(join(dir, 'known_hosts')),
      readyTimeoutMs: 5_000,
      // Short pauses keep the test quick; the behaviour is the same with the default ones.
      channelRetry: { delaysMs: [10, 20, 40, 80, 160, 320, 640] },
      ...options,
    },
  );
  sessions.push(session);
  return session;
}

/** `count` commands started at once; each echoes its number after a short sleep. */
function runAtOnce(session: HostSession, count: number) {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      session.exec(`sleep 0.05; echo ${index}`).then((result) => ({ index, ...result })),
    ),
  );
}

describe('channels per connection', () => {
  it('queues commands beyond sshd’s default MaxSessions of 10 instead of failing them', async () => {
    const server = await startServer(10);
    const session = sessionTo(server);

    const results = await runAtOnce(session, 30);

    expect(results.map((result) => [result.exitCode, result.stdout.trim()])).toEqual(
      results.map(({ index }) => [0, String(index)]),
    );
    expect(server.peakSessions).toBeLessThanOrEqual(10);
    expect(server.peakSessions).toBeGreaterThan(1);
  });

  it('recovers from a refusal: a server that allows fewer channels is learnt, and every command runs', async () => {
    const server = await startServer(3);
    const session = sessionTo(server);

    const results = await runAtOnce(session, 12);

    expect(results.every((result) => result.exitCode === 0)).toBe(true);
    expect(results.map((result) => result.stdout.trim())).toEqual(
      results.map(({ index }) => String(index)),
    );
    // The server did refuse: the recovery was exercised, not avoided.
    expect(server.refusedSessions).toBeGreaterThan(0);
    expect(server.peakSessions).toBeLessThanOrEqual(3);
  });

  it('counts SFTP channels like any other', async () => {
    // The server would take a third channel: only the session's own count keeps it at 2.
    const server = await startServer(3);
    const session = sessionTo(server, { maxChannelsPerConnection: 2 });
    const paths = Array.from({ length: 4 }, (_, index) => join(dir, `file-${index}`));

    const uploads = paths.map((path, index) =>
      session.uploadFile(path, `content ${index}\n`, { mode: 0o644, sudo: false }),
    );
    const commands = runAtOnce(session, 6);
    await Promise.all([...uploads, commands]);

    expect(await Promise.all(paths.map((path) => readFile(path, 'utf8')))).toEqual(
      paths.map((_, index) => `content ${index}\n`),
    );
    expect((await commands).every((result) => result.exitCode === 0)).toBe(true);
    expect(server.peakSessions).toBe(2);
  });

  it('keeps the exit status of a command whose whole answer comes with its channel', async () => {
    // The scripted host answers at once: channel confirmation, output, exit status and close
    // arrive together, before any promise continuation of the client runs.
    const server = await new FakeSshd({
      users: { root: { password: PASSWORD } },
      answer: (command) =>
        command.includes('fails') ? { exitCode: 3 } : { exitCode: 0, stdout: 'done\n' },
    }).start();
    servers.push(server);
    const session = sessionTo(server);

    const results = await Promise.all([
      session.exec('fails quietly'),
      session.exec('succeeds'),
      session.exec('fails again'),
    ]);

    expect(results.map((result) => [result.exitCode, result.stdout])).toEqual([
      [3, ''],
      [0, 'done\n'],
      [3, ''],
    ]);
  });

  it('names the host and the limit when the server refuses every channel', async () => {
    const server = await startServer(0);
    const session = sessionTo(server, { channelRetry: { delaysMs: [10, 20, 40, 80, 160] } });

    const error = await session.exec('true').catch((caught: unknown) => caught);

    expect(error).toBeInstanceOf(ChannelLimitError);
    const message = (error as Error).message;
    expect(message).toContain(`root@127.0.0.1:${server.port}`);
    expect(message).toMatch(/MaxSessions/);
    expect(message).toMatch(/refused .*6 times/);
    // Refused, not lost: the connection is still usable for what the server allows.
    expect(session.state).toBe('connected');
  });
});
