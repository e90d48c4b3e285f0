/**
 * Opens an authenticated ssh2 Client to an endpoint, through its jump hosts if
 * any (ProxyJump): connect to the first hop, ask it to open a TCP channel to the
 * next (`forwardOut`), run the next SSH handshake over that channel (`sock`),
 * and so on. Every hop has its own host key check and its own auth.
 */
import type { Duplex } from 'node:stream';
import { Client } from 'ssh2';
import { createAuthLoop, prepareAuthMethods } from './auth';
import type { SshError } from './errors';
import { AuthenticationError, ConnectError } from './errors';
import { createHostKeyCheck } from './host-verifier';
import { knownHostsPath } from '../app-paths';
import { KnownHostsStore } from './known-hosts-store';
import type { ConnectOptions, HostKeyReport, SshEndpoint } from './types';
import { DEFAULT_SSH_PORT, endpointLabel } from './types';

export const DEFAULT_READY_TIMEOUT_MS = 20_000;
export const DEFAULT_KEEPALIVE_INTERVAL_MS = 10_000;
export const DEFAULT_KEEPALIVE_COUNT_MAX = 3;

/** An authenticated client plus the jump-host clients it rides on. */
export interface OpenConnection {
  readonly client: Client;
  /** Jump hosts, nearest first; closed together with the client. */
  readonly jumpClients: readonly Client[];
  /** The host key of every hop, jump hosts first, target last. */
  readonly hostKeys: readonly HostKeyReport[];
}

/** Closes the client and its jump hosts. Safe to call more than once. */
export function closeConnection(connection: OpenConnection): void {
  connection.client.end();
  for (const jump of [...connection.jumpClients].reverse()) jump.end();
}

/** The hops from the outermost jump host to the endpoint itself. */
function hopsOf(endpoint: SshEndpoint): SshEndpoint[] {
  const hops: SshEndpoint[] = [];
  const seen = new Set<SshEndpoint>();
  for (let hop: SshEndpoint | undefined = endpoint; hop; hop = hop.jump) {
    if (seen.has(hop)) throw new Error(`Jump host loop at ${endpointLabel(hop)}`);
    seen.add(hop);
    hops.unshift(hop);
  }
  return hops;
}

export async function openConnection(
  endpoint: SshEndpoint,
  hostId: string,
  options: ConnectOptions,
): Promise<OpenConnection> {
  const store = options.knownHosts ?? new KnownHostsStore(knownHostsPath(options.env));
  const hops = hopsOf(endpoint);
  const clients: Client[] = [];
  const hostKeys: HostKeyReport[] = [];
  try {
    let tunnel: Duplex | undefined;
    for (const [index, hop] of hops.entries()) {
      const via = index > 0 ? hops[index - 1] : undefined;
      options.onEvent?.({
        type: 'connecting',
        hostId,
        host: hop.host,
        port: hop.port ?? DEFAULT_SSH_PORT,
        ...(via ? { via: `${via.host}:${via.port ?? DEFAULT_SSH_PORT}` } : {}),
      });
      const { client, hostKey } = await connectHop(hop, tunnel, hostId, store, options);
      clients.push(client);
      hostKeys.push(hostKey);
      options.onEvent?.({ type: 'host-key', hostId, ...hostKey });
      const nextHop = hops[index + 1];
      if (nextHop) tunnel = await openTunnel(client, hop, nextHop);
    }
    const client = clients.pop();
    if (!client) throw new Error('unreachable: no hop was connected');
    return { client, jumpClients: clients.reverse(), hostKeys };
  } catch (error) {
    for (const client of clients.reverse()) client.end();
    throw error;
  }
}

/** Asks an authenticated jump host for a TCP channel to the next hop's sshd. */
export function openTunnel(
  jumpClient: Client,
  jump: SshEndpoint,
  next: SshEndpoint,
): Promise<Duplex> {
  const nextPort = next.port ?? DEFAULT_SSH_PORT;
  return new Promise((resolve, reject) => {
    // The source address is informational for the jump host's sshd; loopback is what
    // OpenSSH's ProxyJump sends too.
    jumpClient.forwardOut('127.0.0.1', 0, next.host, nextPort, (error, stream) => {
      if (error) {
        reject(
          new ConnectError(
            endpointLabel(next),
            `Jump host ${endpointLabel(jump)} could not open a connection to ` +
              `${next.host}:${nextPort}: ${error.message}`,
            { cause: error },
          ),
        );
        return;
      }
      resolve(stream);
    });
  });
}

/**
 * A server that closes the connection in the middle of the handshake, before any host key
 * refusal or authentication verdict, is usually busy rather than refusing: an sshd still
 * starting up or being restarted, or one shedding connections under MaxStartups. A direct
 * connection is tried again after these pauses; every other failure is final at once.
 */
const HANDSHAKE_CLOSED_RETRY_DELAYS_MS: readonly number[] = [250, 1_000, 3_000];
/** A host still booting lets root in but nobody else until systemd-user-sessions ran. */
const BOOTING_RETRY_FOR_MS = 60_000;
const BOOTING_RETRY_PAUSE_MS = 2_000;
/** What sshd passes on from pam_nologin while /run/nologin exists (systemd's wording). */
const BOOTING_NOTICE = /system is booting up|not permitted to log in yet/i;

/** A closed-during-handshake failure that another attempt may get past. */
class HandshakeClosedError extends ConnectError {
  constructor(
    host: string,
    message: string,
    /** sshd said the host is still booting before it hung up. */
    readonly hostIsBooting: boolean,
    options?: { cause?: unknown },
  ) {
    super(host, message, options);
  }
}

