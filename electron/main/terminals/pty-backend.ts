/**
 * A terminal backed by a local pty: the operator's own shell, or OpenSSH's `ssh` client
 * logging in to a node. The process is spawned through the SpawnPty seam only.
 */
import type { BackendSink, TerminalBackend, TerminalDimensions } from '../../engine/terminal/types';
import type { PtyProcess, PtySpawnRequest, SpawnPty } from './spawn-pty';

export class PtyBackend implements TerminalBackend {
  private child: PtyProcess | undefined;
  private generation = 0;
  private closed = false;
  /** The latest size asked for: a resize may come while the process is being spawned. */
  private size: TerminalDimensions = { cols: 80, rows: 24 };

  constructor(
    private readonly spawn: SpawnPty,
    private readonly command: Omit<PtySpawnRequest, 'cols' | 'rows'>,
    private readonly sink: BackendSink,
  ) {}

  async start(size: TerminalDimensions): Promise<void> {
    if (this.closed) return;
    this.child?.kill();
    this.child = undefined;
    const generation = ++this.generation;
    const current = (): boolean => generation === this.generation && !this.closed;
    this.size = size;
    this.sink.onStatus({ state: 'connecting' });
    let child: PtyProcess;
    try {
      child = await this.spawn({ ...this.command, cols: size.cols, rows: size.rows });
    } catch (error) {
      if (current()) {
        this.sink.onStatus({
          state: 'failed',
          reason: error instanceof Error ? error.message : String(error),
        });
      }
      return;
    }
    if (!current()) {
      child.kill();
      return;
    }
    this.child = child;
    if (this.size.cols !== size.cols || this.size.rows !== size.rows) this.resize(this.size);
    child.onData((chunk) => {
      if (current()) this.sink.onData(chunk);
    });
    child.onExit(({ exitCode, signal }) => {
      if (!current()) return;
      this.child = undefined;
      this.sink.onStatus({
        state: 'exited',
        code: exitCode,
        ...(signal ? { signal: String(signal) } : {}),
      });
    });
    this.sink.onStatus({ state: 'connected' });
  }

  write(data: Uint8Array): void {
    this.child?.write(data);
  }

  resize(size: TerminalDimensions): void {
    this.size = size;
    this.child?.resize(size.cols, size.rows);
  }

  pause(): void {
    this.child?.pause();
  }

  resume(): void {
    this.child?.resume();
  }

  close(): void {
    this.closed = true;
    this.generation += 1;
    this.child?.kill();
    this.child = undefined;
  }
}
