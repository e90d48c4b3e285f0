/**
 * A host's connection as steps see it: every command and upload a step sends is recorded as
 * command-started, command-output and command-finished events, its output redacted as it
 * streams, and cancelled with the run.
 */
import { shellQuote } from '../shell/quote';
import type { ExecOptions, ExecResult, RemoteHost, UploadOptions } from '../steps/step';
import { StepFailure } from '../steps/step';
import { localized } from '../../shared/messages';
import { inEachLanguage, type Localized } from '../../shared/localized';
import { fixForFailedCommand, withoutCauseMarks } from './command-causes';
import { TroubleScanner } from './output-troubles';
import type { ConnectionProvider, HostConnection, SecretFilter } from './connection';
import type { PlanHostSummary, StepPhase } from '../../shared/plan';
import type { FileUpload } from '../../shared/run-events';
import { stepKey } from './journal';
import type { Emit } from './run-state';

export interface RecorderOptions {
  hosts: readonly PlanHostSummary[];
  connections: ConnectionProvider;
  secrets: SecretFilter;
  emit: Emit;
  signal: AbortSignal;
  /** The phase each (host, step) is in, so every command says which phase sent it. */
  phases: ReadonlyMap<string, StepPhase>;
}

/** Who sends a command: the host it runs on, the step, and the host whose step that is. */
interface CommandSource {
  hostId: string;
  stepId: string;
  forHost: string;
  warn?: (words: Localized) => void;
}

/** Hands out recording remotes for one run and numbers their commands across the whole run. */
export class CommandRecorder {
  private nextCommandId = 1;

  constructor(private readonly recorder: RecorderOptions) {}

  /**
   * The remote `hostId` as step `stepId` of `forHost` uses it (another host for fan-in steps).
   * `warn` hears the trouble its commands' output shows while they run.
   */
  remoteFor(
    hostId: string,
    stepId: string,
    forHost: string,
    warn?: (words: Localized) => void,
  ): RemoteHost {
    const host = this.recorder.hosts.find((candidate) => candidate.id === hostId);
    if (!host) throw new Error(`unknown host ${hostId}`);
    const connection = this.recorder.connections.connectionFor(hostId);
    const source: CommandSource = { hostId, stepId, forHost, ...(warn ? { warn } : {}) };
    return {
      host,
      exec: (script: string, options: ExecOptions = {}) =>
        this.exec(source, connection, script, options),
      uploadFile: (path: string, content: string | Buffer, options: UploadOptions) =>
        this.upload(source, connection, path, content, options),
      readFile: (path: string, options: { sudo?: boolean } = {}) =>
        readFileUnrecorded(connection, hostId, path, options, this.recorder.signal),
    };
  }

  private async exec(
    source: CommandSource,
    connection: HostConnection,
    script: string,
    options: ExecOptions,
  ): Promise<ExecResult> {
    const { emit, secrets, signal } = this.recorder;
    const commandId = this.nextCommandId++;
    const sudo = options.sudo ?? false;
    const shown = options.displayCommand ?? script;
    emit({
      type: 'command-started',
      host: source.hostId,
      step: source.stepId,
      commandId,
      command: shown,
      sudo,
      ...(options.purpose ? { purpose: options.purpose } : {}),
      ...this.origin(source),
    });
    const output = this.outputRecorder(source, commandId, options.quiet ?? false);
    let result: ExecResult;
    try {
      result = await connection.exec(script, {
        stdin: options.stdin,
        sudo,
        timeoutMs: options.timeoutMs,
        signal,
        onStdout: output.stdout,
        onStderr: output.stderr,
      });
    } catch (error) {
      output.flush();
      this.commandFinished(source, commandId, null, 0);
      throw error;
    }
    output.flush();
    this.commandFinished(source, commandId, result.exitCode, result.durationMs);
    if (result.exitCode !== 0 && !options.allowFailure) {
      const output = result.stderr.trim() || result.stdout.trim();
      const lastLines = withoutCauseMarks(output.split('\n')).slice(-3);
      // The host's last lines go in as it said them, in every language.
      const said = { command: firstLine(shown), output: secrets.redact(lastLines.join(' / ')) };
      const fix = fixForFailedCommand(`${result.stdout}\n${result.stderr}`);
      throw new StepFailure(
        result.exitCode === null
          ? localized('failures.run.commandFailedNoCode', said)
          : localized('failures.run.commandFailed', { ...said, code: result.exitCode }),
        fix && inEachLanguage(fix, (text) => secrets.redact(text)),
      );
    }
    return result;
  }

