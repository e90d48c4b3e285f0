import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TerminalEvent } from '../../../electron/contract/terminal';
import { TERMINAL_FLOW } from '../../../electron/contract/terminal-flow';
import { TerminalManager } from '../../../electron/main/terminals/terminal-manager';
import { fakeFactory } from './fakes';

const size = { cols: 80, rows: 24 };
const b64 = (text: string) => Buffer.from(text).toString('base64');

async function threeNodes() {
  const { factory, backends } = fakeFactory();
  const manager = new TerminalManager(factory);
  const events: TerminalEvent[] = [];
  const send = (event: TerminalEvent) => void events.push(event);
  const inventory = { hosts: [] };
  const ids: string[] = [];
  for (const index of [0, 1, 2]) {
    const opened = await manager.open(
      { kind: 'node', inventory, node: { by: 'index', index }, via: 'ssh2', size },
      send,
    );
    ids.push(opened.id);
  }
  return { manager, backends, events, ids };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('broadcast routing in main', () => {
  it('sends one input frame to every named terminal, once each', async () => {
    const { manager, backends, ids } = await threeNodes();
    const result = manager.frame({
      type: 'input',
      ids: [...ids, ids[0] ?? ''],
      data: b64('hostname\r'),
    });
    expect(result).toEqual({ delivered: 3 });
    expect(backends.map((backend) => backend.written.map(String))).toEqual([
      ['hostname\r'],
      ['hostname\r'],
      ['hostname\r'],
    ]);
  });

  it('skips closed, unknown and disconnected terminals', async () => {
    const { manager, backends, ids } = await threeNodes();
    manager.frame({ type: 'close', id: ids[1] ?? '' });
    backends[2]?.sink.onStatus({ state: 'lost', reason: 'keepalive timeout' });
    const result = manager.frame({ type: 'input', ids: [...ids, 'nope'], data: b64('x') });
    expect(result).toEqual({ delivered: 1 });
    expect(backends.map((backend) => backend.written.length)).toEqual([1, 0, 0]);
  });

  it('passes raw bytes through untouched, including a split UTF-8 character', async () => {
    const { manager, backends, ids } = await threeNodes();
    const bytes = Buffer.from('中文', 'utf8');
    manager.frame({
      type: 'input',
      ids: [ids[0] ?? ''],
      data: bytes.subarray(0, 2).toString('base64'),
    });
    manager.frame({
      type: 'input',
      ids: [ids[0] ?? ''],
      data: bytes.subarray(2).toString('base64'),
    });
    expect(Buffer.concat(backends[0]?.written ?? []).toString('utf8')).toBe('中文');
  });
});

describe('terminal output', () => {
  it('merges chunks into frames and keeps output before a state change', async () => {
    vi.useFakeTimers();
    const { backends, events, ids } = await threeNodes();
    const sink = backends[0]?.sink;
    sink?.onData(Buffer.from([0xe4, 0xb8])); // first two bytes of 中
    sink?.onData(Buffer.from([0xad, 0x0a])); // its last byte, then a newline
    sink?.onStatus({ state: 'exited', code: 0 });
    const mine = events.filter((event) => event.id === ids[0]);
    const output = mine.at(-3);
    // One frame of raw bytes, over a buffer of its own (structured clone copies the whole
    // backing buffer of a view, so a slice of Node's pool would leak neighbouring bytes).
    expect(output?.type === 'data' && output.data.buffer.byteLength).toBe(4);
    expect(output?.type === 'data' && Buffer.from(output.data).toString('utf8')).toBe('中\n');
    expect(mine.slice(-2)).toEqual([
      { type: 'exit', id: ids[0], code: 0 },
      { type: 'state', id: ids[0], state: 'exited' },
    ]);
  });

  it('pauses a flooding backend until the renderer acknowledges, then resumes', async () => {
    vi.useFakeTimers();
    const { manager, backends, ids } = await threeNodes();
    const id = ids[0] ?? '';
    const backend = backends[0];
    const chunk = Buffer.alloc(TERMINAL_FLOW.MAX_FRAME_BYTES, 0x61);
    let sent = 0;
    while (!backend?.paused && sent < 100 * chunk.length) {
      backend?.sink.onData(chunk);
      sent += chunk.length;
    }
    expect(backend?.paused).toBe(true);
    expect(sent).toBeGreaterThan(TERMINAL_FLOW.HIGH_WATERMARK_BYTES);
    expect(sent).toBeLessThanOrEqual(TERMINAL_FLOW.HIGH_WATERMARK_BYTES + chunk.length);
    manager.frame({ type: 'ack', id, bytes: sent - TERMINAL_FLOW.LOW_WATERMARK_BYTES });
    expect(backend?.paused).toBe(true);
    manager.frame({ type: 'ack', id, bytes: 1 });
    expect(backend?.paused).toBe(false);
  });

  it('reconnects a dropped terminal with a fresh flow window', async () => {
    const { manager, backends, ids, events } = await threeNodes();
    const id = ids[0] ?? '';
    backends[0]?.sink.onStatus({ state: 'lost', reason: 'connection reset' });
    expect(events).toContainEqual({
      type: 'state',
      id,
      state: 'lost',
      detail: 'connection reset',
    });
    manager.frame({ type: 'reconnect', id, size: { cols: 90, rows: 30 } });
    expect(backends[0]?.starts).toBe(2);
    expect(backends[0]?.sizes.at(-1)).toEqual({ cols: 90, rows: 30 });
    expect(manager.flowOf(id)).toEqual({ unacknowledged: 0, paused: false });
    // A connected terminal ignores reconnect.
    manager.frame({ type: 'reconnect', id, size });
    expect(backends[0]?.starts).toBe(2);
  });
});
