import { localized } from '../../shared/messages';
import { advertiseAddressFor } from '../facts/checks';
import type { Inventory } from '../inventory/schema';
import { REDACTED } from '../redact';
import { shellJoin } from '../shell/quote';
import { managerView, type SwarmMember } from '../swarm/manager-view';
import { quorumProblem } from '../swarm/quorum';
import { pollUntil } from '../swarm/settling';
import { firstManager, isFirstManager, readSwarmInfo, type SwarmInfo } from '../swarm/swarm-info';
import { StepFailure, type Decision, type StepContext, type StepDefinition } from './step';
import { roleWords, swarmStateWords } from '../swarm/state-words';
import { advertiseAddress } from './swarm-init';

const SWARM_PORT = 2377;

interface JoinProbe {
  node: SwarmInfo;
  manager: SwarmInfo;
  /**
   * Every node the manager lists, when this node is one of them (workers do not know their
   * cluster's id, so the manager's list says whether a node is in this swarm); absent otherwise.
   */
  members?: ReadonlyMap<string, SwarmMember>;
}

type Role = 'manager' | 'worker';

/** The role the manager lists the node in (a node's own `docker info` lags a promotion). */
function listedRole({ node, members }: JoinProbe): Role {
  const member = members?.get(node.nodeId);
  if (member) return member.manager ? 'manager' : 'worker';
  return node.isManager ? 'manager' : 'worker';
}

/** The node command that gives a member the role the inventory wants. */
export function roleChangeCommand(nodeId: string, wanted: Role): string {
  return shellJoin(['docker', 'node', wanted === 'manager' ? 'promote' : 'demote', nodeId]);
}

/**
 * The join command. The token is read from stdin into a variable so it is never part of the
 * command text that is logged; it does reach dockerd's argv on the node, as Docker requires.
 */
export function swarmJoinScript(
  advertise: string,
  managerAddress: string,
  swarm: Inventory['swarm'],
): string {
  const flags = [
    '--advertise-addr',
    advertise,
    ...(swarm.dataPathAddr ? ['--data-path-addr', swarm.dataPathAddr] : []),
  ];
  return [
    'IFS= read -r token',
    `docker swarm join --token "$token" ${shellJoin([...flags, `${managerAddress}:${SWARM_PORT}`])}`,
  ].join('\n');
}

function managerOf(ctx: StepContext<Inventory>) {
  const manager = firstManager(ctx.hosts);
  if (!manager)
    throw new StepFailure(
      localized('failures.swarm.noManager'),
      localized('failures.swarm.giveManagerRole'),
    );
  return ctx.remoteFor(manager.id);
}

/** Joins every other node to the swarm, as manager or worker as the inventory says. */
export const swarmJoinStep: StepDefinition<JoinProbe, Inventory> = {
  id: 'swarm-join',
  title: localized('steps.swarm-join.title'),
  explanation: localized('steps.swarm-join.explanation'),
  waitsFor: ['swarm-init'],
  appliesTo: (host, hosts) => !isFirstManager(host, hosts) && firstManager(hosts) !== undefined,

  async probe(ctx) {
    // What the manager says is asked once for all joining hosts (manager-view.ts).
    const view = managerView(ctx);
    const [node, manager] = await Promise.all([
      readSwarmInfo(ctx.remote),
      view.swarmInfo(managerOf(ctx)),
    ]);
    if (node.state === 'active' && node.nodeId && manager.isManager) {
      const members = await view.nodes(managerOf(ctx));
      if (members.has(node.nodeId)) return { node, manager, members };
    }
    return { node, manager };
  },

  decide(probe, ctx) {
    const { node, manager, members } = probe;
    if (manager.state !== 'active' || !manager.isManager) {
      throw new StepFailure(localized('failures.swarm-join.noSwarm'));
    }
    if (node.state === 'active' && members) {
      if (listedRole(probe) !== ctx.host.role) return roleChange(probe, ctx.host.role);
      return {
        kind: 'ok',
        message: localized(
          ctx.host.role === 'manager'
            ? 'outcomes.swarm-join.alreadyManager'
            : 'outcomes.swarm-join.alreadyWorker',
        ),
      };
    }
    if (node.state === 'active' || node.state === 'locked') {
      throw new StepFailure(
        localized('failures.swarm-join.otherSwarm', {
          cluster: node.clusterId.slice(0, 12) || localized('failures.swarm.unknownState'),
        }),
        localized('failures.swarm-join.otherSwarmFix'),
      );
    }
    if (node.state !== 'inactive') {
      throw new StepFailure(swarmStateWords(node), localized('failures.swarm.leaveForce'));
    }
    return {
      kind: 'change',
      changes: [
        localized(
          ctx.host.role === 'manager'
            ? 'outcomes.swarm-join.joinAsManager'
            : 'outcomes.swarm-join.joinAsWorker',
        ),
      ],
    };
  },

  async apply(ctx, probe) {
    if (probe.members) {
      await changeRole(ctx, probe.node.nodeId);
      return;
    }
    const { manager } = probe;
    const role = ctx.host.role === 'manager' ? 'manager' : 'worker';
    const view = managerView(ctx);
    const token = await view.joinToken(managerOf(ctx), role, (secret) => ctx.addSecret(secret));
    try {
      await ctx.remote.exec(
        swarmJoinScript(advertiseAddress(ctx), manager.nodeAddress, ctx.options.swarm),
        {
          sudo: true,
          stdin: `${token}\n`,
          timeoutMs: 120_000,
        },
      );
    } finally {
      // The manager lists this node now (or half of it, after a failure): the next look reads
      // the list again.
      view.nodesChanged();
    }
  },

  async verify(ctx, before, changed) {
    const after = changed ? await swarmJoinStep.probe(ctx) : before;
    const { node, manager, members } = after;
    if (node.state !== 'active' || !members) {
      throw new StepFailure(
        localized('failures.swarm-join.notJoined', {
          state: node.state,
          cluster: manager.clusterId.slice(0, 12),
        }),
      );
    }
    const role = listedRole(after);
    if (role !== ctx.host.role) {
      throw new StepFailure(
        localized('failures.swarm-join.wrongRole', {
          role: roleWords(role),
          wanted: roleWords(ctx.host.role),
        }),
      );
    }
    return { nodeId: node.nodeId, role };
  },

  preview(host, facts, options, hosts) {
    const manager = firstManager(hosts);
    if (!manager) throw new StepFailure(localized('failures.swarm.noManager'));
    const role = host.role === 'manager' ? 'manager' : 'worker';
    const advertise = advertiseAddressFor(host, facts, options.swarm.advertiseInterface).address;
    return {
      commands: [
        `# on ${manager.id}: docker swarm join-token -q ${role}`,
        `# stdin: ${REDACTED} (the ${role} join token; it never appears in a command or a log)\n${swarmJoinScript(advertise, manager.advertiseAddress ?? manager.address, options.swarm)}`,
      ],
      files: [],
    };
  },
};

