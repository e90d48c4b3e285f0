/** Shapes shared by the SSH layer: who to connect to, how to log in, what happens. */
import type { Client } from 'ssh2';
import type { KnownHostsStore } from './known-hosts-store';

/** One prompt of a keyboard-interactive challenge. */
export interface KeyboardInteractivePrompt {
  readonly text: string;
  /** Whether the answer may be shown while typed (false for passwords and codes). */
  readonly echo: boolean;
}

export interface KeyboardInteractiveChallenge {
  /** The host (user@host:port) asking, so a UI can say who wants what. */
  readonly host: string;
  readonly name: string;
  readonly instructions: string;
  readonly prompts: readonly KeyboardInteractivePrompt[];
}

/** Answers a challenge: one answer per prompt, in order. */
export type KeyboardInteractiveResponder = (
  challenge: KeyboardInteractiveChallenge,
) => Promise<readonly string[]> | readonly string[];

export interface PasswordAuth {
  readonly type: 'password';
  readonly password: string;
}

export interface PrivateKeyAuth {
  readonly type: 'privateKey';
  /** A key file (`~` is expanded) or the key text itself (OpenSSH or PEM format). */
  readonly key: { readonly path: string } | { readonly text: string };
  readonly passphrase?: string;
}

export interface AgentAuth {
  readonly type: 'agent';
  /** The agent's socket; defaults to SSH_AUTH_SOCK. */
  readonly socket?: string;
}

export interface KeyboardInteractiveAuth {
  readonly type: 'keyboard-interactive';
  /**
   * Answers prompts the layer cannot answer itself. Password prompts are answered
   * with the password of this target's `password` method, when it has one.
   */
  readonly responder?: KeyboardInteractiveResponder;
}

/** One way to log in. A target lists several; they are tried in order. */
export type SshAuth = PasswordAuth | PrivateKeyAuth | AgentAuth | KeyboardInteractiveAuth;

/** An SSH endpoint: a host to log in to, possibly reached through jump hosts. */
export interface SshEndpoint {
  readonly host: string;
  /** Defaults to 22. */
  readonly port?: number;
  readonly username: string;
  readonly auth: readonly SshAuth[];
  /** ProxyJump: reach this endpoint through that one (which may itself have a jump). */
  readonly jump?: SshEndpoint;
}

/** A host the engine drives. `id` keys the session pool and tags every event. */
export interface SshTarget extends SshEndpoint {
  readonly id: string;
  /**
   * The sudo password of a non-root user. When absent, the password of a
   * `password` auth method is used (the usual case: one password for both).
   */
  readonly sudoPassword?: string;
}

/**
 * `tofu`: trust an unknown host on first use, record its key, and report the
 * fingerprint. `strict`: only hosts already on file. A *changed* key is refused
 * under both.
 */
export type HostKeyPolicy = 'tofu' | 'strict';

/** What was found out about a host's key while connecting. */
export interface HostKeyReport {
  readonly host: string;
  readonly port: number;
  readonly keyType: string;
  readonly fingerprint: string;
  /** `trusted-new`: not on file before; recorded now under the tofu policy. */
  readonly status: 'known' | 'trusted-new';
}

/** Connection life cycle, for the UI and the run journal. Never carries a secret. */
export type SessionEvent =
  | {
      readonly type: 'connecting';
      readonly hostId: string;
      readonly host: string;
      readonly port: number;
      /** Set when this hop is reached through a jump host (`host:port` of it). */
      readonly via?: string;
    }
  | {
      readonly type: 'host-key-trusted';
      readonly hostId: string;
      readonly host: string;
      readonly port: number;
      readonly keyType: string;
      readonly fingerprint: string;
      readonly knownHostsPath: string;
    }
  | ({
      /** Every hop's key as it was accepted, on every connection (the journal records it). */
      readonly type: 'host-key';
      readonly hostId: string;
    } & HostKeyReport)
  | { readonly type: 'connected'; readonly hostId: string }
  | { readonly type: 'lost'; readonly hostId: string; readonly reason: string }
  | { readonly type: 'reconnecting'; readonly hostId: string }
  | { readonly type: 'closed'; readonly hostId: string };

export type SessionEventListener = (event: SessionEvent) => void;

/** How to connect; shared by every session of a pool. */
export interface ConnectOptions {
  /** Defaults to `tofu`. */
  readonly hostKeyPolicy?: HostKeyPolicy;
  /** Defaults to the app's known_hosts (see app-paths.ts). */
  readonly knownHosts?: KnownHostsStore;
  /** TCP connect + handshake + auth must finish within this. Default 20 s. */
  readonly readyTimeoutMs?: number;
  /** SSH keepalive period; a dead peer is detected after interval × countMax. Default 10 s. */
  readonly keepaliveIntervalMs?: number;
  /** Default 3. */
  readonly keepaliveCountMax?: number;
  readonly onEvent?: SessionEventListener;
  /** The one seam to the native client, so tests can observe or replace it. */
  readonly createClient?: () => Client;
  /** Environment for defaults such as SSH_AUTH_SOCK. Defaults to process.env. */
  readonly env?: NodeJS.ProcessEnv;
  /** How a server that hangs up in the middle of the handshake is tried again (connect.ts). */
  readonly handshakeRetry?: HandshakeRetry;
}

export interface HandshakeRetry {
  /** Pauses before each further attempt. Default 250 ms, 1 s, 3 s. */
  readonly delaysMs?: readonly number[];
  /**
   * A host whose sshd says it is still booting (pam_nologin's "System is booting up") is
   * tried every `bootingPauseMs` until this long after the first attempt. Default 60 s, 2 s.
   */
  readonly bootingForMs?: number;
  readonly bootingPauseMs?: number;
}

export const DEFAULT_SSH_PORT = 22;

/** `user@host:port`, the way the layer names a host in errors and logs. */
export function endpointLabel(endpoint: SshEndpoint): string {
  return `${endpoint.username}@${endpoint.host}:${endpoint.port ?? DEFAULT_SSH_PORT}`;
}
