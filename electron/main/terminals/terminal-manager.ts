/**
 * The app's terminal sessions, as main-process objects: the renderer knows only their ids.
 * Each session owns a backend (ssh2 shell or pty), an output framer and a flow controller;
 * the renderer talks to it in frames (contract/terminal.ts), every one already validated by
 * the handler layer. Output goes to the window that opened the session.
 */
import { randomUUID } from 'node:crypto';
import type {
  OpenedTerminal,
  TerminalEvent,
  TerminalFrame,
  TerminalFrameResult,
  TerminalOpenRequest,
  TerminalSize,
  TerminalState,
} from '../../contract/terminal';
import { TERMINAL_FLOW } from '../../contract/terminal-flow';
import { FlowController } from '../../engine/terminal/flow-control';
import type { TranscriptWriter } from '../../engine/terminal/transcript';
import { WorkingDirectory } from '../../engine/terminal/working-directory';
import type { SFTPWrapper } from 'ssh2';
import type { BackendSink, BackendStatus, TerminalBackend } from '../../engine/terminal/types';
import { OutputFrames } from './output-frames';

export type TerminalEventSink = (event: TerminalEvent) => void;

/** Makes backends; the real one is backend-factory.ts, unit tests hand in fakes. */
export interface BackendFactory {
  create(
    request: TerminalOpenRequest,
    sink: BackendSink,
  ): Promise<{ backend: TerminalBackend; info: Omit<OpenedTerminal, 'id'> }>;
}

/** Opens a session's transcript, or says it is not recorded (undefined). */
export interface TranscriptRecorder {
  open(
    request: TerminalOpenRequest,
    info: Omit<OpenedTerminal, 'id'>,
  ): Promise<TranscriptWriter | undefined>;
}

interface Session {
  readonly id: string;
  readonly backend: TerminalBackend;
  /** Where the shell says it is (OSC 7), for the file panel. */
  readonly directory: WorkingDirectory;
  readonly transcript: TranscriptWriter | undefined;
  readonly flow: FlowController;
  readonly frames: OutputFrames;
  size: TerminalSize;
  state: TerminalState;
}

export class TerminalManager {
  private readonly sessions = new Map<string, Session>();

  constructor(
    private readonly factory: BackendFactory,
    private readonly recorder?: TranscriptRecorder,
  ) {}

  async open(request: TerminalOpenRequest, send: TerminalEventSink): Promise<OpenedTerminal> {
    const id = randomUUID();
    // The backend reports into this sink; the session it needs is set right after creation
    // and before start(), so no report is lost.
    const holder: { session?: Session } = {};
    const sink: BackendSink = {
      onData: (chunk) => {
        holder.session?.frames.push(chunk);
        holder.session?.directory.push(chunk);
        holder.session?.transcript?.output(chunk);
      },
      onStatus: (status) => {
        if (holder.session) this.report(holder.session, status, send);
      },
      onStats: (stats) => {
        if (holder.session && this.sessions.has(id)) send({ type: 'stats', id, stats });
      },
    };
    const { backend, info } = await this.factory.create(request, sink);
    // A transcript that cannot be written (disk full, no permission) does not stop the terminal.
    const transcript = await this.recorder?.open(request, info).catch(() => undefined);
    const frames = new OutputFrames(TERMINAL_FLOW, (frame) => {
      send({ type: 'data', id, data: frame });
      holder.session?.flow.sent(frame.byteLength);
    });
    const session: Session = {
      id,
      backend,
      directory: new WorkingDirectory(),
      transcript,
      flow: new FlowController(backend, TERMINAL_FLOW),
      frames,
      size: request.size,
      state: 'connecting',
    };
    holder.session = session;
    this.sessions.set(id, session);
    // Not awaited: the renderer gets the id at once and follows the connection by events.
    void backend.start(request.size);
    return { id, ...info, ...(transcript ? { transcript: transcript.path } : {}) };
  }

  /** Handles one frame; answers how many sessions took it. */
  frame(frame: TerminalFrame): TerminalFrameResult {
    switch (frame.type) {
      case 'input': {
        const bytes = Buffer.from(frame.data, 'base64');
        let delivered = 0;
        // A broadcast names each target once; a repeated id must not type twice.
        for (const id of new Set(frame.ids)) {
          const session = this.sessions.get(id);
          if (!session || session.state !== 'connected') continue;
          session.backend.write(bytes);
          delivered += 1;
        }
        return { delivered };
      }
      case 'resize':
        return this.with(frame.id, (session) => {
          session.size = frame.size;
          session.backend.resize(frame.size);
          session.transcript?.resize(frame.size);
        });
      case 'ack':
        return this.with(frame.id, (session) => session.flow.acknowledged(frame.bytes));
      case 'reconnect':
        return this.with(frame.id, (session) => {
          if (session.state === 'connected' || session.state === 'connecting') return;
          session.size = frame.size;
          session.frames.flush();
          session.flow.reset();
          void session.backend.start(frame.size);
        });
      case 'close':
        return this.with(frame.id, (session) => this.close(session));
      case 'watch-stats':
        return this.with(frame.id, (session) => session.backend.watchStats?.(frame.on));
    }
  }

  /** The SFTP channel on a node terminal's connection (the file panel's). */
  sftpOf(id: string): Promise<SFTPWrapper> {
    const session = this.sessions.get(id);
    if (!session) return Promise.reject(new Error('the terminal is closed'));
    if (!session.backend.sftp) {
      return Promise.reject(
        new Error('files are reached through a node terminal opened with the built-in shell'),
      );
    }
    return session.backend.sftp();
  }

  /** The directory the terminal's shell last said it was in, if it says. */
  directoryOf(id: string): string | undefined {
    return this.sessions.get(id)?.directory.current;
  }

  /** Ids of open sessions (for tests and diagnostics). */
  ids(): string[] {
    return [...this.sessions.keys()];
  }

  /** Flow state of one session, for tests and the bench. */
  flowOf(id: string): { unacknowledged: number; paused: boolean } | undefined {
    const session = this.sessions.get(id);
    return session
      ? { unacknowledged: session.flow.unacknowledged, paused: session.flow.isPaused }
      : undefined;
  }

  /** Closes every session (app quit, window gone). */
  shutdown(): void {
    for (const session of [...this.sessions.values()]) this.close(session);
  }

  private with(id: string, action: (session: Session) => void): TerminalFrameResult {
    const session = this.sessions.get(id);
    if (!session) return { delivered: 0 };
    action(session);
    return { delivered: 1 };
  }

  private close(session: Session): void {
    this.sessions.delete(session.id);
    session.frames.dispose();
    session.backend.close();
    void session.transcript?.close();
    session.state = 'closed';
  }

  private report(session: Session, status: BackendStatus, send: TerminalEventSink): void {
    if (!this.sessions.has(session.id)) return;
    // Output that came before the status change is shown before it.
    session.frames.flush();
    session.state = status.state;
    const id = session.id;
    switch (status.state) {
      case 'connecting':
      case 'connected':
        send({ type: 'state', id, state: status.state });
        return;
      case 'lost':
      case 'failed':
        session.flow.reset();
        send({ type: 'state', id, state: status.state, detail: status.reason });
        return;
      case 'exited':
        session.flow.reset();
        send({
          type: 'exit',
          id,
          code: status.code,
          ...(status.signal ? { signal: status.signal } : {}),
        });
        send({ type: 'state', id, state: 'exited' });
    }
  }
}
