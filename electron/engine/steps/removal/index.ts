/**
 * `swarmlab remove`: the steps that take hosts out of a running swarm, in the order they run.
 * A manager that stays drains and demotes the leaving nodes, each leaving host leaves, the
 * manager removes their nodes, and the hosts that stay forget their names.
 */
import type { AnyStep } from '../step';
import { nodeDrainStep } from './drain';
import { hostsFileDropStep } from './hosts-drop';
import { swarmLeaveStep } from './leave';
import { nodeRemoveStep } from './node-remove';
import type { RemovalOptions } from './removal';

export const REMOVAL_STEPS: readonly AnyStep<RemovalOptions>[] = [
  nodeDrainStep,
  swarmLeaveStep,
  nodeRemoveStep,
  hostsFileDropStep,
];

export { actingManager, type Removal, type RemovalOptions } from './removal';
export { hostsBlockEntries, withoutHostsEntries } from './hosts-drop';
