/** The SSH layer: sessions to hosts, host key trust, sudo, atomic uploads. */
export type {
  AgentAuth,
  ConnectOptions,
  HandshakeRetry,
  HostKeyPolicy,
  HostKeyReport,
  KeyboardInteractiveAuth,
  KeyboardInteractiveChallenge,
  KeyboardInteractivePrompt,
  KeyboardInteractiveResponder,
  PasswordAuth,
  PrivateKeyAuth,
  SessionEvent,
  SessionEventListener,
  SshAuth,
  SshEndpoint,
  SshTarget,
} from './types';
export { endpointLabel } from './types';
export type { ExecOptions, ExecResult, UploadOptions } from '../../shared/exec';
export type { HostSessionOptions, SessionState } from './host-session';
export { HostSession } from './host-session';
export { SessionPool } from './session-pool';
export { ChannelLimitError, DEFAULT_MAX_CHANNELS } from './channel-slots';
export type { ChannelRetry } from './channel-slots';
export { KnownHostsStore, forgetHostKey } from './known-hosts-store';
export { probeHostKey, refusedKey, type ProbedHostKey } from './host-key-probe';
export { hostKeyFingerprint, knownHostName } from './known-hosts';
export {
  AuthenticationError,
  CommandTimeoutError,
  ConnectError,
  ConnectionLostError,
  HostKeyChangedError,
  HostKeyUnknownError,
  RemoteCommandError,
  SessionClosedError,
  SshError,
  SudoMissingError,
  SudoNotAllowedError,
  SudoPasswordError,
  SudoPasswordRequiredError,
} from './errors';
