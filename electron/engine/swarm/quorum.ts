/**
 * Raft quorum arithmetic for changes to a swarm's managers: a swarm with N managers needs a
 * majority of them (N/2 + 1, rounded down) reachable to change anything, itself included.
 */
import type { SwarmMember } from './manager-view';

/** The smallest majority of `managers`. */
export function majorityOf(managers: number): number {
  return Math.floor(managers / 2) + 1;
}

/** How many managers may be lost while the swarm keeps its quorum. */
export function faultTolerance(managers: number): number {
  return managers === 0 ? 0 : managers - majorityOf(managers);
}

export interface QuorumProblem {
  /** What would go wrong, naming the numbers. */
  reason: string;
  /** What the user can do instead. */
  fix: string;
}

/**
 * Why taking the nodes `leaving` out of the managers (demoting or removing them) would leave
 * the swarm without a manager or without quorum, or undefined when it is safe.
 */
export function quorumProblem(
  members: ReadonlyMap<string, SwarmMember>,
  leaving: readonly string[],
): QuorumProblem | undefined {
  const names = (nodeId: string) => members.get(nodeId)?.name ?? nodeId.slice(0, 12);
  const managers = [...members.values()].filter((member) => member.manager !== null);
  const staying = managers.filter((member) => !leaving.includes(member.id));
  const who = leaving.map(names).join(', ');
  if (staying.length === 0) {
    return {
      reason: `taking ${who} out of the managers would leave the swarm without a manager`,
      fix: 'make another node a manager first (give it the manager role and apply)',
    };
  }
  const reachable = staying.filter((member) => member.manager?.reachable === true);
  if (reachable.length < majorityOf(staying.length)) {
    const unreachable = staying.filter((member) => member.manager?.reachable !== true);
    return {
      reason: `taking ${who} out of the managers would leave ${staying.length} managers of which only ${reachable.length} ${reachable.length === 1 ? 'is' : 'are'} reachable: the swarm would lose its quorum (${majorityOf(staying.length)} needed)`,
      fix: `bring ${unreachable.map((member) => names(member.id)).join(', ')} back first, or take ${unreachable.length === 1 ? 'it' : 'them'} out of the managers on a manager (docker node demote) while the others still reach each other`,
    };
  }
  return undefined;
}
