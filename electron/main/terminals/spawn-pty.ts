/**
 * The one seam to node-pty (a native module that forks real processes). Everything else gets
 * a `SpawnPty` function handed in, so unit tests pass a fake and never fork a shell by
 * accident: the real one refuses to run under vitest unless a test opts in with
 * `permitRealPtyUnderTest()` (the e2e tests do). The pattern is freelens's
 * `spawn-pty.global-override-for-injectable.ts`. node-pty is loaded lazily, on the first
 * local terminal, so importing this module costs nothing.
 */

export interface PtySpawnRequest {
  file: string;
  args: readonly string[];
  cwd: string;
  env: Record<string, string>;
  cols: number;
  rows: number;
}

/** The slice of node-pty's IPty the app uses, with output as raw bytes. */
export interface PtyProcess {
  readonly pid: number;
  onData(listener: (chunk: Uint8Array) => void): void;
  onExit(listener: (exit: { exitCode: number; signal?: number }) => void): void;
  write(data: Uint8Array): void;
  resize(cols: number, rows: number): void;
  pause(): void;
  resume(): void;
  kill(): void;
}

export type SpawnPty = (request: PtySpawnRequest) => Promise<PtyProcess>;

let permittedUnderTest = false;

/** For e2e tests that mean to run a real local shell. */
export function permitRealPtyUnderTest(): void {
  permittedUnderTest = true;
}

export const spawnPty: SpawnPty = async (request) => {
  if (process.env.VITEST && !permittedUnderTest) {
    throw new Error(
      'node-pty was reached from a test: inject a fake SpawnPty, or call permitRealPtyUnderTest()',
    );
  }
  const pty = await import('node-pty');
  const child = pty.spawn(request.file, [...request.args], {
    name: 'xterm-256color',
    cols: request.cols,
    rows: request.rows,
    cwd: request.cwd,
    env: request.env,
    // Raw bytes out: decoding is xterm.js's job, and only it sees a character whole.
    encoding: null,
  });
  return {
    pid: child.pid,
    // With `encoding: null` node-pty emits Buffers although its typings say string.
    onData: (listener) => void child.onData((chunk) => listener(chunk as unknown as Uint8Array)),
    onExit: (listener) => void child.onExit(listener),
    write: (data) => child.write(Buffer.from(data.buffer, data.byteOffset, data.byteLength)),
    resize: (cols, rows) => child.resize(cols, rows),
    pause: () => child.pause(),
    resume: () => child.resume(),
    kill: () => child.kill(),
  };
};
