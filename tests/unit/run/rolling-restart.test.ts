import { describe, expect, it } from 'vitest';
import type { Inventory } from '../../../electron/engine/inventory';
import { Semaphore } from '../../../electron/engine/run/semaphore';
import type { AnyStep } from '../../../electron/engine/steps/step';
import { oneNodeAtATime, RollingTurns } from '../../../electron/engine/swarm/rolling';
import {
  FakeSwarm,
  inventoryFor,
  planHosts,
  runStepsOn,
  runSwarmSteps,
} from '../helpers/fake-swarm';

const RESTART = 'systemctl restart docker.service';

/** A step that restarts Docker on every host, the way docker-daemon and docker-install do. */
function restartStep(failOn?: string): AnyStep<Inventory> {
  return {
    id: 'restart-docker',
    title: { en: 'restart', 'zh-CN': 'restart' },
    explanation: { en: 'restart', 'zh-CN': 'restart' },
    appliesTo: () => true,
    probe: async () => undefined,
    decide: () => ({ kind: 'change', changes: [{ en: 'restart', 'zh-CN': 'restart' }] }),
    apply: async (ctx) => {
      await oneNodeAtATime(ctx, async () => {
        await ctx.remote.exec(RESTART, { sudo: true });
        if (ctx.host.id === failOn) throw new Error('Docker did not take the new daemon.json');
      });
    },
    verify: async () => undefined,
  };
}

/** What happened to the nodes' service, in order: `drain nodeX`, `restart nodeX`, `active nodeX`. */
function serviceTimeline(swarm: FakeSwarm): string[] {
  return swarm.timeline.flatMap((line) => {
    const restart = new RegExp(`^(node\\d+): ${RESTART}$`).exec(line);
    if (restart) return [`restart ${restart[1]}`];
    const update = /^node\d+: docker node update --availability (\w+) '?id-(node\d+)'?$/.exec(line);
    return update ? [`${update[1]} ${update[2]}`] : [];
  });
}

async function formedSwarm(managers: number, workers: number) {
  const hosts = planHosts(managers, workers);
  const swarm = new FakeSwarm('node01');
  const formed = await runSwarmSteps(swarm, hosts);
  expect(formed.finished.failures).toEqual([]);
  return { hosts, swarm };
}

describe('a Docker restart on a live swarm', () => {
  it('goes one node at a time, each drained, restarted and made active again, the leader last', async () => {
    const { hosts, swarm } = await formedSwarm(2, 3);
    const run = await runStepsOn(swarm, hosts, [restartStep()], inventoryFor(hosts));
    expect(run.finished.failures).toEqual([]);

    const timeline = serviceTimeline(swarm);
    expect(timeline).toHaveLength(15);
    // Three entries per node, in a row: never two nodes out of service at once.
    for (let at = 0; at < timeline.length; at += 3) {
      const node = timeline[at]?.split(' ')[1];
      expect(timeline.slice(at, at + 3)).toEqual([
        `drain ${node}`,
        `restart ${node}`,
        `active ${node}`,
      ]);
    }
    expect(timeline.slice(-3)).toEqual(['drain node01', 'restart node01', 'active node01']);
    expect([...swarm.nodes.values()].map((node) => node.availability)).toEqual(
      Array(5).fill('active'),
    );
  });

  it('does not deadlock when the run takes one step at a time', async () => {
    const { hosts, swarm } = await formedSwarm(1, 2);
    const run = await runStepsOn(swarm, hosts, [restartStep()], inventoryFor(hosts), 1);
    expect(run.finished.failures).toEqual([]);
    expect(serviceTimeline(swarm).slice(-3)).toEqual([
      'drain node01',
      'restart node01',
      'active node01',
    ]);
  });

  it('restarts hosts that are not in a swarm yet at once, without asking a manager', async () => {
    const hosts = planHosts(1, 2);
    const swarm = new FakeSwarm('node01');
    const run = await runStepsOn(swarm, hosts, [restartStep()], inventoryFor(hosts));
    expect(run.finished.failures).toEqual([]);
    expect(serviceTimeline(swarm).sort()).toEqual([
      'restart node01',
      'restart node02',
      'restart node03',
    ]);
  });

  it('restarts a host of another swarm at once: it is not this swarm’s to keep serving', async () => {
    const { hosts, swarm } = await formedSwarm(1, 1);
    const stranger = planHosts(1, 2)[2];
    if (!stranger) throw new Error('no third host');
    swarm.inOtherSwarm.add(stranger.id);
    const all = [...hosts, stranger];
    const run = await runStepsOn(swarm, all, [restartStep()], inventoryFor(all));
    expect(run.finished.failures).toEqual([]);
    const timeline = serviceTimeline(swarm);
    expect(timeline.filter((line) => line.endsWith('node03'))).toEqual(['restart node03']);
    expect(timeline.filter((line) => line.endsWith('node01'))).toEqual([
      'drain node01',
      'restart node01',
      'active node01',
    ]);
  });

  it('leaves a node the user drained drained, and makes a node whose restart failed active again', async () => {
    const { hosts, swarm } = await formedSwarm(1, 2);
    const drained = swarm.nodes.get('node02');
    if (drained) drained.availability = 'drain';
    const run = await runStepsOn(swarm, hosts, [restartStep('node03')], inventoryFor(hosts));
    expect(run.finished.failures.map((failure) => failure.host)).toEqual(['node03']);
    const timeline = serviceTimeline(swarm);
    expect(timeline.filter((line) => line.endsWith('node02'))).toEqual(['restart node02']);
    // Docker came back (with its old settings): the node takes tasks again, and the failure stands.
    expect(timeline.filter((line) => line.endsWith('node03'))).toEqual([
      'drain node03',
      'restart node03',
      'active node03',
    ]);
    expect(swarm.nodes.get('node02')?.availability).toBe('drain');
    expect(swarm.nodes.get('node03')?.availability).toBe('active');
  });
});

describe('RollingTurns', () => {
  it('gives one turn at a time, waiting workers before waiting managers', async () => {
    const turns = new RollingTurns();
    const order: string[] = [];
    const first = await turns.take(1);
    const waiting = [
      turns.take(1).then((release) => (order.push('manager'), release())),
      turns.take(0).then((release) => (order.push('worker'), release())),
    ];
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(order).toEqual([]);
    first();
    await Promise.all(waiting);
    expect(order).toEqual(['worker', 'manager']);
  });
});

describe('Semaphore.aside', () => {
  it('lets other tasks run while one waits for them', async () => {
    const semaphore = new Semaphore(1);
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const order: string[] = [];
    const waiter = semaphore.run(async () => {
      await semaphore.aside(gate);
      order.push('waiter');
    });
    const other = semaphore.run(async () => {
      order.push('other');
      release();
    });
    await Promise.all([waiter, other]);
    expect(order).toEqual(['other', 'waiter']);
  });
});
