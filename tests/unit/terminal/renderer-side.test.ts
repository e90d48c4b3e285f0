import { describe, expect, it } from 'vitest';
import type { TerminalState } from '../../../electron/contract/terminal';
import { AckBatcher } from '../../../renderer/src/terminal/ack';
import { inputTargets, reconnectsOnEnter } from '../../../renderer/src/terminal/broadcast';
import { bytesToBase64, inputToBase64 } from '../../../renderer/src/terminal/bytes';

const states: Record<string, TerminalState> = {
  a: 'connected',
  b: 'connected',
  c: 'connected',
  d: 'lost',
  e: 'connected',
};
const stateOf = (id: string) => states[id];

describe('broadcast routing in the renderer', () => {
  it('keeps input in its own terminal when broadcast is off', () => {
    expect(inputTargets('a', { active: false, members: ['a', 'b', 'c'] }, stateOf)).toEqual(['a']);
  });

  it('sends a member’s input to every connected member', () => {
    expect(inputTargets('b', { active: true, members: ['a', 'b', 'c', 'd'] }, stateOf)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });

  it('leaves a terminal outside the selection alone', () => {
    expect(inputTargets('e', { active: true, members: ['a', 'b'] }, stateOf)).toEqual(['e']);
  });

  it('reconnects on Enter only when the terminal is down', () => {
    expect(reconnectsOnEnter('lost')).toBe(true);
    expect(reconnectsOnEnter('exited')).toBe(true);
    expect(reconnectsOnEnter('failed')).toBe(true);
    expect(reconnectsOnEnter('connected')).toBe(false);
    expect(reconnectsOnEnter('connecting')).toBe(false);
  });
});

describe('acknowledgements', () => {
  it('acknowledges parsed bytes in batches', () => {
    const acks: number[] = [];
    const batcher = new AckBatcher(100, (bytes) => acks.push(bytes));
    for (let index = 0; index < 25; index += 1) batcher.parsed(30);
    expect(acks).toEqual([120, 120, 120, 120, 120, 120]);
    batcher.reset();
    batcher.parsed(99);
    expect(acks).toHaveLength(6);
  });
});

describe('bytes on the wire', () => {
  it('encodes typed text as UTF-8 and any bytes as base64 exactly', () => {
    expect(Buffer.from(inputToBase64('你好 ok'), 'base64').toString('utf8')).toBe('你好 ok');
    const all = new Uint8Array(256 * 1024).map((_, index) => index % 256);
    expect(new Uint8Array(Buffer.from(bytesToBase64(all), 'base64'))).toEqual(all);
  });
});
