/**
 * One SSH session per host, reused by every step: connects lazily, runs scripts
 * with streamed output and timeouts, escalates with sudo when asked, moves files
 * atomically, notices when the connection drops and reconnects on the next call.
 * Its channels stay within what sshd allows on one connection (channel-slots.ts):
 * commands beyond that wait for a channel instead of being refused.
 */
import type { SFTPWrapper } from 'ssh2';
import { shellQuote } from '../shell/quote';
import { shCommand } from '../shell/script';
import type { ChannelRetry, ChannelSlot } from './channel-slots';
import {
  assertChannelLimit,
  ChannelLimitError,
  ChannelSlots,
  openWithinSlots,
} from './channel-slots';
import type { OpenConnection } from './connect';
import { closeConnection, openConnection } from './connect';
import {
  ConnectionLostError,
  RemoteCommandError,
  SessionClosedError,
  SshError,
  SudoMissingError,
  SudoNotAllowedError,
  SudoPasswordError,
  SudoPasswordRequiredError,
} from './errors';
import { installFileScript, uploadTempPath, validateInstallRequest } from './install-file';
import { openExecChannel, runOnChannel } from './run-command';
import type { PrivilegeMode, SudoFailure } from './sudo';
import {
  SUDO_NOPASSWD_PROBE,
  SUDO_PASSWORD_PROBE,
  classifySudoFailure,
  sudoCommand,
  sudoFailureOfCommand,
  sudoStdin,
} from './sudo';
import type { ConnectOptions, HostKeyReport, SessionEvent, SshTarget } from './types';
import { endpointLabel } from './types';
import type { ExecOptions, ExecResult, UploadOptions } from '../../shared/exec';

export interface HostSessionOptions extends ConnectOptions {
  /** Applies to exec calls that give no timeoutMs. Default: none. */
  readonly defaultCommandTimeoutMs?: number;
  /**
   * Channels (commands, SFTP) open at once on one connection; more wait their turn. Default 10,
   * sshd's MaxSessions default; a server that refuses sooner lowers it for that connection.
   */
  readonly maxChannelsPerConnection?: number;
  /** How a refused channel is tried again (channel-slots.ts). */
  readonly channelRetry?: ChannelRetry;
}

export type SessionState = 'idle' | 'connecting' | 'connected' | 'lost' | 'closed';

/** A connection plus what this session learned on it; replaced on reconnect. */
interface LiveConnection extends OpenConnection {
  /** sudo mode, detected once per connection, on the first exec that needs it. */
  privilege: Promise<PrivilegeMode> | undefined;
  /** Operations in flight, told when the connection drops. */
  readonly lostListeners: Set<(error: SshError) => void>;
  dead: boolean;
  /** Set when we close it ourselves, so the close is not reported as a loss. */
  closing: boolean;
  /** Its channels in use, within what the server allows. */
  readonly channels: ChannelSlots;
  /** One SFTP channel shared by the uploads in flight; closed when the last one is done. */
  sftp: SharedSftp | undefined;
}

interface SharedSftp {
  readonly ready: Promise<SFTPWrapper>;
  users: number;
}

/** How long a command that ended with no exit status waits for its connection to drop. */
const NO_STATUS_GRACE_MS = 1_500;

/** Waits `ms`, or less when `signal` aborts first. */
function sleepUnless(signal: AbortSignal, ms: number): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

/** Probes are tiny commands; if they take this long the host is in trouble. */
const PROBE_TIMEOUT_MS = 30_000;

export class HostSession {
  private live: LiveConnection | undefined;
  private connecting: Promise<LiveConnection> | undefined;
  private everConnected = false;
  private closed = false;
  private lostSinceLastConnect = false;
  private lastHostKeys: readonly HostKeyReport[] = [];

  constructor(
    readonly target: SshTarget,
    private readonly options: HostSessionOptions = {},
  ) {
    // A bad limit is a caller's mistake: say so now, not at the first command.
    assertChannelLimit(options.maxChannelsPerConnection);
  }

  get id(): string {
    return this.target.id;
  }

