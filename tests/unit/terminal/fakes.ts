/** Fake terminal backends for unit tests: no ssh, no pty, output on demand. */
import type {
  BackendSink,
  TerminalBackend,
  TerminalDimensions,
} from '../../../electron/engine/terminal/types';
import type { BackendFactory } from '../../../electron/main/terminals/terminal-manager';

export class FakeBackend implements TerminalBackend {
  readonly written: Buffer[] = [];
  readonly sizes: TerminalDimensions[] = [];
  starts = 0;
  paused = false;
  closed = false;

  constructor(readonly sink: BackendSink) {}

  async start(size: TerminalDimensions): Promise<void> {
    this.starts += 1;
    this.sizes.push(size);
    this.sink.onStatus({ state: 'connecting' });
    this.sink.onStatus({ state: 'connected' });
  }
  write(data: Uint8Array): void {
    this.written.push(Buffer.from(data));
  }
  resize(size: TerminalDimensions): void {
    this.sizes.push(size);
  }
  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
  }
  close(): void {
    this.closed = true;
  }
}

export function fakeFactory(): { factory: BackendFactory; backends: FakeBackend[] } {
  const backends: FakeBackend[] = [];
  return {
    backends,
    factory: {
      async create(request, sink) {
        const backend = new FakeBackend(sink);
        backends.push(backend);
        return {
          backend,
          info:
            request.kind === 'local'
              ? { kind: 'local', via: 'pty', label: 'local' }
              : {
                  kind: 'node',
                  via: request.via,
                  label: `node-${backends.length}`,
                  hostId:
                    request.node.by === 'id'
                      ? request.node.id
                      : `node${String(request.node.index + 1).padStart(2, '0')}`,
                },
        };
      },
    },
  };
}
