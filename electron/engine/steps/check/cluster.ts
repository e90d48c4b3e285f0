/**
 * `swarmlab check`, part 1: every host read at once (Docker running, swarm state, advertised
 * address against its interfaces now, certificate expiry), the node list from a manager that
 * can give it, and what is wrong, by node. Changes nothing.
 */
import { localized, localizedList } from '../../../shared/messages';
import type { PlanHostSummary } from '../../../shared/plan';
import type { HostFacts } from '../../facts/facts';
import type { Inventory } from '../../inventory/schema';
import { purpose } from '../../remote/purpose';
import { LIST_MEMBERS_COMMAND, parseMembers, type SwarmMember } from '../../swarm/manager-view';
import { nodeNameOf } from '../../swarm/swarm-info';
import { terminalSafe } from '../../text/terminal-safe';
import { factsKey } from '../preflight';
import type { StepContext } from '../step';
import { clusterHealth, type HostReading } from './cluster-findings';
import { healthStep } from './health-step';
import { NODE_STATE_SCRIPT, parseNodeState } from './node-state';

/** What the cluster check leaves for the overlay doctor, in the run's shared values. */
export interface ClusterObservation {
  readings: HostReading[];
  members: ReadonlyMap<string, SwarmMember> | undefined;
  /** The manager that listed the nodes, which the doctor starts its probe service on. */
  managerId: string | undefined;
}
export const CLUSTER_OBSERVATION = 'check:cluster';

const READ_TIMEOUT_MS = 30_000;

async function readHost(ctx: StepContext<Inventory>, host: PlanHostSummary): Promise<HostReading> {
  const facts = ctx.shared.get(factsKey(host.id)) as HostFacts | undefined;
  const name = nodeNameOf(host, facts?.hostname);
  try {
    const result = await ctx.remoteFor(host.id).exec(NODE_STATE_SCRIPT, {
      sudo: true,
      quiet: true,
      allowFailure: true,
      timeoutMs: READ_TIMEOUT_MS,
      purpose: purpose('nodeHealth'),
    });
    return { host, name, state: parseNodeState(result.stdout) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { host, name, error: terminalSafe(message).slice(0, 300) };
  }
}

/** The node list from the first manager that can give it, with what the others said. */
async function listMembers(
  ctx: StepContext<Inventory>,
  readings: readonly HostReading[],
): Promise<{ members?: Map<string, SwarmMember>; managerId?: string; error?: string }> {
  const managers = readings.filter(
    (reading) => reading.state?.docker === 'active' && reading.state.isManager,
  );
  const said: string[] = [];
  for (const manager of managers) {
    const result = await ctx.remoteFor(manager.host.id).exec(LIST_MEMBERS_COMMAND, {
      sudo: true,
      quiet: true,
      allowFailure: true,
      purpose: purpose('swarmMembers'),
    });
    if (result.exitCode === 0) {
      return { members: parseMembers(result.stdout), managerId: manager.host.id };
    }
    said.push(`${manager.name}: ${terminalSafe(result.stderr.trim()).slice(0, 200)}`);
  }
  return {
    error:
      said.length > 0
        ? said.join('; ')
        : localized('health.noManagerAmong', {
            nodes: localizedList(readings.map((reading) => reading.name)),
          }).en,
  };
}

// A host that did not answer preflight is itself a finding; the others are still read.
export const checkClusterStep = healthStep('check-cluster', 'preflight', async (ctx) => {
  const readings = await Promise.all(ctx.hosts.map((host) => readHost(ctx, host)));
  const { members, managerId, error } = await listMembers(ctx, readings);
  const observation: ClusterObservation = { readings, members, managerId };
  ctx.shared.set(CLUSTER_OBSERVATION, observation);
  return clusterHealth({ hosts: readings, members, listError: error, now: Date.now() });
});
