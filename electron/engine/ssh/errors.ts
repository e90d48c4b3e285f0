/**
 * Errors of the SSH layer. Each names the host it is about and what to do next,
 * and none ever carries a secret (password, passphrase, key text, script stdin).
 */

import { hostPortLabel } from './known-hosts';

/** Base class: lets callers tell SSH-layer failures from programming errors. */
export class SshError extends Error {
  /** The host the error is about, as `label` (user@host:port) or host id. */
  readonly host: string;
  constructor(host: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.host = host;
  }
}

/** The host presented a key different from the one on file: possible man in the middle. */
export class HostKeyChangedError extends SshError {
  constructor(
    readonly hostname: string,
    readonly port: number,
    readonly knownFingerprints: readonly string[],
    readonly presentedFingerprint: string,
    readonly knownHostsPath: string,
    /** The key the host presented (public, raw blob): what a deliberate re-trust records. */
    readonly presentedKey: Buffer,
  ) {
    const target = hostPortLabel(hostname, port);
    super(
      target,
      `Host key of ${target} has CHANGED: refused before sending any credentials. ` +
        `On file: ${knownFingerprints.join(', ')}; presented now: ${presentedFingerprint} ` +
        `(known hosts file: ${knownHostsPath}). Someone could be intercepting the connection, ` +
        `or the host was reinstalled. If you are sure it is the latter, forget the old key with ` +
        `\`swarmlab known-hosts forget ${target}\` (API: forgetHostKey('${hostname}', ${port})) ` +
        `and connect again.`,
    );
  }
}

/** Strict policy and the host is not on file. */
export class HostKeyUnknownError extends SshError {
  constructor(
    readonly hostname: string,
    readonly port: number,
    readonly presentedFingerprint: string,
    readonly knownHostsPath: string,
    /** The key the host presented (public, raw blob): what trusting it records. */
    readonly presentedKey: Buffer,
  ) {
    const target = hostPortLabel(hostname, port);
    super(
      target,
      `Host key of ${target} is not known yet (${presentedFingerprint}): refused before ` +
        `sending any credentials. Compare it with the host's own (\`ssh-keygen -lf ` +
        `/etc/ssh/ssh_host_ed25519_key.pub\` on its console), then trust it: on the wizard's ` +
        `Access page, or by answering yes when the CLI asks (--yes trusts new keys).`,
    );
  }
}

/** Every configured auth method was refused or could not be used. */
export class AuthenticationError extends SshError {
  constructor(
    host: string,
    /** One line per method, e.g. `password: refused`, `agent: skipped (no agent socket)`. */
    readonly attempts: readonly string[],
    /** The methods the server said it accepts, when it said. */
    readonly serverMethods: readonly string[] | undefined,
  ) {
    const tried = attempts.length > 0 ? attempts.join('; ') : 'no method configured';
    const offered = serverMethods ? ` The server accepts: ${serverMethods.join(', ')}.` : '';
    super(host, `Authentication to ${host} failed. Tried: ${tried}.${offered}`);
  }
}

/** TCP connect or SSH handshake did not succeed (refused, unreachable, timed out...). */
export class ConnectError extends SshError {}

/** An established connection went away (network drop, keepalive timeout, sshd restart). */
export class ConnectionLostError extends SshError {
  constructor(host: string, reason: string, options?: { cause?: unknown }) {
    super(host, `Connection to ${host} was lost: ${reason}`, options);
  }
}

/** A command ran longer than its timeout; its channel was closed. */
export class CommandTimeoutError extends SshError {
  constructor(
    host: string,
    readonly timeoutMs: number,
    /** Output received before the timeout, to help diagnose what hung. */
    readonly partialStdout: string,
    readonly partialStderr: string,
  ) {
    super(
      host,
      `Command on ${host} did not finish within ${timeoutMs} ms; its channel was closed.`,
    );
  }
}

/** A command the SSH layer runs for itself (upload, read) exited non-zero. */
export class RemoteCommandError extends SshError {
  constructor(
    host: string,
    readonly what: string,
    readonly exitCode: number | null,
    readonly stderr: string,
  ) {
    super(host, `${what} on ${host} failed (exit ${exitCode ?? 'none'}): ${stderr.trim()}`);
  }
}

/** sudo rejected the password we gave it. */
export class SudoPasswordError extends SshError {
  constructor(host: string, user: string) {
    super(host, `sudo on ${host} rejected the password given for user ${user}.`);
  }
}

/** The login user is not allowed to use sudo at all. */
export class SudoNotAllowedError extends SshError {
  constructor(host: string, user: string, detail: string) {
    super(
      host,
      `User ${user} may not use sudo on ${host} (${detail}). Log in as root or add the user to ` +
        `the sudo group.`,
    );
  }
}

/** sudo needs a password and none was given. */
export class SudoPasswordRequiredError extends SshError {
  constructor(host: string, user: string) {
    super(
      host,
      `sudo on ${host} needs a password for user ${user}, and none was given. Provide the sudo ` +
        `password, or configure passwordless sudo for this user.`,
    );
  }
}

/** sudo is not installed on the host. */
export class SudoMissingError extends SshError {
  constructor(host: string, user: string) {
    super(host, `sudo is not installed on ${host}; log in as root instead of ${user}.`);
  }
}

/** The session was closed by its owner; it will not reconnect. */
export class SessionClosedError extends SshError {
  constructor(host: string) {
    super(host, `The SSH session to ${host} has been closed.`);
  }
}
