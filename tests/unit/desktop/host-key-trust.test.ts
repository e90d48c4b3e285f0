/**
 * The wizard's host key decisions, through the IPC handlers against an in-process sshd: a key is
 * shown before any credential goes out, trusted only as shown, and a changed key only replaced
 * on purpose.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { utils } from 'ssh2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionTestResult, HostKeyCheck } from '../../../electron/contract/connection';
import { knownHostsPath } from '../../../electron/engine/app-paths';
import { KnownHostsStore, hostKeyFingerprint } from '../../../electron/engine/ssh';
import { createHandlers, type HandlerContext } from '../../../electron/main/ipc/handlers';
import { testHandlerDeps } from '../helpers/handler-deps';
import { FakeSshd, generateEd25519Key } from '../ssh/fake-sshd';

const PASSWORD = 'root-secret-5150';
const context: HandlerContext = { sendEvent: () => undefined };

let home: string;
let server: FakeSshd;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-trust-'));
  server = await new FakeSshd({ users: { root: { password: PASSWORD } } }).start();
});
afterEach(async () => {
  await server.stop();
  await rm(home, { recursive: true, force: true });
});

function handlers() {
  return createHandlers(testHandlerDeps(home)).handlers;
}

function inventory() {
  return {
    hosts: [{ address: '127.0.0.1', port: server.port, role: 'manager', password: PASSWORD }],
  };
}

function serverKey(): Buffer {
  const parsed = utils.parseKey(server.hostKey);
  if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
  return parsed.getPublicSSH();
}

async function test(
  api: ReturnType<typeof handlers>,
): Promise<
  Extract<ConnectionTestResult, { ok: false }> | Extract<ConnectionTestResult, { ok: true }>
> {
  return api['connection:test']({ inventory: inventory(), hostIndex: 0 }, context);
}

const store = () => new KnownHostsStore(knownHostsPath({ SWARMLAB_HOME: home }));

describe('host keys in the wizard', () => {
  it('shows a new key without logging in, and logs in only after the shown key is trusted', async () => {
    const api = handlers();
    const first = await test(api);
    expect(first.ok).toBe(false);
    if (first.ok) return;
    expect(first.code).toBe('host-key-unknown');
    expect(first.hostKey).toMatchObject({
      host: '127.0.0.1',
      port: server.port,
      keyType: 'ssh-ed25519',
      fingerprint: hostKeyFingerprint(serverKey()),
      status: 'unknown',
    });
    // Refused during the key exchange: no password, key or agent request reached the host.
    expect(server.authAttempts).toEqual([]);
    expect(await store().read()).toEqual([]);

    // A fingerprint the app was never shown is not trusted, whatever the person types.
    const other = hostKeyFingerprint(
      Buffer.from(generateEd25519Key().public.split(' ')[1] ?? '', 'base64'),
    );
    const refused = await api['connection:trust-host-key'](
      { host: '127.0.0.1', port: server.port, fingerprint: other, replaceKnown: false },
      context,
    );
    expect(refused).toMatchObject({ trusted: false });
    expect(await store().read()).toEqual([]);

    const trusted = await api['connection:trust-host-key'](
      {
        host: '127.0.0.1',
        port: server.port,
        fingerprint: first.hostKey?.fingerprint ?? '',
        replaceKnown: false,
      },
      context,
    );
    expect(trusted).toEqual({ trusted: true });
    expect(await store().lookup('127.0.0.1', server.port, serverKey())).toEqual({
      status: 'known',
    });

    const second = await test(api);
    expect(second).toMatchObject({ ok: true, privilege: { mode: 'root' } });
    expect(server.authAttempts.some((attempt) => attempt.method === 'password')).toBe(true);
  });

  it('refuses a changed key until the old one is replaced on purpose', async () => {
    const old = Buffer.from(generateEd25519Key().public.split(' ')[1] ?? '', 'base64');
    await store().add('127.0.0.1', server.port, old);
    const api = handlers();
    const first = await test(api);
    expect(first).toMatchObject({
      ok: false,
      code: 'host-key-changed',
      hostKey: { status: 'changed', knownFingerprints: [hostKeyFingerprint(old)] },
    });
    expect(server.authAttempts).toEqual([]);
    const fingerprint = hostKeyFingerprint(serverKey());

    const plainTrust = await api['connection:trust-host-key'](
      { host: '127.0.0.1', port: server.port, fingerprint, replaceKnown: false },
      context,
    );
    expect(plainTrust).toMatchObject({ trusted: false });
    expect(await store().lookup('127.0.0.1', server.port, old)).toEqual({ status: 'known' });

    const replaced = await api['connection:trust-host-key'](
      { host: '127.0.0.1', port: server.port, fingerprint, replaceKnown: true },
      context,
    );
    expect(replaced).toEqual({ trusted: true });
    const file = await readFile(knownHostsPath({ SWARMLAB_HOME: home }), 'utf8');
    expect(file).not.toContain(old.toString('base64'));
    expect((await test(api)).ok).toBe(true);
  });

  it('checks every host key without logging in to any host', async () => {
    const second = await new FakeSshd({ users: { root: { password: PASSWORD } } }).start();
    try {
      await store().add(
        '127.0.0.1',
        second.port,
        (() => {
          const parsed = utils.parseKey(second.hostKey);
          if (parsed instanceof Error || Array.isArray(parsed)) throw new Error('bad test key');
          return parsed.getPublicSSH();
        })(),
      );
      const api = handlers();
      const checks: HostKeyCheck[] = await api['connection:check-host-keys'](
        {
          inventory: {
            hosts: [
              ...inventory().hosts,
              { address: '127.0.0.1', port: second.port, role: 'worker', password: PASSWORD },
              // Nothing listens here: the check says so instead of failing as a whole.
              { address: '127.0.0.1', port: 1, role: 'worker', password: PASSWORD },
            ],
          },
        },
        context,
      );
      expect(checks.map((check) => (check.ok ? check.key.status : 'error'))).toEqual([
        'unknown',
        'known',
        'error',
      ]);
      expect(server.authAttempts).toEqual([]);
      expect(second.authAttempts).toEqual([]);
      // What the check showed can be trusted as shown.
      const shown = checks[0];
      if (!shown?.ok) throw new Error('expected a key');
      await expect(
        api['connection:trust-host-key'](
          {
            host: '127.0.0.1',
            port: server.port,
            fingerprint: shown.key.fingerprint,
            replaceKnown: false,
          },
          context,
        ),
      ).resolves.toEqual({ trusted: true });
    } finally {
      await second.stop();
    }
  });
});

describe('forgetting a host key in the wizard', () => {
  it('forgets the trusted key, and the next test shows the key again for a new decision', async () => {
    const api = handlers();
    const first = await test(api);
    if (first.ok || !first.hostKey) throw new Error('expected a new key to decide on');
    await api['connection:trust-host-key'](
      {
        host: first.hostKey.host,
        port: first.hostKey.port,
        fingerprint: first.hostKey.fingerprint,
        replaceKnown: false,
      },
      context,
    );
    expect((await test(api)).ok).toBe(true);

    const forgotten = await api['connection:forget-host-key'](
      { address: '127.0.0.1', port: server.port },
      context,
    );
    expect(forgotten).toEqual({ removed: 1 });
    expect(await store().read()).toEqual([]);
    const again = await test(api);
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.code).toBe('host-key-unknown');
    // Nothing left to forget: said so, not an error.
    expect(
      await api['connection:forget-host-key']({ address: '127.0.0.1', port: server.port }, context),
    ).toEqual({ removed: 0 });
  });
});
