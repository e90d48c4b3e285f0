/**
 * An interactive shell on a node: its own ssh2 connection (same targets, auth loop and host
 * key policy as the engine's sessions, through connect.ts), a pty of the terminal's size, raw
 * bytes both ways. A channel that closes after an exit status is an exit; one that closes
 * without (sshd killed, network gone, keepalive timeout) is a lost connection. `start` again
 * reconnects.
 */
import type { ClientChannel, SFTPWrapper } from 'ssh2';
import { closeConnection, openConnection, type OpenConnection } from '../ssh/connect';
import type { ConnectOptions, SshTarget } from '../ssh/types';
import { NodeStatsReader, sftpNodeFiles } from './node-stats';
import type { BackendSink, TerminalBackend, TerminalDimensions } from './types';

/** What the remote shell is told it runs in; xterm.js implements xterm-256color. */
export const REMOTE_TERM = 'xterm-256color';

/** How often the line under a terminal on screen is refreshed. */
export const STATS_INTERVAL_MS = 3_000;

/** The node's figures being sampled, over the shell's SFTP channel. */
interface StatsWatch {
  timer?: NodeJS.Timeout;
}

export class SshShell implements TerminalBackend {
  private connection: OpenConnection | undefined;
  private channel: ClientChannel | undefined;
  /** Bumped on every start/close, so callbacks of an old connection are ignored. */
  private generation = 0;
  private closed = false;
  private paused = false;
  /** The latest size asked for: a resize may come while the shell is still opening. */
  private size: TerminalDimensions = { cols: 80, rows: 24 };
  /** Whether the owner wants the node's figures (its terminal is on screen). */
  private statsWanted = false;
  private stats: StatsWatch | undefined;
  private sftpChannel: Promise<SFTPWrapper> | undefined;

  constructor(
    private readonly target: SshTarget,
    private readonly options: ConnectOptions,
    private readonly sink: BackendSink,
  ) {}

  async start(size: TerminalDimensions): Promise<void> {
    if (this.closed) return;
    this.dropConnection();
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.closed;
    this.paused = false;
    this.size = size;
    this.sink.onStatus({ state: 'connecting' });
    let connection: OpenConnection;
    try {
      connection = await openConnection(this.target, this.target.id, this.options);
    } catch (error) {
      if (current()) this.sink.onStatus({ state: 'failed', reason: messageOf(error) });
      return;
    }
    if (!current()) {
      closeConnection(connection);
      return;
    }
    this.connection = connection;
    let lostReason: string | undefined;
    let exit: { code: number | null; signal?: string } | undefined;
    let ended = false;
    const end = (): void => {
      if (ended || !current()) return;
      ended = true;
      this.channel = undefined;
      this.sink.onStatus(
        exit
          ? { state: 'exited', ...exit }
          : { state: 'lost', reason: lostReason ?? 'the connection closed' },
      );
      this.dropConnection();
    };
    connection.client.on('error', (error: Error) => {
      lostReason = error.message;
    });
    connection.client.on('close', end);

    const channel = await new Promise<ClientChannel | undefined>((resolve) => {
      connection.client.shell(
        { term: REMOTE_TERM, cols: size.cols, rows: size.rows, width: 0, height: 0 },
        (error, stream) => {
          if (error) {
            if (current()) this.sink.onStatus({ state: 'failed', reason: error.message });
            resolve(undefined);
            return;
          }
          resolve(stream);
        },
      );
    });
    if (!channel || !current()) {
      channel?.close();
      if (current()) this.dropConnection();
      return;
    }
    this.channel = channel;
    if (this.size.cols !== size.cols || this.size.rows !== size.rows) this.resize(this.size);
    channel.on('data', (chunk: Buffer) => {
      if (current()) this.sink.onData(chunk);
    });
    // With a pty the shell's stderr is the tty too; a remote that still sends extended
    // data gets it shown in order of arrival.
    channel.stderr.on('data', (chunk: Buffer) => {
      if (current()) this.sink.onData(chunk);
    });
    channel.on('exit', (code: number | null, signal?: string) => {
      exit = signal ? { code: code ?? null, signal } : { code: code ?? null };
    });
    channel.on('close', end);
    this.sink.onStatus({ state: 'connected' });
    if (this.statsWanted) this.startStats();
  }

  watchStats(on: boolean): void {
    this.statsWanted = on;
    if (on) this.startStats();
    else this.stopStats();
  }

  /**
   * The SFTP channel on this shell's connection, opened on first use and shared (the status
   * line, the file panel); it closes with the connection. Rejects when there is no connection
   * or the server has no SFTP.
   */
  sftp(): Promise<SFTPWrapper> {
    const connection = this.connection;
    if (!connection) return Promise.reject(new Error('the terminal is not connected'));
    this.sftpChannel ??= new Promise<SFTPWrapper>((resolve, reject) => {
      connection.client.sftp((error, sftp) => {
        if (error) return reject(error);
        // A failed request reports through its own callback; this keeps the channel's own
        // 'error' event from going unhandled.
        sftp.on('error', () => undefined);
        resolve(sftp);
      });
    });
    // A refusal is not kept: the next call asks again.
    this.sftpChannel.catch(() => (this.sftpChannel = undefined));
    return this.sftpChannel;
  }

  /** Samples at once, then every few seconds, one sample at a time. */
  private startStats(): void {
    if (!this.connection || this.stats || !this.sink.onStats) return;
    const watch: StatsWatch = {};
    this.stats = watch;
    this.sftp().then(
      (sftp) => {
        if (this.stats !== watch) return;
        const reader = new NodeStatsReader(sftpNodeFiles(sftp));
        let busy = false;
        const tick = async () => {
          if (busy) return;
          busy = true;
          try {
            const stats = await reader.sample();
            if (this.stats === watch) this.sink.onStats?.(stats);
          } catch {
            // One sample lost (the connection going, a file unreadable): the next one may do.
          } finally {
            busy = false;
          }
        };
        void tick();
        watch.timer = setInterval(() => void tick(), STATS_INTERVAL_MS);
      },
      // A server without SFTP has no status line; the terminal itself is unaffected.
      () => undefined,
    );
  }

  private stopStats(): void {
    const watch = this.stats;
    this.stats = undefined;
    if (watch) clearInterval(watch.timer);
  }

  write(data: Uint8Array): void {
    this.channel?.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength));
  }

  resize(size: TerminalDimensions): void {
    this.size = size;
    // ssh2's order is rows, cols, height, width; pixels are optional (0).
    this.channel?.setWindow(size.rows, size.cols, 0, 0);
  }

  /**
   * Stops reading: ssh2 then stops granting window to the remote side, so sshd (and the
   * command behind it) blocks once ≤ 2 MiB is in flight. Memory stays bounded.
   */
  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.channel?.pause();
    this.channel?.stderr.pause();
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    this.channel?.resume();
    this.channel?.stderr.resume();
  }

  close(): void {
    this.closed = true;
    this.generation += 1;
    this.dropConnection();
  }

  private dropConnection(): void {
    this.stopStats();
    const sftp = this.sftpChannel;
    this.sftpChannel = undefined;
    sftp?.then((channel) => channel.end()).catch(() => undefined);
    const connection = this.connection;
    this.connection = undefined;
    this.channel = undefined;
    if (connection) closeConnection(connection);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