/**
 * A member whose role differs from the inventory's is promoted or demoted, never at the cost of
 * the swarm's quorum: a demotion that would lose it is refused before anything changes.
 */
function roleChange(probe: JoinProbe, wanted: Role): Decision {
  if (wanted === 'worker') {
    const problem = quorumProblem(probe.members ?? new Map(), [probe.node.nodeId]);
    if (problem) throw new StepFailure(problem.reason, problem.fix);
  }
  return {
    kind: 'change',
    changes: [
      localized(
        wanted === 'manager' ? 'outcomes.swarm-join.promote' : 'outcomes.swarm-join.demote',
      ),
    ],
  };
}

/**
 * Promotes or demotes the node on the first manager, one membership change at a time across
 * the run, and checks the quorum again on the list the change before left.
 */
async function changeRole(ctx: StepContext<Inventory>, nodeId: string): Promise<void> {
  const view = managerView(ctx);
  const manager = managerOf(ctx);
  const wanted: Role = ctx.host.role === 'manager' ? 'manager' : 'worker';
  await view.oneMembershipChangeAtATime(async () => {
    view.nodesChanged();
    if (wanted === 'worker') {
      const problem = quorumProblem(await view.nodes(manager), [nodeId]);
      if (problem) throw new StepFailure(problem.reason, problem.fix);
    }
    try {
      await manager.exec(roleChangeCommand(nodeId, wanted), { sudo: true, timeoutMs: 120_000 });
    } finally {
      view.nodesChanged();
    }
    await waitUntilListedAs(ctx, nodeId, wanted);
  });
}

/** How long a promoted node may take to take its seat among the managers (certificates, raft). */
const ROLE_SETTLE_TIMEOUT_MS = 60_000;

/**
 * `docker node promote` returns before the node is a manager: the list says so only once the
 * node has its manager certificate and joined raft. The next membership change waits for that.
 */
async function waitUntilListedAs(
  ctx: StepContext<Inventory>,
  nodeId: string,
  wanted: Role,
): Promise<void> {
  const view = managerView(ctx);
  const { answer: member, settled } = await pollUntil(
    async () => {
      view.nodesChanged();
      return (await view.nodes(managerOf(ctx))).get(nodeId);
    },
    (listed) => (wanted === 'manager' ? listed?.manager?.reachable === true : !listed?.manager),
    { timeoutMs: ROLE_SETTLE_TIMEOUT_MS, pauseMs: 1000, signal: ctx.signal },
  );
  if (!settled) {
    throw new StepFailure(
      localized('failures.swarm-join.roleNotSettled', {
        role: roleWords(member?.manager ? 'manager' : 'worker'),
        seconds: ROLE_SETTLE_TIMEOUT_MS / 1000,
        command: wanted === 'manager' ? 'promote' : 'demote',
      }),
    );
  }
}
