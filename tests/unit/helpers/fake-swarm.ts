/**
 * Just enough of Docker on a set of fake hosts to run the swarm steps against: init, join,
 * labels, promote and demote, with managers that can be made unreachable.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { validateInventory, type Inventory } from '../../../electron/engine/inventory';
import { Redactor } from '../../../electron/engine/redact';
import type { ConnectionProvider, HostConnection } from '../../../electron/engine/run/connection';
import { runPlan } from '../../../electron/engine/run/runner';
import { nodeLabelsStep } from '../../../electron/engine/steps/node-labels';
import { factsKey } from '../../../electron/engine/steps/preflight';
import type { AnyStep, ExecResult } from '../../../electron/engine/steps/step';
import { swarmInitStep } from '../../../electron/engine/steps/swarm-init';
import { swarmJoinStep } from '../../../electron/engine/steps/swarm-join';
import { REMOVAL_STEPS, type Removal } from '../../../electron/engine/steps/removal';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import type { RunEvent } from '../../../electron/shared/run-events';
import { ConnectError } from '../../../electron/engine/ssh/errors';
import { RUNNING_TASKS_COMMAND } from '../../../electron/engine/swarm/settling';
import { factsFixture } from '../steps/facts-fixtures';

export const TOKENS = {
  manager: 'SWMTKN-1-fakemanagertoken0123456789',
  worker: 'SWMTKN-1-fakeworkertoken0123456789',
};

export interface FakeNode {
  id: string;
  role: 'manager' | 'worker';
  address: string;
  labels: Record<string, string>;
  /** A manager the others cannot reach (its machine is off, say). */
  unreachable?: boolean;
  /** The manager lists the node as down. */
  down?: boolean;
  availability?: 'active' | 'pause' | 'drain';
}

/** Just enough of Docker on every host to answer what the swarm steps send. */
export class FakeSwarm {
  readonly nodes = new Map<string, FakeNode>();
  /** Nodes that left the swarm but that the manager still lists (as down). */
  readonly leftNodes = new Map<string, FakeNode>();
  /** Every command, by the host it was sent to. */
  readonly sent = new Map<string, string[]>();
  /** Files on the hosts, by host id and path (what readFile reads and uploadFile writes). */
  readonly files = new Map<string, Map<string, string>>();
  /** Hosts that do not answer at all. */
  readonly unanswering = new Set<string>();
  /** Hosts that are nodes of some other swarm, unknown to this one's manager. */
  readonly inOtherSwarm = new Set<string>();
  /** Every command in the order the hosts received them, as `host: command`. */
  readonly timeline: string[] = [];

  constructor(private readonly managerHostId: string) {}

  connection(host: PlanHostSummary): HostConnection {
    return {
      exec: async (script, options) => {
        if (this.unanswering.has(host.id)) {
          throw new ConnectError(host.id, `Could not connect to ${host.address}:22: timed out`);
        }
        const log = this.sent.get(host.id) ?? [];
        log.push(script);
        this.sent.set(host.id, log);
        this.timeline.push(`${host.id}: ${script}`);
        // A round trip: concurrent callers overlap as they would on a real connection.
        await new Promise((resolve) => setTimeout(resolve, 2));
        const stdin = options.stdin === undefined ? '' : String(options.stdin);
        return this.answer(host, script, stdin);
      },
      uploadFile: async (path, content) => {
        const files = this.files.get(host.id) ?? new Map<string, string>();
        files.set(path, String(content));
        this.files.set(host.id, files);
      },
    };
  }