async function connectHop(
  hop: SshEndpoint,
  tunnel: Duplex | undefined,
  hostId: string,
  store: KnownHostsStore,
  options: ConnectOptions,
): Promise<{ client: Client; hostKey: HostKeyReport }> {
  const retry = options.handshakeRetry ?? {};
  const delays = retry.delaysMs ?? HANDSHAKE_CLOSED_RETRY_DELAYS_MS;
  const started = Date.now();
  let retries = 0;
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await handshake(hop, tunnel, hostId, store, options);
    } catch (error) {
      // A tunnel is one stream: once its far end closed, there is nothing to try again on.
      if (!(error instanceof HandshakeClosedError) || tunnel) throw error;
      const stillBooting =
        error.hostIsBooting && Date.now() - started < (retry.bootingForMs ?? BOOTING_RETRY_FOR_MS);
      const pause = stillBooting
        ? (retry.bootingPauseMs ?? BOOTING_RETRY_PAUSE_MS)
        : delays[retries++];
      if (pause === undefined) {
        if (attempt === 0) throw error;
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        throw new ConnectError(
          error.host,
          `${error.message}; it did so on all ${attempt + 1} attempts over ${seconds} s`,
          { cause: error },
        );
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** One SSH handshake + host key check + auth, over TCP or over a tunnel. */
async function handshake(
  hop: SshEndpoint,
  tunnel: Duplex | undefined,
  hostId: string,
  store: KnownHostsStore,
  options: ConnectOptions,
): Promise<{ client: Client; hostKey: HostKeyReport }> {
  const port = hop.port ?? DEFAULT_SSH_PORT;
  const label = endpointLabel(hop);
  const auth = createAuthLoop(await prepareAuthMethods(hop, options.env ?? process.env));
  const hostKeyCheck = createHostKeyCheck(
    hop.host,
    port,
    options.hostKeyPolicy ?? 'tofu',
    store,
    (report) =>
      options.onEvent?.({
        type: 'host-key-trusted',
        hostId,
        host: report.host,
        port: report.port,
        keyType: report.keyType,
        fingerprint: report.fingerprint,
        knownHostsPath: store.path,
      }),
  );
  const client = options.createClient?.() ?? new Client();

  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (error: SshError): void => {
      if (settled) return;
      settled = true;
      client.end();
      reject(error);
    };
    client.once('ready', () => {
      const hostKey = hostKeyCheck.report();
      if (!hostKey) {
        // ssh2 only gets here after our verifier accepted, so this is a bug guard.
        fail(new ConnectError(label, `No host key check happened for ${label}`));
        return;
      }
      // onError/onClose stay attached (they are no-ops once settled): an 'error'
      // event without a listener would crash the process.
      settled = true;
      resolve({ client, hostKey });
    });
    // How far the handshake got, so a hang-up says where it happened, and what sshd said
    // (a notice before authentication: a login banner, or why PAM turned the login away).
    let reached = 'before the key exchange finished';
    let notice = '';
    client.on('handshake', () => {
      reached = 'after the key exchange';
    });
    client.on('banner', (message: string) => {
      notice += message;
    });
    const whereItStopped = (bannerSeen = true): string => {
      const pending = auth.pending();
      if (!bannerSeen) return 'before sending its SSH banner';
      const where =
        pending && pending !== 'none' ? `while trying ${pending} authentication` : reached;
      const said = notice.trim().replace(/\s+/g, ' ').slice(0, 300);
      return said ? `${where}; it said: "${said}"` : where;
    };
    const closed = (verb: string, bannerSeen = true, cause?: Error): HandshakeClosedError =>
      new HandshakeClosedError(
        label,
        `${label} ${verb} the connection during the SSH handshake, ${whereItStopped(bannerSeen)}`,
        BOOTING_NOTICE.test(notice),
        cause ? { cause } : undefined,
      );
    const onError = (error: Error & { level?: string; code?: string }): void => {
      const refusal = hostKeyCheck.refusal();
      // ssh2's words for a TCP connection closed before the server's banner (MaxStartups).
      if (error.level === 'protocol' && error.message === 'Connection lost before handshake') {
        fail(closed('closed', false, error));
        return;
      }
      if (!refusal && error.code === 'ECONNRESET') {
        fail(closed('reset', true, error));
        return;
      }
      fail(explainConnectError(error, label, refusal, auth));
    };
    const onClose = (): void => {
      fail(hostKeyCheck.refusal() ?? closed('closed'));
    };
    client.on('error', onError);
    client.on('close', onClose);
    client.connect({
      host: hop.host,
      port,
      username: hop.username,
      ...(tunnel ? { sock: tunnel } : {}),
      hostVerifier: hostKeyCheck.verify,
      authHandler: auth.handler,
      readyTimeout: options.readyTimeoutMs ?? DEFAULT_READY_TIMEOUT_MS,
      keepaliveInterval: options.keepaliveIntervalMs ?? DEFAULT_KEEPALIVE_INTERVAL_MS,
      keepaliveCountMax: options.keepaliveCountMax ?? DEFAULT_KEEPALIVE_COUNT_MAX,
    });
  });
}

function explainConnectError(
  error: Error & { level?: string },
  label: string,
  hostKeyRefusal: SshError | undefined,
  auth: ReturnType<typeof createAuthLoop>,
): SshError {
  // The verifier's reason is the real story; ssh2 only says "Host denied".
  if (hostKeyRefusal) return hostKeyRefusal;
  if (error.level === 'client-authentication') {
    return new AuthenticationError(label, auth.attempts(), auth.serverMethods());
  }
  if (error.level === 'client-timeout' || /timed out/i.test(error.message)) {
    return new ConnectError(label, `Timed out connecting to ${label}: ${error.message}`, {
      cause: error,
    });
  }
  return new ConnectError(label, `Cannot connect to ${label}: ${error.message}`, { cause: error });
}
