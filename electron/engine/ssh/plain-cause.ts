/**
 * The failures people meet most, in plain words: a refused login, a host that does not answer,
 * a port with no sshd, a name that does not resolve. Each comes with what to do, in every
 * language; the technical detail stays beside it for whoever needs it.
 */
import type { Localized } from '../../shared/localized';
import { localized } from '../../shared/messages';
import {
  AuthenticationError,
  ConnectError,
  ConnectionLostError,
  SudoPasswordError,
  type SshError,
} from './errors';

export interface PlainCause {
  cause: Localized;
  fix: Localized;
}

/** "root@10.0.0.1:2222" → host and port as the person typed them. */
function targetOf(error: SshError): { target: string; host: string; port: string } {
  const match = /^(?:[^@]+@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(error.host);
  const host = (match?.[1] ?? error.host).replace(/^\[|\]$/g, '');
  return { target: error.host, host, port: match?.[2] ?? '22' };
}

/** The operating system's error code under an ssh2 or socket error (ECONNREFUSED …). */
function systemCode(error: Error): string {
  const cause = (error as { cause?: unknown }).cause;
  const code =
    typeof cause === 'object' && cause !== null ? (cause as { code?: unknown }).code : '';
  if (typeof code === 'string' && code !== '') return code;
  return /\b(E[A-Z]{4,}|EAI_AGAIN)\b/.exec(error.message)?.[1] ?? '';
}

export function plainCause(error: unknown): PlainCause | undefined {
  if (error instanceof AuthenticationError) {
    return { cause: localized('causes.auth'), fix: localized('causes.authFix') };
  }
  if (error instanceof SudoPasswordError) {
    return { cause: localized('causes.sudoPassword'), fix: localized('causes.sudoPasswordFix') };
  }
  if (error instanceof ConnectionLostError) {
    const where = targetOf(error);
    return { cause: localized('causes.lost', where), fix: localized('causes.lostFix') };
  }
  if (!(error instanceof ConnectError)) return undefined;
  const where = targetOf(error);
  const code = systemCode(error);
  if (code === 'ECONNREFUSED') {
    return { cause: localized('causes.refused', where), fix: localized('causes.refusedFix') };
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return {
      cause: localized('causes.unresolved', where),
      fix: localized('causes.unresolvedFix'),
    };
  }
  if (code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || code === 'EHOSTDOWN') {
    return {
      cause: localized('causes.unreachable', where),
      fix: localized('causes.unreachableFix', where),
    };
  }
  if (code === 'ETIMEDOUT' || /timed out/i.test(error.message)) {
    return { cause: localized('causes.timeout', where), fix: localized('causes.timeoutFix') };
  }
  return undefined;
}

/** The plain cause and fix, then the technical detail, as one message in every language. */
export function plainMessage(error: Error): Localized | undefined {
  const plain = plainCause(error);
  if (!plain) return undefined;
  return localized('causes.withDetail', { ...plain, detail: error.message });
}
