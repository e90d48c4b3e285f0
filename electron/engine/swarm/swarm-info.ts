import type { PlanHostSummary } from '../../shared/plan';
import type { RemoteHost } from '../remote/remote-host';
import { purpose } from '../remote/purpose';

export interface SwarmInfo {
  state: string;
  nodeId: string;
  clusterId: string;
  isManager: boolean;
  /** The address this node advertises to the others. */
  nodeAddress: string;
  error: string;
}

/** Reads `docker info`'s swarm section: what decides init, join or nothing. */
export async function readSwarmInfo(remote: RemoteHost): Promise<SwarmInfo> {
  const result = await remote.exec(
    "docker info --format '{{.Swarm.LocalNodeState}}|{{.Swarm.NodeID}}|{{if .Swarm.Cluster}}{{.Swarm.Cluster.ID}}{{end}}|{{.Swarm.ControlAvailable}}|{{.Swarm.NodeAddr}}|{{.Swarm.Error}}'",
    { sudo: true, purpose: purpose('swarmState') },
  );
  const [state = '', nodeId = '', clusterId = '', control = '', nodeAddress = '', error = ''] =
    result.stdout.trim().split('|');
  return { state, nodeId, clusterId, isManager: control === 'true', nodeAddress, error };
}

/** The manager that creates the swarm: the first host with the manager role. */
export function firstManager(hosts: readonly PlanHostSummary[]): PlanHostSummary | undefined {
  return hosts.find((host) => host.role === 'manager');
}

export function isFirstManager(host: PlanHostSummary, hosts: readonly PlanHostSummary[]): boolean {
  return firstManager(hosts)?.id === host.id;
}

/** The name a node has in `docker node ls`: the inventory's hostname when it sets one. */
export function nodeNameOf(host: PlanHostSummary, factsHostname: string | undefined): string {
  return host.hostname ?? factsHostname ?? host.address;
}
