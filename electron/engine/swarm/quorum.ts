/**
 * Raft quorum arithmetic for changes to a swarm's managers: a swarm with N managers needs a
 * majority of them (N/2 + 1, rounded down) reachable to change anything, itself included.
 */
import type { Localized } from '../../shared/localized';
import { localized, localizedList } from '../../shared/messages';
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
  reason: Localized;
  /** What the user can do instead. */
  fix: Localized;
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
  const who = localizedList(leaving.map(names));
  if (staying.length === 0) {
    return {
      reason: localized('failures.swarm.noManagerLeft', { nodes: who }),
      fix: localized('failures.swarm.noManagerLeftFix'),
    };
  }
  const reachable = staying.filter((member) => member.manager?.reachable === true);
  if (reachable.length < majorityOf(staying.length)) {
    const unreachable = staying.filter((member) => member.manager?.reachable !== true);
    const numbers = {
      nodes: who,
      staying: staying.length,
      reachable: reachable.length,
      needed: majorityOf(staying.length),
    };
    const down = { nodes: localizedList(unreachable.map((member) => names(member.id))) };
    return {
      reason:
        reachable.length === 1
          ? localized('failures.swarm.quorumLostOne', numbers)
          : localized('failures.swarm.quorumLost', numbers),
      fix:
        unreachable.length === 1
          ? localized('failures.swarm.quorumLostFixOne', down)
          : localized('failures.swarm.quorumLostFix', down),
    };
  }
  return undefined;
}