  /** user@host:port, for messages. */
  get label(): string {
    return endpointLabel(this.target);
  }

  get state(): SessionState {
    if (this.closed) return 'closed';
    if (this.live && !this.live.dead) return 'connected';
    if (this.connecting) return 'connecting';
    return this.lostSinceLastConnect ? 'lost' : 'idle';
  }

  /** Host keys of the current (or last) connection, jump hosts first. */
  get hostKeys(): readonly HostKeyReport[] {
    return this.lastHostKeys;
  }

  /** Connects now (exec and friends also connect on demand). Returns the host keys seen. */
  async connect(): Promise<readonly HostKeyReport[]> {
    return (await this.ensureConnected()).hostKeys;
  }

  /** Closes the connection for good; later calls fail with SessionClosedError. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const pending = this.connecting;
    if (pending) await pending.catch(() => undefined);
    const live = this.live;
    this.live = undefined;
    if (live && !live.dead) {
      live.closing = true;
      await new Promise<void>((resolve) => {
        live.client.once('close', () => resolve());
        closeConnection(live);
        // A peer that never answers our disconnect must not hang shutdown.
        setTimeout(resolve, 2_000).unref();
      });
    }
    this.emit({ type: 'closed', hostId: this.id });
  }

  /** Runs a POSIX sh script. A non-zero exit is a result, not an error. */
  async exec(script: string, options: ExecOptions = {}): Promise<ExecResult> {
    const live = await this.ensureConnected();
    const command = shCommand(script, options.env);
    const stdin = toBuffer(options.stdin);
    const timeoutMs = options.timeoutMs ?? this.options.defaultCommandTimeoutMs;
    const streams = { onStdout: options.onStdout, onStderr: options.onStderr };
    if (!options.sudo) return this.run(live, command, stdin, timeoutMs, streams);

    const mode = await this.privilege(live);
    const result = await this.run(
      live,
      sudoCommand(command, mode),
      sudoStdin(mode, this.sudoPassword(), stdin),
      timeoutMs,
      streams,
    );
    if (mode !== 'root') {
      const failure = sudoFailureOfCommand(result.exitCode, result.stderr);
      if (failure) throw this.sudoError(failure, result.stderr);
    }
    return result;
  }

  /**
   * Installs a file so that no reader ever sees it half written:
   * 1. SFTP (as the login user) into a private new file in /tmp, mode 0600;
   * 2. `install` (as root with sudo, by default) into a temporary name beside the
   *    target, with the final mode and owner;
   * 3. `mv -f` onto the target: a rename within one directory is atomic.
   * Temporary files are removed whether this succeeds or not.
   */
  async uploadFile(
    remotePath: string,
    content: Buffer | string,
    options: UploadOptions,
  ): Promise<void> {
    const request = { target: remotePath, ...options };
    validateInstallRequest(request);
    const live = await this.ensureConnected();
    const uploaded = uploadTempPath();
    // The SFTP channel is given back before the install command asks for one of its own.
    await this.sftpWriteNewFile(live, uploaded, toBuffer(content) ?? Buffer.alloc(0));
    let result: ExecResult;
    try {
      result = await this.exec(installFileScript(uploaded, request), {
        sudo: options.sudo ?? true,
        timeoutMs: PROBE_TIMEOUT_MS,
      });
    } catch (error) {
      // The script's trap did not run (sudo refused, connection dropped...).
      await this.sftpRemove(live, uploaded);
      throw error;
    }
    if (result.exitCode !== 0) {
      throw new RemoteCommandError(
        this.label,
        `Installing ${remotePath}`,
        result.exitCode,
        result.stderr,
      );
    }
  }

