/**
 * "Test connection" for one host of the wizard: log in the way the run will, report the host
 * key fingerprint (so the person can compare it with the one on the host's console), check
 * that root is reachable, and close. Only keys already trusted are logged in to: an unknown or
 * changed key ends the test before any credential is sent, and comes back for the person to
 * decide on (host-key-trust.ts).
 */
import { plainCause } from '../../engine/ssh/plain-cause';
import { resolveHosts, resolveSecrets } from '../../engine/inventory';
import type { Inventory } from '../../engine/inventory';
import { sshTargetFor } from '../../engine/setup';
import {
  AuthenticationError,
  ConnectError,
  HostKeyChangedError,
  HostKeyUnknownError,
  HostSession,
  refusedKey,
} from '../../engine/ssh';
import type { ConnectionTestResult } from '../../contract/connection';
import type { HostKeyDecisions } from './host-key-trust';

const TEST_TIMEOUT_MS = 15_000;

export async function testConnection(
  inventory: Inventory,
  hostIndex: number,
  env: NodeJS.ProcessEnv,
  decisions: HostKeyDecisions,
): Promise<ConnectionTestResult> {
  const host = resolveHosts(inventory)[hostIndex];
  if (!host)
    return {
      ok: false,
      code: 'invalid-inventory',
      message: `there is no host number ${hostIndex + 1}`,
    };
  const secrets = resolveSecrets(inventory, env);
  const missing = secrets.missing.filter(
    (entry) => entry.targets.includes(host.id) || entry.targets.includes('(jump host)'),
  );
  if (missing.length > 0) {
    return {
      ok: false,
      code: 'missing-secret',
      message: missing.map((entry) => entry.prompt).join('; '),
    };
  }
  const target = sshTargetFor(host, inventory, secrets, undefined);
  const session = new HostSession(target, {
    hostKeyPolicy: 'strict',
    knownHosts: decisions.store,
    readyTimeoutMs: TEST_TIMEOUT_MS,
    env,
  });
  const started = Date.now();
  try {
    const hostKeys = await session.connect();
    let privilege: Extract<ConnectionTestResult, { ok: true }>['privilege'] = { mode: 'root' };
    if (host.user !== 'root') {
      try {
        const result = await session.exec('true', { sudo: true, timeoutMs: TEST_TIMEOUT_MS });
        privilege =
          result.exitCode === 0
            ? { mode: 'sudo' }
            : {
                mode: 'sudo-failed',
                message: `sudo true exited with ${result.exitCode ?? 'no code'}`,
              };
      } catch (error) {
        privilege = { mode: 'sudo-failed', message: messageOf(error) };
      }
    }
    return {
      ok: true,
      hostKeys: hostKeys.map((key) => ({ ...key })),
      privilege,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    const refused = refusedKey(error);
    const plain = plainCause(error);
    return {
      ok: false,
      code: codeOf(error),
      message: messageOf(error),
      ...(plain ? { plain } : {}),
      ...(refused ? { hostKey: decisions.shownKey(refused) } : {}),
    };
  } finally {
    await session.close();
  }
}

function codeOf(error: unknown): Extract<ConnectionTestResult, { ok: false }>['code'] {
  if (error instanceof AuthenticationError) return 'auth';
  if (error instanceof HostKeyChangedError) return 'host-key-changed';
  if (error instanceof HostKeyUnknownError) return 'host-key-unknown';
  if (error instanceof ConnectError) return 'unreachable';
  return 'error';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
