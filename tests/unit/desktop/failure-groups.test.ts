import { describe, expect, it } from 'vitest';
import {
  failureShape,
  groupFailures,
  hostsInOneLine,
} from '../../../renderer/src/model/failure-groups';
import type { PlanHostSummary } from '../../../electron/shared/plan';

const hosts: PlanHostSummary[] = Array.from({ length: 20 }, (_, index) => ({
  id: `node${String(index + 1).padStart(2, '0')}`,
  address: `10.210.0.${index + 1}`,
  port: 22,
  user: 'root',
  role: index === 0 ? 'manager' : 'worker',
  hostname: `node${String(index + 1).padStart(2, '0')}`,
}));

const unreachable = (index: number) => ({
  host: hosts[index]?.id ?? '',
  step: 'preflight',
  message: `cannot connect to root@${hosts[index]?.address ?? ''}:22: connect EHOSTUNREACH ${hosts[index]?.address ?? ''}:22`,
});

describe('groupFailures', () => {
  it('makes one entry of the same step failing the same way on many hosts, hosts in table order', () => {
    const failures = [
      ...[19, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18].map(unreachable),
      { host: 'node02', step: 'preflight', message: 'the disk of node02 is full' },
      { host: 'node03', step: 'docker-install', message: 'cannot connect to root@10.210.0.3:22' },
    ];
    const groups = groupFailures(failures, hosts);
    expect(groups.map((group) => [group.step, group.hosts.length])).toEqual([
      ['preflight', 17],
      ['preflight', 1],
      ['docker-install', 1],
    ]);
    expect(groups[0]?.hosts.slice(0, 3)).toEqual(['node04', 'node05', 'node06']);
    expect(groups[0]?.hosts.at(-1)).toBe('node20');
    expect(groups[0]?.message).toContain('10.210.0.20');
  });

  it('keeps apart failures that differ in more than the host', () => {
    const groups = groupFailures(
      [
        { host: 'node04', step: 'preflight', message: 'node04: 1 GiB of memory, 2 GiB needed' },
        { host: 'node05', step: 'preflight', message: 'node05: 512 MiB of memory, 2 GiB needed' },
      ],
      hosts,
    );
    expect(groups).toHaveLength(2);
  });

  it('takes out the host’s words only where they stand alone', () => {
    const host: PlanHostSummary = {
      id: '1',
      address: '10.0.0.1',
      port: 22,
      user: 'root',
      role: 'manager',
    };
    // "10.0.0.1" is the address, not the id "1" inside it; "10.0.0.12" is another host.
    expect(failureShape('to 10.0.0.1 and 10.0.0.12 on 1', host)).toBe(
      'to \u0000host\u0000 and 10.0.0.12 on \u0000host\u0000',
    );
  });
});

describe('hostsInOneLine', () => {
  it('names the first hosts and counts the rest', () => {
    const more = (count: number) => `and ${count} more`;
    expect(hostsInOneLine(['a', 'b'], more)).toBe('a, b');
    const many = hosts.map((host) => host.id);
    expect(hostsInOneLine(many, more)).toBe(
      'node01, node02, node03, node04, node05, node06, node07, node08 and 12 more',
    );
  });
});
