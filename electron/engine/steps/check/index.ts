/**
 * `swarmlab check`: the health of a finished swarm. Preflight reads the hosts, the cluster
 * check reads nodes, quorum, versions, addresses and certificates, and the overlay doctor tests
 * what swarm needs between every pair of nodes. Nothing on the hosts changes but a short-lived
 * probe service.
 */
import type { Inventory } from '../../inventory/schema';
import { preflightStep } from '../preflight';
import type { AnyStep } from '../step';
import { checkClusterStep } from './cluster';
import { checkOverlayStep } from './overlay';

export { PROBE_SERVICE } from './overlay';

export const CHECK_STEPS: readonly AnyStep<Inventory>[] = [
  preflightStep,
  checkClusterStep,
  checkOverlayStep,
];
