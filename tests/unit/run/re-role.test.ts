/**
 * A member whose role changed in the inventory is promoted or demoted by the next apply, one
 * membership change at a time, and a demotion that would cost the swarm its quorum is refused
 * before anything changes.
 */
import { describe, expect, it } from 'vitest';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import type { SwarmMember } from '../../../electron/engine/swarm/manager-view';
import { faultTolerance, majorityOf, quorumProblem } from '../../../electron/engine/swarm/quorum';
import { FakeSwarm, planHosts, runSwarmSteps } from '../helpers/fake-swarm';

function withRole(hosts: PlanHostSummary[], id: string, role: 'manager' | 'worker') {
  return hosts.map((host) => (host.id === id ? { ...host, role } : host));
}

function roleChangesSent(swarm: FakeSwarm): string[] {
  return (swarm.sent.get('node01') ?? []).filter((command) =>
    /^docker node (promote|demote)/.test(command),
  );
}

function rolesOf(swarm: FakeSwarm): Record<string, string> {
  return Object.fromEntries([...swarm.nodes.entries()].map(([host, node]) => [host, node.role]));
}

describe('quorum arithmetic', () => {
  it('needs a majority and tolerates the rest failing', () => {
    expect([1, 2, 3, 4, 5, 7].map(majorityOf)).toEqual([1, 2, 2, 3, 3, 4]);
    expect([0, 1, 2, 3, 4, 5, 7].map(faultTolerance)).toEqual([0, 0, 0, 1, 1, 2, 3]);
  });

  it('refuses to leave no manager, or fewer reachable managers than a majority of those left', () => {
    const member = (id: string, manager: SwarmMember['manager']): [string, SwarmMember] => [
      id,
      {
        id,
        name: `host-${id}`,
        address: '',
        state: 'ready',
        availability: 'active',
        labels: {},
        manager,
      },
    ];
    const up = { leader: false, reachable: true };
    const down = { leader: false, reachable: false };
    const three = new Map([member('a', up), member('b', up), member('c', down), member('w', null)]);
    expect(quorumProblem(three, ['c'])).toBeUndefined();
    expect(quorumProblem(three, ['b'])?.reason).toEqual({
      en: 'taking host-b out of the managers would leave 2 managers of which only 1 is reachable: the swarm would lose its quorum (2 needed)',
      'zh-CN': expect.stringMatching(
        /^把 host-b 移出管理节点后，剩下的 2 个管理节点中只有 1 个可达/,
      ),
    });
    expect(quorumProblem(three, ['b'])?.fix.en).toMatch(/^bring host-c back first/);
    expect(quorumProblem(three, ['b'])?.fix['zh-CN']).toContain('host-c');
    expect(quorumProblem(new Map([member('a', up), member('w', null)]), ['a'])?.reason.en).toBe(
      'taking host-a out of the managers would leave the swarm without a manager',
    );
    const allUp = new Map([member('a', up), member('b', up), member('c', up)]);
    expect(quorumProblem(allUp, ['b', 'c'])).toBeUndefined();
  });
});

describe('a changed role on a running swarm', () => {
  it('demotes a manager the inventory now calls a worker, and a rerun changes nothing', async () => {
    const hosts = planHosts(3, 1);
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);
    expect(rolesOf(swarm)).toMatchObject({ node02: 'manager', node03: 'manager' });

    const run = await runSwarmSteps(swarm, withRole(hosts, 'node03', 'worker'));

    expect(run.finished.failures).toEqual([]);
    expect(rolesOf(swarm)).toEqual({
      node01: 'manager',
      node02: 'manager',
      node03: 'worker',
      node04: 'worker',
    });
    expect(roleChangesSent(swarm)).toEqual(['docker node demote id-node03']);
    const said = run.events.find(
      (event) =>
        event.type === 'step-finished' && event.host === 'node03' && event.step === 'swarm-join',
    );
    expect(said).toMatchObject({ status: 'changed', message: 'demote to worker' });
    const rerun = await runSwarmSteps(swarm, withRole(hosts, 'node03', 'worker'));
    expect(rerun.finished.summary.changed).toBe(0);
  });

  it('promotes a worker the inventory now calls a manager', async () => {
    const hosts = planHosts(1, 2);
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);

    const run = await runSwarmSteps(swarm, withRole(hosts, 'node02', 'manager'));

    expect(run.finished.failures).toEqual([]);
    expect(rolesOf(swarm)).toEqual({ node01: 'manager', node02: 'manager', node03: 'worker' });
    expect(roleChangesSent(swarm)).toEqual(['docker node promote id-node02']);
  });

  it('refuses a demotion that would lose quorum, naming the unreachable manager, and sends nothing', async () => {
    const hosts = planHosts(3, 0);
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);
    const node02 = swarm.nodes.get('node02');
    if (!node02) throw new Error('node02 did not join');
    node02.unreachable = true;

    const run = await runSwarmSteps(swarm, withRole(hosts, 'node03', 'worker'));

    expect(run.finished.failures).toEqual([
      {
        host: 'node03',
        step: 'swarm-join',
        message: expect.stringMatching(
          /^taking node03 out of the managers would leave 2 managers of which only 1 is reachable: the swarm would lose its quorum \(2 needed\) — bring node02 back first/,
        ),
      },
    ]);
    expect(roleChangesSent(swarm)).toEqual([]);
    expect(rolesOf(swarm).node03).toBe('manager');
  });

  it('demotes two managers one after the other, each on the list the other left', async () => {
    const hosts = planHosts(3, 0);
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);

    const run = await runSwarmSteps(
      swarm,
      withRole(withRole(hosts, 'node02', 'worker'), 'node03', 'worker'),
    );

    expect(run.finished.failures).toEqual([]);
    expect(rolesOf(swarm)).toEqual({ node01: 'manager', node02: 'worker', node03: 'worker' });
    // Each demotion reads the node list again before it runs, and waits until the list shows it.
    const sent = (swarm.sent.get('node01') ?? [])
      .filter((command) => /docker node (ls|demote)/.test(command))
      .map((command) => command.split(' ').slice(0, 3).join(' '));
    const demotions = sent.flatMap((command, index) =>
      command === 'docker node demote' ? [index] : [],
    );
    expect(demotions).toHaveLength(2);
    for (const index of demotions) {
      expect(sent[index - 1]).toBe('docker node ls');
      expect(sent[index + 1]).toBe('docker node ls');
    }
  });
});
