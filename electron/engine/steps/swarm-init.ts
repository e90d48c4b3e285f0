import { localized } from '../../shared/messages';
import { advertiseAddressFor } from '../facts/checks';
import type { Inventory } from '../inventory/schema';
import { shellJoin } from '../shell/quote';
import { isFirstManager, readSwarmInfo, type SwarmInfo } from '../swarm/swarm-info';
import { factsOf } from './preflight';
import { StepFailure, type StepContext, type StepDefinition } from './step';
import { swarmStateWords } from '../swarm/state-words';

export function advertiseAddress(ctx: StepContext<Inventory>): string {
  return advertiseAddressFor(
    ctx.host,
    factsOf(ctx, ctx.host.id),
    ctx.options.swarm.advertiseInterface,
  ).address;
}

/** `docker swarm init` with the flags the inventory asks for. Pure, golden-tested. */
export function swarmInitCommand(advertise: string, swarm: Inventory['swarm']): string {
  return shellJoin([
    'docker',
    'swarm',
    'init',
    '--advertise-addr',
    advertise,
    ...(swarm.dataPathAddr ? ['--data-path-addr', swarm.dataPathAddr] : []),
    ...(swarm.dataPathPort ? ['--data-path-port', String(swarm.dataPathPort)] : []),
  ]);
}

/** Creates the swarm on the first manager, unless that node already manages one. */
export const swarmInitStep: StepDefinition<SwarmInfo, Inventory> = {
  id: 'swarm-init',
  title: localized('steps.swarm-init.title'),
  explanation: localized('steps.swarm-init.explanation'),
  appliesTo: (host, hosts) => isFirstManager(host, hosts),

  probe: (ctx) => readSwarmInfo(ctx.remote),

  decide(info) {
    if (info.state === 'active' && info.isManager) {
      return {
        kind: 'ok',
        message: localized('outcomes.swarm-init.alreadyManages', {
          cluster: info.clusterId.slice(0, 12),
        }),
      };
    }
    if (info.state === 'active') {
      throw new StepFailure(
        localized('failures.swarm-init.workerElsewhere'),
        localized('failures.swarm-init.workerElsewhereFix'),
      );
    }
    if (info.state !== 'inactive') {
      throw new StepFailure(swarmStateWords(info), localized('failures.swarm.leaveForce'));
    }
    return { kind: 'change', changes: [localized('outcomes.swarm-init.init')] };
  },

  async apply(ctx) {
    await ctx.remote.exec(swarmInitCommand(advertiseAddress(ctx), ctx.options.swarm), {
      sudo: true,
    });
  },

  async verify(ctx, probe, changed) {
    const info = changed ? await readSwarmInfo(ctx.remote) : probe;
    if (info.state !== 'active' || !info.isManager) {
      throw new StepFailure(localized('failures.swarm-init.notManager', { state: info.state }));
    }
    return { clusterId: info.clusterId, nodeId: info.nodeId, nodeAddress: info.nodeAddress };
  },

  preview: (host, facts, options) => ({
    commands: [
      swarmInitCommand(
        advertiseAddressFor(host, facts, options.swarm.advertiseInterface).address,
        options.swarm,
      ),
    ],
    files: [],
  }),
};
