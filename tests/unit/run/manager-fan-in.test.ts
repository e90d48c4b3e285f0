/**
 * Joining hosts all ask the first manager something: its swarm state, a join token, whether it
 * lists them, their labels. Those questions are asked once per run (or once per change) and
 * shared, so a swarm of 12 costs the manager about as many commands as a swarm of 3.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Redactor } from '../../../electron/engine/redact';
import type { HostConnection } from '../../../electron/engine/run/connection';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import type { RunEvent } from '../../../electron/shared/run-events';
import { runPlan } from '../../../electron/engine/run/runner';
import { managerKeyStep } from '../../../electron/engine/steps/manager-key';
import { managerKeyTrustStep } from '../../../electron/engine/steps/manager-key-trust';
import type { ExecResult } from '../../../electron/engine/steps/step';
import { LIST_MEMBERS_COMMAND, parseMembers } from '../../../electron/engine/swarm/manager-view';
import { SharedRead } from '../../../electron/engine/swarm/shared-read';
import { FakeSwarm, inventoryFor, planHosts, runSwarmSteps } from '../helpers/fake-swarm';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';

/** Commands the first manager ran for the join and label steps of every host, by kind. */
function fanIn(events: readonly RunEvent[], managerId: string): Record<string, number> {
  const kinds: Record<string, number> = {};
  for (const event of events) {
    if (event.type !== 'command-started' || event.host !== managerId) continue;
    if (event.step !== 'swarm-join' && event.step !== 'node-labels') continue;
    // The manager's own labels step reads its own node ID, as every node does.
    if (!event.forHost && event.command.startsWith('docker info')) continue;
    const kind = event.command.startsWith('docker info')
      ? 'swarm state'
      : event.command.startsWith('docker swarm join-token')
        ? event.command
        : event.command.startsWith('docker node update')
          ? 'label update'
          : 'node query';
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  }
  return kinds;
}

describe('the node list the joining hosts share', () => {
  it('is one command that matches its golden file and passes shellcheck', () => {
    expectGolden('swarm/list-members.sh', `${LIST_MEMBERS_COMMAND}\n`);
    expect(shellcheck(LIST_MEMBERS_COMMAND)).toBe('');
  });

  it('reads each node with its labels, none as empty, and refuses a line that is not a node', () => {
    const members = parseMembers(
      [
        '{"id":"abc","name":"node01","address":"10.0.0.11","state":"ready","availability":"active","labels":{"zone":"a"},"manager":{"Leader":true,"Reachability":"reachable","Addr":"10.0.0.11:2377"}}',
        '{"id":"def","name":"node02","labels":null,"manager":{"Reachability":"unreachable"}}',
        '{"id":"ghi","name":"","labels":null,"manager":null}',
        '',
      ].join('\n'),
    );
    expect([...members.values()]).toEqual([
      {
        id: 'abc',
        name: 'node01',
        address: '10.0.0.11',
        state: 'ready',
        availability: 'active',
        labels: { zone: 'a' },
        manager: { leader: true, reachable: true },
      },
      {
        id: 'def',
        name: 'node02',
        address: '',
        state: '',
        availability: '',
        labels: {},
        manager: { leader: false, reachable: false },
      },
      {
        id: 'ghi',
        name: 'ghi',
        address: '',
        state: '',
        availability: '',
        labels: {},
        manager: null,
      },
    ]);
    expect(() => parseMembers('{"labels":{}}')).toThrow(/without an ID/);
  });
});

describe('a read shared by many callers', () => {
  it('runs once for callers at the same time, again after a change, and keeps no failure', async () => {
    const shared = new SharedRead<number>();
    const answers: Array<(value: number) => void> = [];
    let reads = 0;
    const read = (): Promise<number> => {
      reads += 1;
      return new Promise<number>((resolve) => answers.push(resolve));
    };
    const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

    const together = [shared.get(read), shared.get(read)];
    answers[0]?.(1);
    expect(await Promise.all(together)).toEqual([1, 1]);
    expect(await shared.get(read)).toBe(1);
    expect(reads).toBe(1);

    // Changes while a read is under way: their callers wait for it, then share one new read.
    shared.stale();
    const underWay = shared.get(read);
    shared.stale();
    const afterFirstChange = shared.get(read);
    shared.stale();
    const afterSecondChange = shared.get(read);
    expect(reads).toBe(2);
    answers[1]?.(2);
    expect(await underWay).toBe(2);
    await settle();
    expect(reads).toBe(3);
    answers[2]?.(3);
    expect([await afterFirstChange, await afterSecondChange]).toEqual([3, 3]);

    shared.stale();
    await expect(shared.get(() => Promise.reject(new Error('manager gone')))).rejects.toThrow(
      'manager gone',
    );
    const again = shared.get(read);
    expect(reads).toBe(4);
    answers[3]?.(4);
    expect(await again).toBe(4);
  });
});

