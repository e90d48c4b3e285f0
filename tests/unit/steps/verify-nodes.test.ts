/**
 * Verification with a node that is Down: it fails at once, naming the node and what to look at
 * there, without starting test services whose tasks could never all run (and without blaming
 * the test image for it).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { nodeReadiness, verifySwarmStep } from '../../../electron/engine/steps/verify-swarm';
import type { RunEvent } from '../../../electron/shared/run-events';
import {
  FakeSwarm,
  factsStep,
  inventoryFor,
  planHosts,
  runStepsOn,
  runSwarmSteps,
} from '../helpers/fake-swarm';

const waited = { ...nodeReadiness };
beforeEach(() => Object.assign(nodeReadiness, { waitMs: 200, pollMs: 20 }));
afterEach(() => Object.assign(nodeReadiness, waited));

function verifyFinished(events: readonly RunEvent[]) {
  const finished = events.find(
    (event) => event.type === 'step-finished' && event.step === 'verify-swarm',
  );
  if (finished?.type !== 'step-finished') throw new Error('verification did not finish');
  return finished;
}

describe('verification of a swarm with a node down', () => {
  it('fails at once on the node, with its cause, and deploys no test service', async () => {
    const hosts = planHosts(1, 2).map((host) => ({ ...host, hostname: host.id }));
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);
    const down = swarm.nodes.get('node03');
    if (!down) throw new Error('node03 did not join');
    down.down = true;

    const { events } = await runStepsOn(
      swarm,
      hosts,
      [factsStep, verifySwarmStep],
      inventoryFor(hosts),
    );
    const finished = verifyFinished(events);
    expect(finished.status).toBe('failed');
    expect(finished.localized?.message.en).toContain('not Ready: node03 (Down)');
    expect(finished.localized?.message['zh-CN']).toContain('未处于 Ready：node03（Down）');
    expect(finished.message).toContain('on node03 run `systemctl status docker`');
    expect(finished.message).not.toContain('test image');
    expect(swarm.sent.get('node01')?.some((command) => command.startsWith('docker service'))).toBe(
      false,
    );
  });

  it('waits for a node that comes back Ready and goes on to the test services', async () => {
    const hosts = planHosts(1, 1).map((host) => ({ ...host, hostname: host.id }));
    const swarm = new FakeSwarm('node01');
    await runSwarmSteps(swarm, hosts);
    const restarting = swarm.nodes.get('node02');
    if (!restarting) throw new Error('node02 did not join');
    restarting.down = true;
    setTimeout(() => (restarting.down = false), 60);

    const { events } = await runStepsOn(
      swarm,
      hosts,
      [factsStep, verifySwarmStep],
      inventoryFor(hosts),
    );
    // The fake runs no services: verification gets past the node check to the services.
    expect(swarm.sent.get('node01')?.some((command) => command.startsWith('docker service'))).toBe(
      true,
    );
    expect(verifyFinished(events).localized?.message.en ?? '').not.toContain('not Ready');
  });
});
