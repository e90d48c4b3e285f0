import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testHandlerDeps } from '../helpers/handler-deps';
import {
  terminalFrameSchema,
  terminalOpenRequestSchema,
  type TerminalEvent,
} from '../../../electron/contract/terminal';
import { createHandlers, type HandlerContext } from '../../../electron/main/ipc/handlers';
import { fakeFactory } from './fakes';

const size = { cols: 80, rows: 24 };

describe('terminal frames', () => {
  it.each([
    { type: 'input', ids: ['a'], data: 'aGVsbG8K' },
    { type: 'input', ids: ['a', 'b', 'c'], data: '' },
    { type: 'resize', id: 'a', size: { cols: 120, rows: 40 } },
    { type: 'ack', id: 'a', bytes: 131072 },
    { type: 'reconnect', id: 'a', size },
    { type: 'close', id: 'a' },
  ])('accepts %j', (frame) => {
    expect(terminalFrameSchema.safeParse(frame).success).toBe(true);
  });

  it.each<[unknown, string]>([
    [{ type: 'input', ids: [], data: 'aGk=' }, 'no target'],
    [{ type: 'input', ids: ['a'], data: 'not base64!' }, 'text instead of base64'],
    [{ type: 'input', id: 'a', data: 'aGk=' }, 'id instead of ids'],
    [{ type: 'resize', id: 'a', size: { cols: 0, rows: 24 } }, 'zero columns'],
    [{ type: 'resize', id: 'a', size: { cols: 80.5, rows: 24 } }, 'fractional size'],
    [{ type: 'ack', id: 'a', bytes: -5 }, 'negative ack'],
    [{ type: 'ack', id: '', bytes: 5 }, 'empty id'],
    [{ type: 'exec', id: 'a', command: 'rm -rf /' }, 'unknown frame type'],
    [{ id: 'a' }, 'no type'],
  ])('refuses %j (%s)', (frame: unknown) => {
    expect(terminalFrameSchema.safeParse(frame).success).toBe(false);
  });

  it('validates open requests: node terminals name a node and a way in', () => {
    expect(terminalOpenRequestSchema.safeParse({ kind: 'local', size }).success).toBe(true);
    expect(
      terminalOpenRequestSchema.safeParse({
        kind: 'node',
        inventory: { hosts: [] },
        node: { by: 'id', id: 'node-1' },
        via: 'ssh2',
        size,
      }).success,
    ).toBe(true);
    expect(
      terminalOpenRequestSchema.safeParse({
        kind: 'node',
        inventory: { hosts: [] },
        node: { by: 'index', index: 0 },
        via: 'telnet',
        size,
      }).success,
    ).toBe(false);
    expect(terminalOpenRequestSchema.safeParse({ kind: 'remote-shell', size }).success).toBe(false);
  });
});

describe('terminal channels in the handler layer', () => {
  let home: string;
  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'swarmlab-terminal-'));
  });
  afterEach(async () => {
    await rm(home, { recursive: true, force: true });
  });

  function handlers() {
    const { factory, backends } = fakeFactory();
    const events: TerminalEvent[] = [];
    const context: HandlerContext = {
      sendEvent: (channel, payload) => {
        if (channel === 'terminal:event') events.push(payload as TerminalEvent);
      },
    };
    const created = createHandlers(testHandlerDeps(home, { terminalBackends: factory }));
    return { ...created, backends, events, context };
  }

  it('refuses a malformed frame before it reaches a terminal', async () => {
    const { handlers: map, context, backends } = handlers();
    const { id } = await map['terminal:open']({ kind: 'local', size }, context);
    await expect(
      map['terminal:frame']({ type: 'input', ids: [id], data: 'ls\n' }, context),
    ).rejects.toThrow(/Invalid request on terminal:frame: data/);
    expect(backends[0]?.written).toEqual([]);
  });

  it('opens, types, resizes and closes through validated frames', async () => {
    const { handlers: map, context, backends, events, terminals } = handlers();
    const { id, label } = await map['terminal:open']({ kind: 'local', size }, context);
    expect(label).toBe('local');
    expect(events).toContainEqual({ type: 'state', id, state: 'connected' });
    const typed = Buffer.from('hostname\r').toString('base64');
    expect(await map['terminal:frame']({ type: 'input', ids: [id], data: typed }, context)).toEqual(
      { delivered: 1 },
    );
    expect(backends[0]?.written.map(String)).toEqual(['hostname\r']);
    await map['terminal:frame']({ type: 'resize', id, size: { cols: 100, rows: 30 } }, context);
    expect(backends[0]?.sizes.at(-1)).toEqual({ cols: 100, rows: 30 });
    await map['terminal:frame']({ type: 'close', id }, context);
    expect(backends[0]?.closed).toBe(true);
    expect(terminals.ids()).toEqual([]);
  });
});
