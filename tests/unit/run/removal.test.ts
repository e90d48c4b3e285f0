/**
 * `swarmlab remove` on a fake swarm: what it does to the leaving hosts, to the manager that
 * stays and to the others, and what it refuses.
 */
import { describe, expect, it } from 'vitest';
import type { RunEvent } from '../../../electron/shared/run-events';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import {
  actingManager,
  hostsBlockEntries,
  withoutHostsEntries,
} from '../../../electron/engine/steps/removal';
import { renderHostsFile } from '../../../electron/engine/steps/hosts-file';
import { FakeSwarm, planHosts, runRemovalSteps, runSwarmSteps } from '../helpers/fake-swarm';

const OTHER_LINES = '127.0.0.1 localhost\n::1 localhost ip6-localhost\n';

function named(hosts: PlanHostSummary[]): PlanHostSummary[] {
  return hosts.map((host) => ({ ...host, hostname: host.id }));
}

async function swarmOf(managers: number, workers: number) {
  const hosts = named(planHosts(managers, workers));
  const swarm = new FakeSwarm('node01');
  await runSwarmSteps(swarm, hosts);
  const block = renderHostsFile(
    OTHER_LINES,
    hosts.map((host) => ({ address: host.address, hostname: host.id })),
  );
  for (const host of hosts) swarm.files.set(host.id, new Map([['/etc/hosts', block]]));
  return { hosts, swarm };
}

function outcomes(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'step-finished' ? [`${event.host} ${event.step} ${event.status}`] : [],
  );
}

describe('the /etc/hosts block without the leaving hosts', () => {
  it('drops only their lines and leaves the rest of the file as it was', () => {
    const file = renderHostsFile(OTHER_LINES, [
      { address: '10.0.0.11', hostname: 'node01' },
      { address: '10.0.0.13', hostname: 'node03' },
    ]);
    expect(hostsBlockEntries(file)).toEqual([
      { address: '10.0.0.11', hostname: 'node01' },
      { address: '10.0.0.13', hostname: 'node03' },
    ]);
    const dropped = withoutHostsEntries(file, ['10.0.0.13']);
    expect(dropped.startsWith(OTHER_LINES)).toBe(true);
    expect(hostsBlockEntries(dropped)).toEqual([{ address: '10.0.0.11', hostname: 'node01' }]);
    expect(withoutHostsEntries(OTHER_LINES, ['10.0.0.13'])).toBe(OTHER_LINES);
    expect(withoutHostsEntries(dropped, ['10.0.0.13'])).toBe(dropped);
  });
});

describe('the manager that acts for the swarm', () => {
  it('is the first manager that stays, and there is none when every manager leaves', () => {
    const hosts = planHosts(2, 1);
    expect(actingManager(hosts, { hostIds: ['node01'], force: false })?.id).toBe('node02');
    expect(actingManager(hosts, { hostIds: ['node01', 'node02'], force: false })).toBeUndefined();
  });
});

describe('removing hosts from a running swarm', () => {
  it('drains, leaves, removes a worker and drops it from the others’ /etc/hosts; a rerun changes nothing', async () => {
    const { hosts, swarm } = await swarmOf(1, 2);

    const run = await runRemovalSteps(swarm, hosts, { hostIds: ['node03'], force: false });

    expect(run.finished.failures).toEqual([]);
    const said = outcomes(run.events);
    expect(said.slice(0, 3)).toEqual([
      'node01 node-drain changed',
      'node03 swarm-leave changed',
      'node01 node-remove changed',
    ]);
    expect(said.slice(3).sort()).toEqual([
      'node01 hosts-file-drop changed',
      'node02 hosts-file-drop changed',
    ]);
    expect([...swarm.nodes.keys()].sort()).toEqual(['node01', 'node02']);
    expect(swarm.leftNodes.size).toBe(0);
    for (const host of ['node01', 'node02']) {
      expect(hostsBlockEntries(swarm.files.get(host)?.get('/etc/hosts') ?? '')).toEqual([
        { address: '10.0.0.11', hostname: 'node01' },
        { address: '10.0.0.12', hostname: 'node02' },
      ]);
    }
    // The drain came first, the node was removed only once it was down.
    const onManager = (swarm.sent.get('node01') ?? []).filter((command) =>
      /^docker node (update --availability|rm|inspect --format '\{\{\.Status)/.test(command),
    );
    expect(onManager[0]).toBe('docker node update --availability drain id-node03');
    expect(onManager.at(-1)).toBe('docker node rm id-node03');

    const again = await runRemovalSteps(swarm, hosts, { hostIds: ['node03'], force: false });
    expect(again.finished.summary.changed).toBe(0);
  });

  it('demotes a leaving manager first, and refuses when that would cost the quorum', async () => {
    const { hosts, swarm } = await swarmOf(3, 0);
    const node02 = swarm.nodes.get('node02');
    if (!node02) throw new Error('node02 did not join');
    node02.unreachable = true;

    const refused = await runRemovalSteps(swarm, hosts, { hostIds: ['node03'], force: false });

    expect(refused.finished.failures[0]).toMatchObject({
      host: 'node01',
      step: 'node-drain',
      message: expect.stringMatching(/would lose its quorum.*bring node02 back first.*--force/),
    });
    expect(swarm.nodes.get('node03')?.role).toBe('manager');
    expect((swarm.sent.get('node01') ?? []).some((c) => /drain|demote|node rm/.test(c))).toBe(
      false,
    );

    node02.unreachable = false;
    const removed = await runRemovalSteps(swarm, hosts, { hostIds: ['node03'], force: false });
    expect(removed.finished.failures).toEqual([]);
    expect(swarm.sent.get('node01')).toContain('docker node demote id-node03');
    expect([...swarm.nodes.keys()].sort()).toEqual(['node01', 'node02']);
  });

  it('removes the node of a host that no longer answers, and says the host was not cleaned', async () => {
    const { hosts, swarm } = await swarmOf(1, 2);
    swarm.unanswering.add('node03');
    const gone = swarm.nodes.get('node03');
    if (gone) gone.down = true;

    const run = await runRemovalSteps(swarm, hosts, { hostIds: ['node03'], force: false });

    expect(run.finished.failures).toEqual([]);
    expect([...swarm.nodes.keys()].sort()).toEqual(['node01', 'node02']);
    const leave = run.events.find(
      (event) => event.type === 'step-finished' && event.step === 'swarm-leave',
    );
    expect(leave).toMatchObject({
      status: 'ok',
      message: 'did not answer: its node is removed, the host itself was not cleaned',
    });
    expect(leave?.type === 'step-finished' && leave.warnings[0]).toMatch(
      /node03 did not answer .*not cleaned/,
    );
  });
});