  /** Reads a remote text file, decoded as UTF-8 (as root with `sudo: true`). */
  async readFile(remotePath: string, options: { sudo?: boolean } = {}): Promise<string> {
    assertAbsolutePath(remotePath);
    const result = await this.exec(`cat ${shellQuote(remotePath)}`, {
      sudo: options.sudo ?? false,
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    if (result.exitCode !== 0) {
      throw new RemoteCommandError(
        this.label,
        `Reading ${remotePath}`,
        result.exitCode,
        result.stderr,
      );
    }
    return result.stdout;
  }

  /** Whether anything exists at the path (as root with `sudo: true`). */
  async fileExists(remotePath: string, options: { sudo?: boolean } = {}): Promise<boolean> {
    assertAbsolutePath(remotePath);
    const result = await this.exec(`test -e ${shellQuote(remotePath)}`, {
      sudo: options.sudo ?? false,
      timeoutMs: PROBE_TIMEOUT_MS,
    });
    if (result.exitCode === 0) return true;
    if (result.exitCode === 1) return false;
    throw new RemoteCommandError(
      this.label,
      `Checking ${remotePath}`,
      result.exitCode,
      result.stderr,
    );
  }

  // ── connection ────────────────────────────────────────────────────────────

  private emit(event: SessionEvent): void {
    this.options.onEvent?.(event);
  }

  /** The live connection, opening one if needed; concurrent callers share one attempt. */
  private ensureConnected(): Promise<LiveConnection> {
    if (this.closed) return Promise.reject(new SessionClosedError(this.label));
    if (this.live && !this.live.dead) return Promise.resolve(this.live);
    if (!this.connecting) {
      if (this.everConnected) this.emit({ type: 'reconnecting', hostId: this.id });
      this.connecting = this.openLive().finally(() => {
        this.connecting = undefined;
      });
    }
    return this.connecting;
  }

  private async openLive(): Promise<LiveConnection> {
    const opened = await openConnection(this.target, this.id, this.options);
    const live: LiveConnection = {
      ...opened,
      privilege: undefined,
      lostListeners: new Set(),
      dead: false,
      closing: false,
      channels: new ChannelSlots(this.options.maxChannelsPerConnection),
      sftp: undefined,
    };
    if (this.closed) {
      live.closing = true;
      closeConnection(live);
      throw new SessionClosedError(this.label);
    }
    let lastError: Error | undefined;
    live.client.on('error', (error: Error) => {
      lastError = error;
    });
    live.client.on('close', () => {
      this.handleDrop(live, lastError?.message ?? 'the server closed the connection');
    });
    for (const jump of live.jumpClients) {
      // An 'error' event without a listener would crash the process; the target's
      // own 'close' (its tunnel runs through this jump) reports the loss.
      jump.on('error', (error: Error) => {
        lastError ??= new Error(`jump host: ${error.message}`);
      });
    }
    this.live = live;
    this.lastHostKeys = live.hostKeys;
    this.everConnected = true;
    this.lostSinceLastConnect = false;
    this.emit({ type: 'connected', hostId: this.id });
    return live;
  }

  private handleDrop(live: LiveConnection, reason: string): void {
    if (live.dead) return;
    live.dead = true;
    closeConnection(live);
    if (this.live === live) this.live = undefined;
    let error: SshError;
    if (live.closing) {
      // Closed by us: operations still running end with that, not with a "loss".
      error = new SessionClosedError(this.label);
    } else {
      this.lostSinceLastConnect = true;
      this.emit({ type: 'lost', hostId: this.id, reason });
      error = new ConnectionLostError(this.label, reason);
    }
    for (const listener of [...live.lostListeners]) listener(error);
  }

  /**
   * Rejects as soon as the connection drops (or the session is closed), whatever
   * `work` is waiting for, and aborts the signal so the work can drop its timers.
   */
  private guardAgainstLoss<T>(
    live: LiveConnection,
    work: (connectionGone: AbortSignal) => Promise<T>,
  ): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      if (live.dead) {
        reject(new ConnectionLostError(this.label, 'the connection is closed'));
        return;
      }
      const connectionGone = new AbortController();
      const onGone = (error: SshError): void => {
        connectionGone.abort();
        reject(error);
      };
      live.lostListeners.add(onGone);
      work(connectionGone.signal)
        .then(resolve, reject)
        .finally(() => live.lostListeners.delete(onGone));
    });
  }

  // ── commands ──────────────────────────────────────────────────────────────

  /**
   * Runs one command line on its own channel, once the connection has a channel to spare;
   * fails fast if the connection drops.
   */
  private run(
    live: LiveConnection,
    command: string,
    stdin: Buffer | undefined,
    timeoutMs: number | undefined,
    streams: { onStdout?: (text: string) => void; onStderr?: (text: string) => void } = {},
  ): Promise<ExecResult> {
    return this.guardAgainstLoss(live, async (connectionGone) => {
      const opened = await this.openChannel(
        live,
        // The place is free once the channel is: a timed-out command holds it until then.
        (slot) => openExecChannel(live.client, command, () => slot.release()),
        connectionGone,
      ).catch((error: unknown) => {
        throw this.channelOpenError(error, 'Could not start a command on');
      });
      const result = await runOnChannel(opened, this.label, {
        stdin,
        timeoutMs,
        ...streams,
        connectionGone,
      });
      // A channel that closes with no exit status is often the first sign of a connection that
      // is dying (sshd killed): given a moment, the loss is reported as such instead.
      if (result.exitCode === null && !result.signal) {
        await sleepUnless(connectionGone, NO_STATUS_GRACE_MS);
      }
      return result;
    });
  }

  /** A new channel within the connection's slots (waiting for one, retrying a refusal). */
  private openChannel<T>(
    live: LiveConnection,
    open: (slot: ChannelSlot) => Promise<T>,
    connectionGone: AbortSignal,
  ): Promise<T> {
    return openWithinSlots(live.channels, this.label, open, {
      ...(this.options.channelRetry ? { retry: this.options.channelRetry } : {}),
      cancelled: connectionGone,
    });
  }

  /** A channel that could not be opened, said for people (a refusal past retries says it itself). */
  private channelOpenError(error: unknown, what: string): unknown {
    if (error instanceof ChannelLimitError || !(error instanceof Error)) return error;
    return new SshError(this.label, `${what} ${this.label}: ${error.message}`, { cause: error });
  }

  // ── sudo ──────────────────────────────────────────────────────────────────

  /** The sudo password: the one given for sudo, else the login password. */
  private sudoPassword(): string | undefined {
    const password =
      this.target.sudoPassword ??
      this.target.auth.find((auth) => auth.type === 'password')?.password;
    if (password !== undefined && /[\r\n]/.test(password)) {
      // sudo reads one line: such a password cannot be sent, and the rest would
      // spill into the script's stdin.
      throw new SshError(
        this.label,
        'The sudo password contains a line break; sudo cannot read it.',
      );
    }
    return password;
  }

  private privilege(live: LiveConnection): Promise<PrivilegeMode> {
    if (!live.privilege) {
      const detecting = this.detectPrivilege(live);
      live.privilege = detecting;
      // Do not remember failures: a dropped connection or timeout is worth a retry.
      detecting.catch(() => {
        if (live.privilege === detecting) live.privilege = undefined;
      });
    }
    return live.privilege;
  }

  private async detectPrivilege(live: LiveConnection): Promise<PrivilegeMode> {
    if (this.target.username === 'root') return 'root';
    const passwordless = await this.run(live, SUDO_NOPASSWD_PROBE, undefined, PROBE_TIMEOUT_MS);
    if (passwordless.exitCode === 0) return 'sudo-nopasswd';
    const noPasswordFailure = classifySudoFailure(passwordless.exitCode, passwordless.stderr);
    if (noPasswordFailure === 'missing' || noPasswordFailure === 'not-allowed') {
      throw this.sudoError(noPasswordFailure, passwordless.stderr);
    }
    const password = this.sudoPassword();
    if (password === undefined) throw this.sudoError('password-required', passwordless.stderr);
    const check = await this.run(
      live,
      SUDO_PASSWORD_PROBE,
      sudoStdin('sudo-password', password, undefined),
      PROBE_TIMEOUT_MS,
    );
    if (check.exitCode === 0) return 'sudo-password';
    const failure = classifySudoFailure(check.exitCode, check.stderr);
    if (failure) throw this.sudoError(failure, check.stderr);
    throw new RemoteCommandError(
      this.label,
      'Checking the sudo password',
      check.exitCode,
      check.stderr,
    );
  }

  private sudoError(failure: SudoFailure, stderr: string): SshError {
    const user = this.target.username;
    switch (failure) {
      case 'wrong-password':
        return new SudoPasswordError(this.label, user);
      case 'not-allowed':
        return new SudoNotAllowedError(this.label, user, firstLine(stderr));
      case 'password-required':
        return new SudoPasswordRequiredError(this.label, user);
      case 'missing':
        return new SudoMissingError(this.label, user);
    }
  }

  // ── sftp ──────────────────────────────────────────────────────────────────

  /** Creates a new file (never overwrites: O_EXCL) readable only by the login user. */
  private sftpWriteNewFile(live: LiveConnection, path: string, content: Buffer): Promise<void> {
    return this.guardAgainstLoss(live, (connectionGone) =>
      this.withSftp(
        live,
        connectionGone,
        (sftp) =>
          new Promise<void>((resolve, reject) => {
            sftp.writeFile(path, content, { mode: 0o600, flag: 'wx' }, (writeError) => {
              if (writeError) {
                reject(
                  new SshError(
                    this.label,
                    `Uploading to ${path} on ${this.label} failed: ${writeError.message}`,
                  ),
                );
              } else {
                resolve();
              }
            });
          }),
      ),
    );
  }

  /** Best-effort cleanup of an uploaded temporary file. */
  private async sftpRemove(live: LiveConnection, path: string): Promise<void> {
    if (live.dead) return;
    await this.guardAgainstLoss(live, (connectionGone) =>
      this.withSftp(
        live,
        connectionGone,
        (sftp) => new Promise<void>((resolve) => sftp.unlink(path, () => resolve())),
      ),
    ).catch(() => undefined);
  }

  /**
   * Lends the connection's SFTP channel to `work`, opening it if no upload holds it now. It is
   * one channel, however many uploads share it, and it closes when the last of them is done,
   * so it never keeps a slot that a waiting command needs.
   */
  private async withSftp<T>(
    live: LiveConnection,
    connectionGone: AbortSignal,
    work: (sftp: SFTPWrapper) => Promise<T>,
  ): Promise<T> {
    const shared = live.sftp ?? { ready: this.openSftp(live, connectionGone), users: 0 };
    live.sftp = shared;
    shared.users += 1;
    try {
      return await work(await shared.ready);
    } finally {
      shared.users -= 1;
      if (shared.users === 0) {
        if (live.sftp === shared) live.sftp = undefined;
        shared.ready.then(
          (sftp) => sftp.end(),
          () => undefined,
        );
      }
    }
  }

  private async openSftp(live: LiveConnection, connectionGone: AbortSignal): Promise<SFTPWrapper> {
    try {
      return await this.openChannel(
        live,
        (slot) =>
          new Promise<SFTPWrapper>((resolve, reject) => {
            live.client.sftp((error, sftp) => {
              if (error) {
                reject(error);
                return;
              }
              sftp.once('close', () => slot.release());
              // A failed request reports through its own callback; this only keeps an 'error'
              // event of the channel from going unhandled.
              sftp.on('error', () => undefined);
              resolve(sftp);
            });
          }),
        connectionGone,
      );
    } catch (error) {
      throw this.channelOpenError(error, 'SFTP is not available on');
    }
  }
}

function toBuffer(value: Uint8Array | string | undefined): Buffer | undefined {
  if (value === undefined) return undefined;
  if (typeof value === 'string') return Buffer.from(value, 'utf8');
  // A Buffer as it is; other bytes are viewed as one, not copied.
  return Buffer.isBuffer(value)
    ? value
    : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
}

function assertAbsolutePath(path: string): void {
  if (!path.startsWith('/') || path.endsWith('/') || path.includes('\0')) {
    throw new TypeError(`Expected an absolute file path, got: ${path}`);
  }
}

function firstLine(text: string): string {
  return text.trim().split('\n', 1)[0] ?? '';
}
