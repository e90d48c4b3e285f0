/**
 * How a command runs on a host: one set of options, from the step that asks through the runner
 * that records it down to the SSH channel. Each layer reads the fields that concern it and
 * passes the rest on.
 */

export interface ExecOptions {
  /** Run as root: through sudo for a non-root login, directly for root. */
  sudo?: boolean;
  /** Sent to the script's stdin, then EOF: the way to pass secrets and file contents. Never logged. */
  stdin?: string | Uint8Array;
  /** Stop the command and fail after this long. */
  timeoutMs?: number;
  /** Exported before the script runs. Visible in the host's `ps`: not for secrets. */
  env?: Readonly<Record<string, string>>;
  /** The run's cancel signal, set by the runner. */
  signal?: AbortSignal;
  /** Output as it arrives, decoded as UTF-8; set by the runner, which records it. */
  onStdout?: (text: string) => void;
  onStderr?: (text: string) => void;
  /** For the runner: a failing exit code is a result, not an error. */
  allowFailure?: boolean;
  /** For the runner: show this in events instead of the real command, which holds a secret. */
  displayCommand?: string;
  /** For the runner: do not record this command's output in events (noise, or a secret). */
  quiet?: boolean;
  /**
   * For the runner: what a read-only command finds out, in words ("checks whether Docker is
   * installed"), so the report and its script can say it instead of quoting the command.
   */
  purpose?: { en: string; 'zh-CN': string };
}

export interface ExecResult {
  /** null when the command died of a signal or the server sent no exit status. */
  exitCode: number | null;
  /** The signal that ended the command, when the SSH layer knows it. */
  signal?: string | null;
  stdout: string;
  stderr: string;
  durationMs: number;
}

/** How a whole file is written on a host (atomically: the old content or the new, never half). */
export interface UploadOptions {
  /** Permission bits, e.g. 0o644. */
  mode: number;
  owner?: string;
  group?: string;
  /** Install as root; the SSH layer defaults to true, since the usual targets are system files. */
  sudo?: boolean;
}
