/**
 * Asks a host for its key and nothing else: the key exchange runs, the verifier records the key
 * the host presents and refuses it, so the connection ends before authentication and no
 * password, key signature or agent request is ever sent. This is how a person sees a host's
 * fingerprint before deciding to trust it. Behind jump hosts, each jump host must already be
 * trusted: it is logged in to (strictly) to reach the next hop, and an untrusted one is what the
 * probe reports instead.
 */
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { closeConnection, openConnection, openTunnel, type OpenConnection } from './connect';
import { ConnectError, HostKeyChangedError, HostKeyUnknownError } from './errors';
import { hostKeyFingerprint, keyTypeOfBlob } from './known-hosts';
import type { KnownHostsStore } from './known-hosts-store';
import type { ConnectOptions, SshEndpoint } from './types';
import { DEFAULT_SSH_PORT, endpointLabel } from './types';

const DEFAULT_PROBE_TIMEOUT_MS = 15_000;

/** One hop's key as presented, compared with known_hosts. */
export interface ProbedHostKey {
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  readonly status: 'known' | 'unknown' | 'changed';
  /** Fingerprints on file for this host:port when the key changed. */
  readonly knownFingerprints: readonly string[];
  /** The presented public key blob: what trusting the key records. */
  readonly key: Buffer;
}

/**
 * The key of the endpoint, or of the first jump host on the way that is not trusted yet (the
 * hops behind it cannot be reached without trusting it first). Credentials go only to jump
 * hosts whose keys are already on file.
 */
export async function probeHostKey(
  endpoint: SshEndpoint,
  store: KnownHostsStore,
  options: Pick<ConnectOptions, 'env' | 'readyTimeoutMs'> = {},
): Promise<ProbedHostKey> {
  let jumps: OpenConnection | undefined;
  try {
    let tunnel: Duplex | undefined;
    if (endpoint.jump) {
      try {
        jumps = await openConnection(endpoint.jump, endpointLabel(endpoint.jump), {
          ...options,
          hostKeyPolicy: 'strict',
          knownHosts: store,
        });
      } catch (error) {
        const refused = refusedKey(error);
        if (refused) return refused;
        throw error;
      }
      tunnel = await openTunnel(jumps.client, endpoint.jump, endpoint);
    }
    const key = await presentedKey(endpoint, tunnel, options.readyTimeoutMs);
    return await compared(endpoint.host, endpoint.port ?? DEFAULT_SSH_PORT, key, store);
  } finally {
    if (jumps) closeConnection(jumps);
  }
}

/**
 * The key a strict connection refused (unknown or changed), as a probe reports it; undefined
 * for any other error.
 */
export function refusedKey(error: unknown): ProbedHostKey | undefined {
  if (error instanceof HostKeyUnknownError) {
    return {
      ...described(error.hostname, error.port, error.presentedKey),
      status: 'unknown',
      knownFingerprints: [],
    };
  }
  if (error instanceof HostKeyChangedError) {
    return {
      ...described(error.hostname, error.port, error.presentedKey),
      status: 'changed',
      knownFingerprints: error.knownFingerprints,
    };
  }
  return undefined;
}

function described(
  host: string,
  port: number,
  key: Buffer,
): Pick<ProbedHostKey, 'host' | 'port' | 'keyType' | 'fingerprint' | 'key'> {
  return { host, port, keyType: keyTypeOfBlob(key), fingerprint: hostKeyFingerprint(key), key };
}

async function compared(
  host: string,
  port: number,
  key: Buffer,
  store: KnownHostsStore,
): Promise<ProbedHostKey> {
  const lookup = await store.lookup(host, port, key);
  return {
    ...described(host, port, key),
    status: lookup.status,
    knownFingerprints: lookup.status === 'changed' ? lookup.knownFingerprints : [],
  };
}

/** Runs the key exchange only: the verifier keeps the key and refuses it. */
function presentedKey(
  hop: SshEndpoint,
  tunnel: Duplex | undefined,
  timeoutMs = DEFAULT_PROBE_TIMEOUT_MS,
): Promise<Buffer> {
  const label = endpointLabel(hop);
  const client = new Client();
  return new Promise((resolve, reject) => {
    let key: Buffer | undefined;
    let settled = false;
    const settle = (error?: Error): void => {
      if (settled) return;
      settled = true;
      client.end();
      if (key) resolve(key);
      else
        reject(
          new ConnectError(
            label,
            `Cannot read the host key of ${label}: ${error?.message ?? 'the connection closed first'}`,
            error ? { cause: error } : undefined,
          ),
        );
    };
    client.on('error', settle);
    client.on('close', () => settle());
    client.connect({
      host: hop.host,
      port: hop.port ?? DEFAULT_SSH_PORT,
      username: hop.username,
      ...(tunnel ? { sock: tunnel } : {}),
      readyTimeout: timeoutMs,
      hostVerifier: (blob: Buffer, verdict: (accept: boolean) => void) => {
        key = Buffer.from(blob);
        // Refused on purpose: the connection must end before any authentication.
        verdict(false);
        settle();
      },
    });
  });
}
