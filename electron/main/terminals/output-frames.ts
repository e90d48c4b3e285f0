/**
 * Merges a producer's output chunks into frames (VS Code's TerminalDataBufferer): an ssh2
 * channel hands over ≤ 32 KiB at a time, a pty less; one IPC message per chunk would spend
 * more on messaging than on data. A frame leaves after FRAME_THROTTLE_MS, or at once when it
 * reaches MAX_FRAME_BYTES. Bytes stay bytes: chunks are concatenated, never decoded.
 *
 * Each frame is a Uint8Array over an ArrayBuffer of its own: structured clone (Electron IPC)
 * copies a view's whole backing buffer, and a small Buffer is a slice of Node's shared pool.
 */
export interface FrameLimits {
  readonly FRAME_THROTTLE_MS: number;
  readonly MAX_FRAME_BYTES: number;
}

export class OutputFrames {
  private chunks: Uint8Array[] = [];
  private size = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly limits: FrameLimits,
    private readonly emit: (frame: Uint8Array) => void,
  ) {}

  push(chunk: Uint8Array): void {
    if (chunk.byteLength === 0) return;
    this.chunks.push(chunk);
    this.size += chunk.byteLength;
    if (this.size >= this.limits.MAX_FRAME_BYTES) {
      this.flush();
      return;
    }
    this.timer ??= setTimeout(() => this.flush(), this.limits.FRAME_THROTTLE_MS);
  }

  /** Sends what is pending now (before a state change, so output and state stay in order). */
  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.size === 0) return;
    const frame = new Uint8Array(this.size);
    let offset = 0;
    for (const chunk of this.chunks) {
      frame.set(chunk, offset);
      offset += chunk.byteLength;
    }
    this.chunks = [];
    this.size = 0;
    this.emit(frame);
  }

  /** Drops what is pending (the terminal was closed). */
  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.chunks = [];
    this.size = 0;
  }
}
