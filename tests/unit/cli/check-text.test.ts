/** `swarmlab check` on a terminal: the nodes, what the doctor tested, each finding with its fix. */
import { describe, expect, it } from 'vitest';
import { healthResults, healthText } from '../../../electron/cli/commands/check';
import type { ClusterHealth, OverlayHealth } from '../../../electron/shared/health';
import { localized } from '../../../electron/shared/messages';
import type { RunEvent } from '../../../electron/shared/run-events';

const cluster: ClusterHealth = {
  area: 'cluster',
  nodes: [
    {
      name: 'node01',
      host: '10.0.0.1',
      role: 'manager',
      state: 'ready',
      availability: 'active',
      managerStatus: 'leader',
      dockerVersion: '20.10.24',
      advertiseAddress: '10.0.0.1',
      addresses: ['10.0.0.1'],
      certificateExpires: '2027-03-07T19:07:59.000Z',
    },
    {
      name: 'node03\u001b]0;owned\u0007',
      host: '10.0.0.3',
      role: 'worker',
      state: 'down',
      availability: 'active',
      managerStatus: '',
      dockerVersion: '',
      advertiseAddress: '10.0.0.3',
      addresses: [],
      certificateExpires: '',
    },
  ],
  managers: { total: 1, reachable: 1, needed: 1 },
  findings: [
    {
      kind: 'docker-stopped',
      severity: 'problem',
      nodes: ['node03'],
      message: localized('health.dockerStoppedDown', { node: 'node03', state: 'inactive' }),
      fix: localized('health.dockerStoppedFix', { node: 'node03' }),
    },
  ],
};
const overlay: OverlayHealth = {
  area: 'overlay',
  network: 'swarmlab-net',
  mtu: 1450,
  paths: [],
  findings: [],
};

describe('swarmlab check on a terminal', () => {
  it('lists the nodes and each finding with its fix, with host text made safe', () => {
    const text = healthText([cluster, overlay]);
    expect(text).toContain(
      'node01  manager (leader)  ready  20.10.24  10.0.0.1  cert until 2027-03-07T19:07Z',
    );
    expect(text).toContain('managers: 1 of 1 reachable, 1 needed');
    expect(text).toContain(
      '✗ node03 is Down: Docker is not running there (its service is inactive)\n    fix: Start it on node03',
    );
    expect(text).toContain('fewer than two working nodes: nothing to test between them');
    expect(text).not.toContain('\u001b');
    expect(text).not.toContain('no problem found');
  });

  it('says when nothing was found', () => {
    const healthy = { ...cluster, findings: [] };
    expect(healthText([healthy, overlay])).toMatch(/✓ no problem found\n$/);
  });

  it('reads the check results from the journal, and nothing else', () => {
    const finished = (step: string, data: unknown): RunEvent =>
      ({
        type: 'step-finished',
        runId: 'r',
        time: '2026-12-07T19:00:00.000Z',
        host: 'node01',
        step,
        status: 'ok',
        durationMs: 1,
        data,
      }) as unknown as RunEvent;
    const events = [
      finished('preflight', { checks: [] }),
      finished('check-cluster', cluster),
      finished('check-overlay', overlay),
    ];
    expect(healthResults(events).map((result) => result.area)).toEqual(['cluster', 'overlay']);
  });
});