  private answer(host: PlanHostSummary, script: string, stdin: string): ExecResult {
    const node = this.nodes.get(host.id);
    const ok = (stdout = ''): ExecResult => ({ exitCode: 0, stdout, stderr: '', durationMs: 2 });
    const fail = (stderr: string): ExecResult => ({
      exitCode: 1,
      stdout: '',
      stderr,
      durationMs: 2,
    });
    const onManager = host.id === this.managerHostId;
    const read = /^cat -- '?([^' ]+)'? 2>\/dev\/null \|\| exit 3$/.exec(script);
    if (read) {
      const content = this.files.get(host.id)?.get(read[1] ?? '');
      return content === undefined ? { ...fail(''), exitCode: 3 } : ok(content);
    }
    if (script === 'docker swarm leave') {
      if (!node) return fail('This node is not part of a swarm');
      if (node.role === 'manager')
        return fail(
          'You are attempting to leave the swarm on a node that is participating as a manager.',
        );
      this.nodes.delete(host.id);
      this.leftNodes.set(host.id, node);
      return ok();
    }
    // A node runs no tasks; Docker restarts at once.
    if (script === RUNNING_TASKS_COMMAND || script === 'systemctl restart docker.service')
      return ok();
    if (script.startsWith('docker info --format')) {
      if (this.inOtherSwarm.has(host.id))
        return ok(`active|other-${host.id}||false|${host.address}|\n`);
      if (!node) return ok('inactive|||false||\n');
      const manager = node.role === 'manager';
      return ok(`active|${node.id}|${manager ? 'cluster1' : ''}|${manager}|${node.address}|\n`);
    }
    if (script.startsWith('docker swarm init')) {
      this.nodes.set(host.id, {
        id: `id-${host.id}`,
        role: 'manager',
        address: host.address,
        labels: {},
      });
      return ok();
    }
    const tokenRole = /^docker swarm join-token -q (manager|worker)$/.exec(script)?.[1];
    if (tokenRole === 'manager' || tokenRole === 'worker') {
      return onManager ? ok(`${TOKENS[tokenRole]}\n`) : fail('not a manager');
    }
    if (script.includes('docker swarm join --token "$token"')) {
      const token = stdin.trim();
      const role =
        token === TOKENS.manager ? 'manager' : token === TOKENS.worker ? 'worker' : undefined;
      if (!role) return fail('invalid join token');
      this.nodes.set(host.id, { id: `id-${host.id}`, role, address: host.address, labels: {} });
      return ok();
    }
    if (!onManager) return fail(`unexpected command on ${host.id}: ${script}`);
    // A node that left stays in the manager's list, down, until docker node rm.
    const listed = new Map([
      ...this.nodes,
      ...[...this.leftNodes].map(([id, left]): [string, FakeNode] => [id, { ...left, down: true }]),
    ]);
    const members = [...listed.values()];
    if (script.startsWith('docker service ls')) return ok('');
    const state = /^docker node inspect --format '\{\{\.Status\.State\}\}' '?([\w-]+)'?$/.exec(
      script,
    );
    if (state) {
      const member = members.find((candidate) => candidate.id === state[1]);
      return member ? ok(member.down ? 'down\n' : 'ready\n') : fail('no such node');
    }
    const availability =
      /^docker node update --availability (active|pause|drain) '?([\w-]+)'?$/.exec(script);
    if (availability) {
      const member = [...this.nodes.values()].find((candidate) => candidate.id === availability[2]);
      if (!member) return fail('no such node');
      member.availability = availability[1] as FakeNode['availability'];
      return ok();
    }
    const removed = /^docker node rm (--force )?'?([\w-]+)'?$/.exec(script);
    if (removed) {
      const entry = [...listed].find(([, candidate]) => candidate.id === removed[2]);
      if (!entry) return fail('no such node');
      if (!entry[1].down && !removed[1]) return fail("node is not down and can't be removed");
      this.nodes.delete(entry[0]);
      this.leftNodes.delete(entry[0]);
      return ok();
    }
    // Verification's node list and addresses.
    if (script.startsWith("docker node ls --format '{{.ID}}|{{.Hostname}}|{{.Status}}")) {
      return ok(
        [...listed.entries()]
          .map(([hostId, member]) =>
            [
              member.id,
              hostId,
              member.down ? 'Down' : 'Ready',
              member.availability === 'drain' ? 'Drain' : 'Active',
              member.role === 'manager' ? 'Reachable' : '',
            ].join('|'),
          )
          .join('\n'),
      );
    }
    if (script.startsWith("docker node inspect --format '{{.ID}}|{{.Status.Addr}}'")) {
      return ok(members.map((member) => `${member.id}|${member.address}`).join('\n'));
    }
    // Every shape of node query the steps have sent: one node's ID or labels, or all nodes.
    const inspected = /^docker node inspect --format '([^']*)' '?([\w-]+)'?$/.exec(script);
    if (inspected) {
      const member = members.find((candidate) => candidate.id === inspected[2]);
      if (!member) return fail(`no such node: ${inspected[2]}`);
      return ok(
        inspected[1] === '{{.ID}}' ? `${member.id}\n` : `${JSON.stringify(member.labels)}\n`,
      );
    }
    if (script.includes('docker node ls')) {
      return ok(
        [...listed.entries()]
          .map(([hostId, member]) =>
            JSON.stringify({
              id: member.id,
              name: hostId,
              address: member.address,
              state: member.down ? 'down' : 'ready',
              availability: member.availability ?? 'active',
              labels: member.labels,
              manager:
                member.role === 'manager'
                  ? {
                      Leader: hostId === this.managerHostId,
                      Reachability: member.unreachable ? 'unreachable' : 'reachable',
                    }
                  : null,
            }),
          )
          .join('\n'),
      );
    }
    const roleChange = /^docker node (promote|demote) '?([\w-]+)'?$/.exec(script);
    if (roleChange) {
      const member = members.find((candidate) => candidate.id === roleChange[2]);
      if (!member) return fail('no such node');
      member.role = roleChange[1] === 'promote' ? 'manager' : 'worker';
      return ok();
    }
    const update = /^docker node update (.*) ([\w-]+)$/.exec(script);
    if (update) {
      const member = members.find((candidate) => candidate.id === update[2]);
      if (!member) return fail('no such node');
      for (const [, key = '', value = ''] of update[1]?.matchAll(
        /--label-add '?([^=' ]+)=([^' ]+)'?/g,
      ) ?? []) {
        member.labels[key] = value;
      }
      return ok();
    }
    return fail(`unexpected command on the manager: ${script}`);
  }
}

