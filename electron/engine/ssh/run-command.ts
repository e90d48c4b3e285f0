/**
 * One command on its own SSH channel: stdin in, stdout/stderr streamed out as
 * UTF-8 text, exit status back, and a timeout that closes the channel. Opening the channel
 * is separate, so the session can queue it within what the server allows.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import type { ExecResult } from '../../shared/exec';
import { CommandTimeoutError } from './errors';

export interface RunCommandOptions {
  readonly stdin?: Buffer;
  readonly timeoutMs?: number;
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
  /** Aborted when the connection is gone: drop the timer, nothing else to stop. */
  readonly connectionGone: AbortSignal;
}

/** An open exec channel, and its exit status once the server sent it. */
export interface ExecChannel {
  readonly channel: ClientChannel;
  exit: { code: number | null; signal: string | null } | undefined;
}

/**
 * Opens an exec channel for `command` (a complete, quoted command line); `onClose` runs when it
 * closes. Rejects with ssh2's own error, so the caller can tell a refused channel ("Channel
 * open failure") from the rest.
 */
export function openExecChannel(
  client: Client,
  command: string,
  onClose: () => void,
): Promise<ExecChannel> {
  return new Promise<ExecChannel>((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) {
        reject(error);
        return;
      }
      // Listened for here, in ssh2's callback: the rest of the packet just read can hold the
      // exit status of a short command, emitted before any promise continuation runs.
      const opened: ExecChannel = { channel, exit: undefined };
      channel.on('exit', (code: number | null, signal?: string) => {
        opened.exit = { code, signal: signal ?? null };
      });
      channel.once('close', onClose);
      resolve(opened);
    });
  });
}

/**
 * Runs the command of an open exec channel and resolves when the channel closes. The timeout
 * counts from here: time spent waiting for a channel is not the command's.
 */
export function runOnChannel(
  opened: ExecChannel,
  hostLabel: string,
  options: RunCommandOptions,
): Promise<ExecResult> {
  const { channel } = opened;
  const { timeoutMs } = options;
  return new Promise<ExecResult>((resolve, reject) => {
    const startedAt = performance.now();
    const stdout = new OutputCollector(options.onStdout);
    const stderr = new OutputCollector(options.onStderr);
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            reject(new CommandTimeoutError(hostLabel, timeoutMs, stdout.text(), stderr.text()));
            stopChannel(channel);
          }, timeoutMs);
    options.connectionGone.addEventListener('abort', () => clearTimeout(timer));

    channel.on('data', (chunk: Buffer) => stdout.push(chunk));
    channel.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    channel.on('close', () => {
      clearTimeout(timer);
      resolve({
        exitCode: opened.exit?.code ?? null,
        signal: opened.exit?.signal ?? null,
        stdout: stdout.finish(),
        stderr: stderr.finish(),
        durationMs: Math.round(performance.now() - startedAt),
      });
    });
    channel.end(options.stdin);
  });
}

/** Collects a byte stream as UTF-8 text without breaking characters split across chunks. */
class OutputCollector {
  private readonly decoder = new StringDecoder('utf8');
  private collected = '';

  constructor(private readonly onText: ((text: string) => void) | undefined) {}

  push(chunk: Buffer): void {
    this.append(this.decoder.write(chunk));
  }

  /** Flushes a trailing incomplete sequence (as U+FFFD) and returns everything. */
  finish(): string {
    this.append(this.decoder.end());
    return this.collected;
  }

  text(): string {
    return this.collected;
  }

  private append(text: string): void {
    if (text === '') return;
    this.collected += text;
    this.onText?.(text);
  }
}

/**
 * Stops a command: ask the remote side to kill it (OpenSSH honours signals since
 * 7.9; older servers ignore the request), then close the channel.
 */
function stopChannel(channel: ClientChannel): void {
  try {
    channel.signal('KILL');
    channel.close();
  } catch {
    // The channel or the connection is already going away: nothing left to stop.
  }
}
