import type { Inventory } from '../inventory/schema';
import { dockerDaemonStep } from './docker-daemon';
import { dockerInstallStep } from './docker-install';
import { firewallStep } from './firewall';
import { hostnameStep } from './hostname';
import { hostsFileStep } from './hosts-file';
import { managerKeyStep } from './manager-key';
import { managerKeyTrustStep } from './manager-key-trust';
import { nodeLabelsStep } from './node-labels';
import { overlayNetworkStep } from './overlay-network';
import { packageMirrorsStep } from './package-mirrors';
import { preflightStep } from './preflight';
import { preflightClusterStep } from './preflight-cluster';
import { selinuxStep } from './selinux';
import { sshKeysStep } from './ssh-keys';
import type { AnyStep } from './step';
import { swarmInitStep } from './swarm-init';
import { swarmJoinStep } from './swarm-join';
import { testImageStep } from './test-image';
import { timeSyncStep } from './time-sync';
import { verifySwarmStep } from './verify-swarm';

/**
 * Every setup step, in the order a host walks them. Each lives in its own file in this
 * folder; `waitsFor` in a step says which steps it needs finished on every host first.
 */
export const SETUP_STEPS: readonly AnyStep<Inventory>[] = [
  preflightStep,
  preflightClusterStep,
  sshKeysStep,
  managerKeyStep,
  managerKeyTrustStep,
  packageMirrorsStep,
  hostnameStep,
  hostsFileStep,
  timeSyncStep,
  firewallStep,
  selinuxStep,
  dockerInstallStep,
  dockerDaemonStep,
  swarmInitStep,
  swarmJoinStep,
  nodeLabelsStep,
  overlayNetworkStep,
  testImageStep,
  verifySwarmStep,
];

export function stepById(id: string): AnyStep<Inventory> | undefined {
  return SETUP_STEPS.find((step) => step.id === id);
}
