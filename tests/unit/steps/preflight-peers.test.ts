import { describe, expect, it } from 'vitest';
import { MAX_PEERS_PROBED, peersToProbe } from '../../../electron/engine/steps/preflight';
import type { PlanHostSummary } from '../../../electron/shared/plan';

function plan(count: number): PlanHostSummary[] {
  return Array.from({ length: count }, (_, index) => ({
    id: `node${String(index + 1).padStart(3, '0')}`,
    address: `10.0.${Math.floor(index / 250)}.${(index % 250) + 1}`,
    port: 22,
    user: 'root',
    role: index === 0 ? 'manager' : 'worker',
  }));
}

describe('peers tested for reachability in preflight', () => {
  it('tests every other host on a small plan', () => {
    const hosts = plan(3);
    const [first, second] = hosts;
    if (!first || !second) throw new Error('the plan has three hosts');
    expect(peersToProbe(second, hosts).map((peer) => peer.id)).toEqual(['node003', 'node001']);
    expect(peersToProbe(first, [first])).toEqual([]);
  });

  it('tests a window of the following hosts on a large plan, so probes grow linearly', () => {
    const hosts = plan(100);
    const windows = hosts.map((host) => peersToProbe(host, hosts));
    expect(windows.every((peers) => peers.length === MAX_PEERS_PROBED)).toBe(true);
    expect(windows[98]?.map((peer) => peer.id)).toEqual([
      'node100',
      'node001',
      'node002',
      'node003',
      'node004',
      'node005',
      'node006',
      'node007',
    ]);
    // Every host is still tested by as many others, and never by itself.
    const testedBy = new Map<string, number>();
    windows.forEach((peers, index) => {
      for (const peer of peers) {
        expect(peer.id).not.toBe(hosts[index]?.id);
        testedBy.set(peer.id, (testedBy.get(peer.id) ?? 0) + 1);
      }
    });
    expect(new Set(testedBy.values())).toEqual(new Set([MAX_PEERS_PROBED]));
    expect(testedBy.size).toBe(100);
  });
});
