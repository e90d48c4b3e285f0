import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { TERMINAL_FLOW } from '../../../electron/contract/terminal-flow';
import { FlowController, type Pausable } from '../../../electron/engine/terminal/flow-control';

/** A producer like `yes` behind ssh2: emits a chunk per tick while it is not paused. */
class FakeStream extends EventEmitter implements Pausable {
  paused = false;
  pauses = 0;
  resumes = 0;
  produced = 0;
  constructor(private readonly chunkBytes: number) {
    super();
  }
  pause(): void {
    this.paused = true;
    this.pauses += 1;
  }
  resume(): void {
    this.paused = false;
    this.resumes += 1;
  }
  /** One tick of the producer: a chunk, unless paused. */
  tick(): number {
    if (this.paused) return 0;
    this.produced += this.chunkBytes;
    this.emit('data', this.chunkBytes);
    return this.chunkBytes;
  }
}

const LIMITS = { HIGH_WATERMARK_BYTES: 1000, LOW_WATERMARK_BYTES: 200 };

describe('FlowController', () => {
  it('pauses above the high watermark and resumes only below the low one', () => {
    const stream = new FakeStream(100);
    const flow = new FlowController(stream, LIMITS);
    stream.on('data', (bytes: number) => flow.sent(bytes));
    for (let tick = 0; tick < 50; tick += 1) stream.tick();
    // 11 chunks went out (1100 > 1000), then nothing more while paused.
    expect(stream.paused).toBe(true);
    expect(flow.unacknowledged).toBe(1100);
    expect(stream.produced).toBe(1100);

    flow.acknowledged(800); // 300 left: between the watermarks, still paused
    expect(stream.paused).toBe(true);
    flow.acknowledged(150); // 150 < 200: resume
    expect(stream.paused).toBe(false);
    expect(stream.pauses).toBe(1);
    expect(stream.resumes).toBe(1);
  });

  it('keeps a flood bounded when the renderer parses slower than the producer writes', () => {
    const stream = new FakeStream(32 * 1024);
    const flow = new FlowController(stream, TERMINAL_FLOW);
    stream.on('data', (bytes: number) => flow.sent(bytes));
    let peak = 0;
    // The renderer acknowledges 16 KiB per tick, the producer offers 32 KiB: without flow
    // control the backlog would grow by 16 KiB a tick forever.
    for (let tick = 0; tick < 20_000; tick += 1) {
      stream.tick();
      peak = Math.max(peak, flow.unacknowledged);
      flow.acknowledged(Math.min(16 * 1024, flow.unacknowledged));
    }
    expect(peak).toBeLessThanOrEqual(TERMINAL_FLOW.HIGH_WATERMARK_BYTES + 32 * 1024);
    expect(stream.pauses).toBeGreaterThan(10);
    // And it kept flowing: about the renderer's rate, not stalled.
    expect(stream.produced).toBeGreaterThan(20_000 * 16 * 1024 * 0.9);
  });

  it('clamps an over-acknowledgement and forgets the backlog on reset', () => {
    const stream = new FakeStream(600);
    const flow = new FlowController(stream, LIMITS);
    flow.sent(1200);
    expect(stream.paused).toBe(true);
    flow.acknowledged(5000);
    expect(flow.unacknowledged).toBe(0);
    flow.sent(1200);
    flow.reset();
    expect(flow.unacknowledged).toBe(0);
    expect(flow.isPaused).toBe(false);
  });

  it('refuses watermarks in the wrong order', () => {
    expect(
      () =>
        new FlowController(new FakeStream(1), { HIGH_WATERMARK_BYTES: 5, LOW_WATERMARK_BYTES: 5 }),
    ).toThrow(/low watermark/);
  });

  it('uses documented watermarks with room between them', () => {
    expect(TERMINAL_FLOW.LOW_WATERMARK_BYTES).toBeLessThan(TERMINAL_FLOW.HIGH_WATERMARK_BYTES);
    expect(TERMINAL_FLOW.ACK_SIZE_BYTES).toBeLessThan(TERMINAL_FLOW.LOW_WATERMARK_BYTES);
  });
});
