/**
 * One command on its own SSH channel: stdin in, stdout/stderr streamed out as
 * UTF-8 text, exit status back, and a timeout that closes the channel.
 */
import { StringDecoder } from 'node:string_decoder';
import type { Client, ClientChannel } from 'ssh2';
import { CommandTimeoutError, SshError } from './errors';

export interface ExecResult {
  /** null when the command died of a signal or the server sent no exit status. */
  readonly exitCode: number | null;
  readonly signal: string | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly durationMs: number;
}

export interface RunCommandOptions {
  readonly stdin?: Buffer;
  readonly timeoutMs?: number;
  readonly onStdout?: (text: string) => void;
  readonly onStderr?: (text: string) => void;
  /** Aborted when the connection is gone: drop the timer, nothing else to stop. */
  readonly connectionGone: AbortSignal;
}

/** Runs `command` (a complete, quoted command line) and resolves when its channel closes. */
export function runCommand(
  client: Client,
  hostLabel: string,
  command: string,
  options: RunCommandOptions,
): Promise<ExecResult> {
  const { timeoutMs } = options;
  return new Promise<ExecResult>((resolve, reject) => {
    const startedAt = performance.now();
    const stdout = new OutputCollector(options.onStdout);
    const stderr = new OutputCollector(options.onStderr);
    let channel: ClientChannel | undefined;
    let timedOut = false;
    const timer =
      timeoutMs === undefined
        ? undefined
        : setTimeout(() => {
            timedOut = true;
            reject(new CommandTimeoutError(hostLabel, timeoutMs, stdout.text(), stderr.text()));
            if (channel) stopChannel(channel);
          }, timeoutMs);
    options.connectionGone.addEventListener('abort', () => clearTimeout(timer));

    client.exec(command, (error, opened) => {
      if (error) {
        clearTimeout(timer);
        reject(
          new SshError(hostLabel, `Could not start a command on ${hostLabel}: ${error.message}`, {
            cause: error,
          }),
        );
        return;
      }
      channel = opened;
      if (timedOut) {
        stopChannel(opened);
        return;
      }
      let exitCode: number | null = null;
      let signal: string | null = null;
      opened.on('data', (chunk: Buffer) => stdout.push(chunk));
      opened.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
      opened.on('exit', (code: number | null, signalName?: string) => {
        exitCode = code;
        signal = signalName ?? null;
      });
      opened.on('close', () => {
        clearTimeout(timer);
        resolve({
          exitCode,
          signal,
          stdout: stdout.finish(),
          stderr: stderr.finish(),
          durationMs: Math.round(performance.now() - startedAt),
        });
      });
      opened.end(options.stdin);
    });
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
