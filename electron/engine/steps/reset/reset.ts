/**
 * What `swarmlab reset` is asked to undo, and on which hosts. A reset of some hosts takes them
 * out of the swarm as `remove` does first; a reset of every host dissolves the swarm.
 */
import type { PlanHostSummary } from '../../../shared/plan';
import type { RemovalOptions } from '../removal';

export interface Reset {
  /** Inventory host ids of the hosts to reset. */
  hostIds: readonly string[];
  /** Also remove the Docker packages swarmlab installed. */
  uninstallDocker: boolean;
}

export type ResetOptions = RemovalOptions & { reset: Reset };

export function isReset(host: PlanHostSummary, options: ResetOptions): boolean {
  return options.reset.hostIds.includes(host.id);
}

/** Whether every host of the inventory is reset: then the swarm is dissolved, not shrunk. */
export function resetsEverything(hosts: readonly PlanHostSummary[], reset: Reset): boolean {
  return hosts.every((host) => reset.hostIds.includes(host.id));
}
