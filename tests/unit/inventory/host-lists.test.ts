import { describe, expect, it } from 'vitest';
import {
  expandAddressRange,
  MAX_EXPANDED_ADDRESSES,
  parseHostsFileLines,
} from '../../../electron/engine/inventory';

describe('expandAddressRange', () => {
  it.each([
    ['192.168.11.130-150', 21, '192.168.11.130', '192.168.11.150'],
    ['192.168.11.130-130', 1, '192.168.11.130', '192.168.11.130'],
    ['192.168.11.254-192.168.12.2', 5, '192.168.11.254', '192.168.12.2'],
    ['192.168.11.128/29', 6, '192.168.11.129', '192.168.11.134'],
    ['10.0.0.8/31', 2, '10.0.0.8', '10.0.0.9'],
    ['node01.lab, 10.0.0.1  fe80::1', 3, 'node01.lab', 'fe80::1'],
  ])('%s → %i addresses', (text, count, first, last) => {
    const { addresses, errors } = expandAddressRange(text);
    expect(errors).toEqual([]);
    expect(addresses).toHaveLength(count);
    expect(addresses[0]).toBe(first);
    expect(addresses[addresses.length - 1]).toBe(last);
  });

  it('reads several lines, skips comments and drops duplicates', () => {
    const { addresses, errors } = expandAddressRange(
      '# lab\n10.0.0.1-3\n\n10.0.0.2 # again\r\n10.0.0.9\n',
    );
    expect(errors).toEqual([]);
    expect(addresses).toEqual(['10.0.0.1', '10.0.0.2', '10.0.0.3', '10.0.0.9']);
  });

  it.each([
    ['10.0.0.1\n192.168.11.150-130', 2, /runs backwards/, /"192\.168\.11\.130-150"/],
    ['192.168.11.130-256', 1, /above 255/, /range like/],
    ['192.168.11.300-310', 1, /not an IPv4 address/, /range like/],
    ['10.0.0.0/8', 1, /16777216 addresses/, /at most/],
    ['10.0.0.1/24', 1, /host bits/, /"10\.0\.0\.0\/24"/],
    ['a\nb\nnode_1', 3, /"node_1" is not an address/, /DNS name|name like/],
  ])('names the line: %j', (text, line, message, fix) => {
    const { errors } = expandAddressRange(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]?.line).toBe(line);
    expect(errors[0]?.message).toMatch(new RegExp(`^line ${line}: `));
    expect(errors[0]?.message).toMatch(message);
    expect(errors[0]?.fix).toMatch(fix);
  });

  it('stops a typo from making a huge list', () => {
    const { addresses, errors } = expandAddressRange('10.0.0.0-10.0.255.255');
    expect(addresses).toEqual([]);
    expect(errors[0]?.message).toMatch(/65536 addresses/);
    const many = expandAddressRange('10.0.0.1-10.0.3.255\n10.0.4.1-10.0.4.10');
    expect(many.addresses.length).toBeLessThanOrEqual(MAX_EXPANDED_ADDRESSES);
    expect(many.errors[0]?.line).toBe(2);
  });
});

describe('parseHostsFileLines', () => {
  it('reads IP name aliases, skipping comments, blank and loopback lines', () => {
    const text = [
      '127.0.0.1   localhost',
      '::1         localhost ip6-localhost ip6-loopback',
      'ff02::1     ip6-allnodes',
      '# swarm lab',
      '',
      '192.168.11.131 node01',
      '192.168.11.132\tnode02.lab node02   # worker',
      '192.168.11.133 node03.lab',
      'fd00::10 node04',
    ].join('\n');
    const { entries, errors } = parseHostsFileLines(text);
    expect(errors).toEqual([]);
    expect(entries).toEqual([
      { address: '192.168.11.131', hostname: 'node01', names: ['node01'], line: 6 },
      { address: '192.168.11.132', hostname: 'node02', names: ['node02.lab', 'node02'], line: 7 },
      { address: '192.168.11.133', hostname: 'node03', names: ['node03.lab'], line: 8 },
      { address: 'fd00::10', hostname: 'node04', names: ['node04'], line: 9 },
    ]);
  });

  it.each([
    ['node01 192.168.11.131', 1, /"node01" is not an IP address/, /address first/],
    ['192.168.11.131', 1, /has no name/, /"192\.168\.11\.131 node01"/],
    ['# x\n192.168.11.131 node_1', 2, /"node_1" is not a valid host name/, /"node-1"/],
    ['192.168.11.300 node01', 1, /not an IP address/, /address first/],
  ])('names the line: %j', (text, line, message, fix) => {
    const { entries, errors } = parseHostsFileLines(text);
    expect(entries).toEqual([]);
    expect(errors).toEqual([
      expect.objectContaining({
        line,
        message: expect.stringMatching(message),
        fix: expect.stringMatching(fix),
      }),
    ]);
    expect(errors[0]?.message.startsWith(`line ${line}: `)).toBe(true);
  });
});
