/**
 * The preflight checks: what each host's facts say about it, and how it compares with the
 * others. Each check is one function in facts/checks/, with its English and Chinese words;
 * the tables below say which run and in what order (the order of the preflight table).
 */
import type { PlanHostSummary } from '../../shared/plan';
import type { HostFacts } from './facts';
import type {
  CheckStatus,
  ClockReading,
  ClusterCheck,
  HostCheck,
  PreflightCheck,
} from './checks/check';
import { hostnameCheck, machineIdCheck, otherSwarmCheck } from './checks/cluster';
import { advertiseAddressCheck, peersCheck, routingMeshCheck } from './checks/network';
import {
  archCheck,
  cgroupCheck,
  diskCheck,
  dockerCheck,
  initCheck,
  memoryCheck,
  osCheck,
  privilegesCheck,
} from './checks/system';
import { clockCheck, timeSyncCheck } from './checks/time';

export {
  said,
  type CheckStatus,
  type CheckTranslations,
  type CheckWords,
  type ClockReading,
  type ClusterCheck,
  type HostCheck,
  type PreflightCheck,
} from './checks/check';
export { advertiseAddressFor, type AdvertiseChoice } from './checks/network';

/** Checks that need only one host's facts, in the order the preflight table lists them. */
export const HOST_CHECKS: readonly HostCheck[] = [
  osCheck,
  archCheck,
  initCheck,
  cgroupCheck,
  diskCheck,
  memoryCheck,
  clockCheck,
  timeSyncCheck,
  privilegesCheck,
  dockerCheck,
  advertiseAddressCheck,
  routingMeshCheck,
  peersCheck,
];

/** Checks that compare a host with the others, in table order. */
export const CLUSTER_CHECKS: readonly ClusterCheck[] = [
  machineIdCheck,
  hostnameCheck,
  otherSwarmCheck,
];

/** Checks that need only this host's facts. */
export function hostChecks(
  host: PlanHostSummary,
  facts: HostFacts,
  clock: ClockReading,
): PreflightCheck[] {
  return HOST_CHECKS.map((check) => check(host, facts, clock)).filter(isCheck);
}

/** Checks that compare this host with the others. */
export function clusterChecks(
  host: PlanHostSummary,
  all: ReadonlyMap<string, HostFacts>,
): PreflightCheck[] {
  const mine = all.get(host.id);
  if (!mine) return [];
  const others = [...all.entries()].filter(([id]) => id !== host.id);
  return CLUSTER_CHECKS.map((check) => check(host, mine, others)).filter(isCheck);
}

export function worstStatus(checks: readonly PreflightCheck[]): CheckStatus {
  if (checks.some((check) => check.status === 'fail')) return 'fail';
  if (checks.some((check) => check.status === 'warn')) return 'warn';
  return 'pass';
}

function isCheck(check: PreflightCheck | undefined): check is PreflightCheck {
  return check !== undefined;
}
