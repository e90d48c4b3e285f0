/**
 * Output flow control for one terminal: main counts the bytes it sent to the renderer and the
 * bytes the renderer acknowledged from xterm.js's write callback. Above the high watermark the
 * producer (ssh2 channel or pty) is paused; once the backlog falls below the low watermark it
 * is resumed. The two thresholds are apart so a steady stream does not toggle on every ack.
 * The limits are passed in (main uses contract/terminal-flow.ts) so the engine stays free of
 * the IPC contract.
 */

/** What can be paused: an ssh2 channel, a node-pty process, a test fake. */
export interface Pausable {
  pause(): void;
  resume(): void;
}

export interface FlowLimits {
  readonly HIGH_WATERMARK_BYTES: number;
  readonly LOW_WATERMARK_BYTES: number;
}

export class FlowController {
  private unacked = 0;
  private paused = false;

  constructor(
    private readonly producer: Pausable,
    private readonly limits: FlowLimits,
  ) {
    if (limits.LOW_WATERMARK_BYTES >= limits.HIGH_WATERMARK_BYTES) {
      throw new Error('the low watermark must be below the high watermark');
    }
  }

  /** Bytes sent and not yet acknowledged. */
  get unacknowledged(): number {
    return this.unacked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  /** Call after sending output to the renderer. */
  sent(bytes: number): void {
    this.unacked += bytes;
    if (!this.paused && this.unacked > this.limits.HIGH_WATERMARK_BYTES) {
      this.paused = true;
      this.producer.pause();
    }
  }

  /** Call when the renderer acknowledges parsed output. */
  acknowledged(bytes: number): void {
    // A renderer cannot acknowledge more than it got; clamp so a bad ack cannot starve us.
    this.unacked = Math.max(0, this.unacked - bytes);
    if (this.paused && this.unacked < this.limits.LOW_WATERMARK_BYTES) {
      this.paused = false;
      this.producer.resume();
    }
  }

  /**
   * Forget the backlog: the producer was replaced (reconnect) and the renderer's pending acks
   * for the old one may never come. Does not resume anything; the new producer starts running.
   */
  reset(): void {
    this.unacked = 0;
    this.paused = false;
  }
}