  private async upload(
    source: CommandSource,
    connection: HostConnection,
    path: string,
    content: string | Buffer,
    options: UploadOptions,
  ): Promise<void> {
    const commandId = this.nextCommandId++;
    const mode = options.mode.toString(8).padStart(4, '0');
    this.recorder.emit({
      type: 'command-started',
      host: source.hostId,
      step: source.stepId,
      commandId,
      command: `# write ${path} (mode ${mode}, ${Buffer.byteLength(content)} bytes) over SFTP`,
      sudo: options.sudo ?? false,
      upload: describeUpload(path, mode, content, options),
      ...this.origin(source),
    });
    const started = Date.now();
    try {
      await connection.uploadFile(path, content, options);
    } finally {
      this.commandFinished(source, commandId, 0, Date.now() - started);
    }
  }

  /** The phase that sent a command, and the host it was for when that is another host. */
  private origin(source: CommandSource): { phase: StepPhase; forHost?: string } {
    return {
      phase: this.recorder.phases.get(stepKey(source.forHost, source.stepId)) ?? 'probe',
      ...(source.forHost !== source.hostId ? { forHost: source.forHost } : {}),
    };
  }

  /**
   * Records a command's output as it streams, each stream through its own secret filter, which
   * holds back a tail that could be the start of a secret until more output or the flush.
   */
  private outputRecorder(source: CommandSource, commandId: number, quiet: boolean) {
    const stdoutFilter = this.recorder.secrets.stream();
    const stderrFilter = this.recorder.secrets.stream();
    const { warn } = source;
    const troubles = {
      stdout: warn ? new TroubleScanner(warn) : undefined,
      stderr: warn ? new TroubleScanner(warn) : undefined,
    };
    const output = (stream: 'stdout' | 'stderr', text: string): void => {
      // What is scanned is what was recorded: redacted, so a warning cannot quote a secret.
      if (text !== '') troubles[stream]?.push(text);
      if (text !== '' && !quiet) {
        this.recorder.emit({
          type: 'command-output',
          host: source.hostId,
          step: source.stepId,
          commandId,
          stream,
          text,
        });
      }
    };
    return {
      stdout: (chunk: string) => output('stdout', stdoutFilter.push(chunk)),
      stderr: (chunk: string) => output('stderr', stderrFilter.push(chunk)),
      flush: () => {
        output('stdout', stdoutFilter.flush());
        output('stderr', stderrFilter.flush());
        troubles.stdout?.flush();
        troubles.stderr?.flush();
      },
    };
  }

  private commandFinished(
    source: CommandSource,
    commandId: number,
    exitCode: number | null,
    durationMs: number,
  ): void {
    this.recorder.emit({
      type: 'command-finished',
      host: source.hostId,
      step: source.stepId,
      commandId,
      exitCode,
      durationMs,
    });
  }
}

/** Reads a file without an event (steps read their own state); null when it is not there. */
async function readFileUnrecorded(
  connection: HostConnection,
  hostId: string,
  path: string,
  options: { sudo?: boolean },
  signal: AbortSignal,
): Promise<string | null> {
  const result = await connection.exec(`cat -- ${shellQuote(path)} 2>/dev/null || exit 3`, {
    sudo: options.sudo ?? false,
    signal,
  });
  if (result.exitCode === 3) return null;
  if (result.exitCode !== 0)
    throw new StepFailure(localized('failures.run.cannotRead', { path, host: hostId }));
  return result.stdout;
}

/** Configs travel with the event (redacted like everything else), so reports can show them. */
const MAX_RECORDED_UPLOAD_BYTES = 64 * 1024;

function describeUpload(
  path: string,
  mode: string,
  content: string | Buffer,
  options: UploadOptions,
): FileUpload {
  const bytes = Buffer.byteLength(content);
  const text = typeof content === 'string' ? content : content.toString('utf8');
  const isText =
    bytes <= MAX_RECORDED_UPLOAD_BYTES && !text.includes('\uFFFD') && !text.includes('\u0000');
  return {
    path,
    mode,
    bytes,
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.group ? { group: options.group } : {}),
    ...(isText ? { content: text } : {}),
  };
}

function firstLine(text: string): string {
  const line = text.split('\n').find((candidate) => candidate.trim() !== '') ?? text;
  return line.length > 120 ? `${line.slice(0, 117)}...` : line;
}
