/**
 * A node's swarm state and role as failures word them, in every language. What Docker itself
 * said (its `Swarm.Error`) goes in as Docker said it.
 */
import type { Localized } from '../../shared/localized';
import { localized } from '../../shared/messages';
import type { SwarmInfo } from './swarm-info';

/** "swarm state is error: …", or "unknown" where Docker named none. */
export function swarmStateWords(info: Pick<SwarmInfo, 'state' | 'error'>): Localized {
  const state = info.state || localized('failures.swarm.unknownState');
  const error = info.error.trim();
  return error
    ? localized('failures.swarm.stateWithError', { state, error })
    : localized('failures.swarm.state', { state });
}

/** A role as a sentence names it ("manager", "worker"). */
export function roleWords(role: string): Localized | string {
  if (role === 'manager') return localized('failures.swarm.manager');
  if (role === 'worker') return localized('failures.swarm.worker');
  return role;
}
