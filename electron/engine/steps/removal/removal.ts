/**
 * What `swarmlab remove` is asked to do, and the facts every removal step shares: which hosts
 * leave, which manager acts for the swarm while they do, and which node each of them is.
 */
import type { Inventory } from '../../inventory/schema';
import type { PlanHostSummary } from '../../../shared/plan';
import type { StepContext } from '../../remote/remote-host';
import { managerView, type SwarmMember } from '../../swarm/manager-view';

export interface Removal {
  /** Inventory host ids of the hosts that leave. */
  hostIds: readonly string[];
  /** Go on even when the swarm would lose its quorum or a node would not drain. */
  force: boolean;
}

export type RemovalOptions = Inventory & { removal: Removal };

/** The first manager of the inventory that stays: it drains, demotes and removes the others. */
export function actingManager(
  hosts: readonly PlanHostSummary[],
  removal: Removal,
): PlanHostSummary | undefined {
  return hosts.find((host) => host.role === 'manager' && !removal.hostIds.includes(host.id));
}

/** `appliesTo` of the steps the acting manager runs. */
export function onActingManager(
  host: PlanHostSummary,
  hosts: readonly PlanHostSummary[],
  options: RemovalOptions,
): boolean {
  return actingManager(hosts, options.removal)?.id === host.id;
}

/** The node list as the acting manager has it now (a step before may have changed it). */
export async function freshMembers(
  ctx: StepContext<RemovalOptions>,
): Promise<{ members: ReadonlyMap<string, SwarmMember> }> {
  return { members: await managerView(ctx).freshNodes(ctx.remote) };
}

export function isLeaving(host: PlanHostSummary, removal: Removal): boolean {
  return removal.hostIds.includes(host.id);
}

/** The node a host is in the manager's list: by its hostname, else by its address. */
export function memberFor(
  host: PlanHostSummary,
  members: ReadonlyMap<string, SwarmMember>,
): SwarmMember | undefined {
  const all = [...members.values()];
  const addresses = [host.address, host.advertiseAddress].filter(Boolean);
  return (
    (host.hostname ? all.find((member) => member.name === host.hostname) : undefined) ??
    all.find((member) => addresses.includes(member.address))
  );
}

/** The leaving hosts with the node each one is, where the manager still lists it. */
export function leavingMembers(
  hosts: readonly PlanHostSummary[],
  removal: Removal,
  members: ReadonlyMap<string, SwarmMember>,
): { host: PlanHostSummary; member: SwarmMember }[] {
  return hosts.flatMap((host) => {
    if (!isLeaving(host, removal)) return [];
    const member = memberFor(host, members);
    return member ? [{ host, member }] : [];
  });
}