describe('work that fans in on the first manager', () => {
  it('is asked once per run and shared by the joining hosts, not once per host', async () => {
    const hosts = planHosts(3, 9);
    const swarm = new FakeSwarm('node01');

    const { finished, events } = await runSwarmSteps(swarm, hosts);

    expect(finished.failures).toEqual([]);
    expect([...swarm.nodes.values()].map((node) => [node.role, node.labels.zone])).toEqual(
      hosts.map((host) => [host.role, host.labels?.zone]),
    );
    const kinds = fanIn(events, 'node01');
    // 11 hosts joined and were labelled: one look at the manager's state, one token per role.
    expect(kinds['swarm state']).toBe(1);
    expect(kinds['docker swarm join-token -q manager']).toBe(1);
    expect(kinds['docker swarm join-token -q worker']).toBe(1);
    // A label change is one command per node that needs it; reading nodes is shared by all.
    expect(kinds['label update']).toBe(12);
    expect(kinds['node query']).toBeLessThanOrEqual(4);
    // The tokens were handed around, never shown.
    expect(JSON.stringify(events)).not.toContain('fakeworkertoken');
    expect(JSON.stringify(events)).not.toContain('fakemanagertoken');
  });

  it('costs the manager as few reads on a rerun of a finished swarm of 12 as of 3', async () => {
    const reads: Record<number, number> = {};
    for (const size of [3, 12]) {
      const hosts = planHosts(Math.min(3, size), size - Math.min(3, size));
      const swarm = new FakeSwarm('node01');
      await runSwarmSteps(swarm, hosts);

      const rerun = await runSwarmSteps(swarm, hosts);

      expect(rerun.finished.summary.changed).toBe(0);
      expect(rerun.finished.failures).toEqual([]);
      const kinds = fanIn(rerun.events, 'node01');
      reads[size] = Object.values(kinds).reduce((sum, count) => sum + count, 0);
    }
    // The state once, the node list once: the same two reads whatever the size.
    expect(reads).toEqual({ 3: 2, 12: 2 });
  });
});

describe('the manager’s key, trusted by every node', () => {
  it('is read from the manager once for all the nodes', async () => {
    const hosts = planHosts(3, 9);
    const publicKey = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFakeManagerKeyForTheTest root@node01';
    const sent: Array<{ host: string; command: string }> = [];
    const authorized = new Map<string, string>();
    const connection = (host: PlanHostSummary): HostConnection => ({
      exec: async (script) => {
        sent.push({ host: host.id, command: script });
        await new Promise((resolve) => setTimeout(resolve, 2));
        const ok = (stdout = ''): ExecResult => ({
          exitCode: 0,
          stdout,
          stderr: '',
          durationMs: 2,
        });
        if (script.includes('id_ed25519.pub')) return ok(`${publicKey}\n`);
        if (script.includes('authorized_keys')) {
          const keys = authorized.get(host.id);
          return keys === undefined ? { ...ok(), exitCode: 3 } : ok(keys);
        }
        return ok(script.startsWith('ssh ') ? 'node\n' : '');
      },
      uploadFile: async (path, content) => {
        if (path.endsWith('authorized_keys')) authorized.set(host.id, String(content));
      },
    });
    const connections = new Map(hosts.map((host) => [host.id, connection(host)]));
    const inventory = inventoryFor(hosts);

    const finished = await runPlan({
      hosts,
      steps: [managerKeyStep, managerKeyTrustStep],
      options: { ...inventory, prepare: { ...inventory.prepare, managerKeyToNodes: true } },
      connections: {
        connectionFor: (id) => {
          const found = connections.get(id);
          if (!found) throw new Error(`no host ${id}`);
          return found;
        },
      },
      secrets: new Redactor(),
      journalPath: join(await mkdtemp(join(tmpdir(), 'swarmlab-fan-in-')), 'journal.jsonl'),
    });

    expect(finished.failures).toEqual([]);
    expect(authorized.size).toBe(11);
    const keyReads = sent.filter(
      ({ host, command }) => host === 'node01' && command.includes('id_ed25519.pub'),
    );
    // manager-key reads it for itself (probe); manager-key-trust once for the 11 others.
    expect(keyReads).toHaveLength(2);
  });
});
