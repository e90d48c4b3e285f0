import { localized } from '../../shared/messages';
import { advertiseAddressFor } from '../facts/checks';
import type { Inventory } from '../inventory/schema';
import { REDACTED } from '../redact';
import { shellJoin } from '../shell/quote';
import { managerView } from '../swarm/manager-view';
import { firstManager, isFirstManager, readSwarmInfo, type SwarmInfo } from '../swarm/swarm-info';
import { StepFailure, type StepContext, type StepDefinition } from './step';
import { advertiseAddress } from './swarm-init';

const SWARM_PORT = 2377;

interface JoinProbe {
  node: SwarmInfo;
  manager: SwarmInfo;
  /** Whether the manager lists this node: workers do not know their cluster's id, managers do. */
  knownToManager: boolean;
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
    throw new StepFailure('the inventory has no manager', 'give one host the manager role');
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
    let knownToManager = false;
    if (node.state === 'active' && node.nodeId && manager.isManager) {
      knownToManager = (await view.nodes(managerOf(ctx))).has(node.nodeId);
    }
    return { node, manager, knownToManager };
  },

  decide({ node, manager, knownToManager }, ctx) {
    if (manager.state !== 'active' || !manager.isManager) {
      throw new StepFailure('the first manager does not manage a swarm');
    }
    if (node.state === 'active' && knownToManager) {
      const wantsManager = ctx.host.role === 'manager';
      if (wantsManager !== node.isManager) {
        throw new StepFailure(
          `already in this swarm as a ${node.isManager ? 'manager' : 'worker'}, the inventory says ${ctx.host.role}`,
          `run \`docker node ${wantsManager ? 'promote' : 'demote'} ${ctx.host.hostname ?? node.nodeId}\` on a manager, or change its role`,
        );
      }
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
        `already a member of another swarm (cluster ${node.clusterId.slice(0, 12) || 'unknown'})`,
        'to move it into this swarm run `docker swarm leave --force` on it and run again; otherwise remove it from the inventory',
      );
    }
    if (node.state !== 'inactive') {
      throw new StepFailure(
        `swarm state is ${node.state || 'unknown'} ${node.error}`.trim(),
        'run `docker swarm leave --force` on it and run again',
      );
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

  async apply(ctx, { manager }) {
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

  async verify(ctx, probe, changed) {
    const { node, manager, knownToManager } = changed ? await swarmJoinStep.probe(ctx) : probe;
    if (node.state !== 'active' || !knownToManager) {
      throw new StepFailure(
        `after joining the node is ${node.state}, not in swarm ${manager.clusterId.slice(0, 12)}`,
      );
    }
    return { nodeId: node.nodeId, role: node.isManager ? 'manager' : 'worker' };
  },

  preview(host, facts, options, hosts) {
    const manager = firstManager(hosts);
    if (!manager) throw new StepFailure('the inventory has no manager');
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