export function planHosts(managers: number, workers: number): PlanHostSummary[] {
  return Array.from({ length: managers + workers }, (_, index) => ({
    id: `node${String(index + 1).padStart(2, '0')}`,
    address: `10.0.0.${index + 11}`,
    port: 22,
    user: 'root',
    role: index < managers ? 'manager' : 'worker',
    labels: { zone: index % 2 === 0 ? 'a' : 'b' },
  }));
}

export function inventoryFor(hosts: readonly PlanHostSummary[]): Inventory {
  const result = validateInventory({
    hosts: hosts.map((host) => ({ address: host.address, role: host.role })),
  });
  if (!result.ok) throw new Error('fixture inventory is invalid');
  return result.inventory;
}

/** Preflight's part that the swarm steps read: each host's facts. */
export const factsStep: AnyStep<Inventory> = {
  id: 'preflight',
  title: { en: 'facts', 'zh-CN': 'facts' },
  explanation: { en: 'facts', 'zh-CN': 'facts' },
  appliesTo: () => true,
  probe: async (ctx) => {
    ctx.shared.set(
      factsKey(ctx.host.id),
      factsFixture('debian-12', {
        interfaces: [{ name: 'eth0', address: ctx.host.address, prefix: 24 }],
        defaultInterface: 'eth0',
      }),
    );
  },
  decide: () => ({ kind: 'ok' }),
  apply: async () => undefined,
  verify: async () => undefined,
};

export async function runSwarmSteps(swarm: FakeSwarm, hosts: PlanHostSummary[]) {
  return runStepsOn(
    swarm,
    hosts,
    [factsStep, swarmInitStep, swarmJoinStep, nodeLabelsStep],
    inventoryFor(hosts),
  );
}

/** `swarmlab remove` of `hostIds` on the fake swarm. */
export async function runRemovalSteps(
  swarm: FakeSwarm,
  hosts: PlanHostSummary[],
  removal: Removal,
) {
  return runStepsOn(swarm, hosts, REMOVAL_STEPS, { ...inventoryFor(hosts), removal });
}

/** Any steps on the fake swarm's hosts, with the inventory the hosts make. */
export async function runStepsOn<Options>(
  swarm: FakeSwarm,
  hosts: PlanHostSummary[],
  steps: readonly AnyStep<Options>[],
  options: Options,
  concurrency?: number,
) {
  const events: RunEvent[] = [];
  const connections = new Map(hosts.map((host) => [host.id, swarm.connection(host)]));
  const provider: ConnectionProvider = {
    connectionFor: (id) => {
      const connection = connections.get(id);
      if (!connection) throw new Error(`no host ${id}`);
      return connection;
    },
  };
  const finished = await runPlan({
    hosts,
    steps,
    options,
    connections: provider,
    secrets: new Redactor(),
    journalPath: join(await mkdtemp(join(tmpdir(), 'swarmlab-fan-in-')), 'journal.jsonl'),
    onEvent: (event) => events.push(event),
    ...(concurrency ? { concurrency } : {}),
  });
  return { finished, events };
}
