/**
 * The shared address checks run in the renderer too, so they cannot use Node's `net`; the
 * journal and the inventory must still accept exactly the addresses Node accepts. Compared with
 * Node on hand-picked edge cases and on many generated candidates.
 */
import { isIPv4 as nodeIsIPv4, isIPv6 as nodeIsIPv6 } from 'node:net';
import { describe, expect, it } from 'vitest';
import { isAddress, isIPv4, isIPv6 } from '../../../electron/shared/address';

const EDGE_CASES = [
  '',
  '1.2.3.4',
  '01.2.3.4',
  '1.2.3.256',
  '255.255.255.255',
  '1.2.3',
  '1.2.3.4.',
  '::',
  ':::',
  '1::',
  '::1',
  ':1',
  '1:',
  '1::2::3',
  'fe80::1%eth0',
  'fe80::1%',
  '::%x',
  '::ffff:1.2.3.4',
  '::1.2.3.04',
  '1.2.3.4::',
  '1:2:3:4:5:6:7:8',
  '1:2:3:4:5:6:7:8:9',
  '1:2:3:4:5:6:7::',
  '::2:3:4:5:6:7:8',
  '1:2:3:4:5:6::1.2.3.4',
  '1:2:3:4:5::1.2.3.4',
  '1:2:3:4:5:6:1.2.3.4',
  '1:2:3:4:5:6:7:1.2.3.4',
  '12345::',
  'g::1',
  'ABCD:ef01::%a.b:c-d',
  '1:2:3:4:5:6:7:8%a',
  '::1%eth0%x',
];

/** A small deterministic generator, so a failure names a candidate that can be replayed. */
function* candidates(count: number): Generator<string> {
  let seed = 17;
  const next = (below: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % below;
  };
  const pick = <T>(items: readonly T[]): T => items[next(items.length)] as T;
  const group = (): string => pick(['0', '1', 'ff', 'abcd', 'ABCD', '12345', 'g', '', '0001']);
  const v4 = (): string => pick(['1.2.3.4', '255.0.0.1', '01.2.3.4', '1.2.3', '300.1.1.1']);
  for (let index = 0; index < count; index += 1) {
    const groups = Array.from({ length: next(10) }, group);
    if (next(3) === 0) groups.push(v4());
    let text = groups.join(':');
    if (next(2) === 0) {
      const at = next(text.length + 1);
      text = `${text.slice(0, at)}${pick(['::', ':', ':::'])}${text.slice(at)}`;
    }
    if (next(5) === 0) text += pick(['%eth0', '%', '%1', '%a b']);
    yield text;
  }
}

describe('shared address checks', () => {
  it('answer as Node does on edge cases', () => {
    for (const value of EDGE_CASES) {
      expect({ value, v4: isIPv4(value), v6: isIPv6(value) }).toEqual({
        value,
        v4: nodeIsIPv4(value),
        v6: nodeIsIPv6(value),
      });
    }
  });

  it('answer as Node does on generated candidates, valid and not', () => {
    let valid = 0;
    for (const value of candidates(20_000)) {
      expect({ value, v4: isIPv4(value), v6: isIPv6(value) }).toEqual({
        value,
        v4: nodeIsIPv4(value),
        v6: nodeIsIPv6(value),
      });
      if (nodeIsIPv6(value)) valid += 1;
    }
    // The generator must reach both answers, or the comparison proves little.
    expect(valid).toBeGreaterThan(100);
  });

  it('take DNS names but not a mistyped address or an option', () => {
    expect(isAddress('node-1.example.com')).toBe(true);
    expect(isAddress('192.168.1.300')).toBe(false);
    expect(isAddress('-oProxyCommand=x')).toBe(false);
  });
});
