/**
 * What `swarmlab check` found about a finished swarm: each node as it is now, and every problem
 * with its cause and fix, naming the nodes. Carried as the check steps' data, so the journal,
 * the report, the CLI and the wizard's Health view show the same findings.
 */
import { z } from 'zod';
import { localizedSchema } from './localized';

/** `problem`: the swarm does not work as it should (check exits non-zero); `warning`: it will. */
export const findingSeveritySchema = z.enum(['problem', 'warning']);

export const FINDING_KINDS = [
  'host-unreachable',
  'docker-stopped',
  'not-in-swarm',
  'node-down',
  'node-unavailable',
  'node-unknown',
  'quorum-lost',
  'quorum-fragile',
  'versions-differ',
  'address-drift',
  'certificate-expired',
  'certificate-expiring',
  'port-blocked',
  'overlay-blocked',
  'overlay-gossip',
  'overlay-mtu',
  'probe-failed',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

export const healthFindingSchema = z.object({
  kind: z.enum(FINDING_KINDS),
  severity: findingSeveritySchema,
  /** The swarm nodes (or inventory hosts) the finding is about. */
  nodes: z.array(z.string()),
  /** What is wrong, naming the nodes and numbers. */
  message: localizedSchema,
  /** What to do about it. */
  fix: localizedSchema,
});
export type HealthFinding = z.infer<typeof healthFindingSchema>;

/** One node as the check saw it: from the manager's list and from the host itself. */
export const nodeHealthSchema = z.object({
  /** The node's hostname (or the inventory id when the host could not be read). */
  name: z.string(),
  /** The inventory address the check logged in to. */
  host: z.string(),
  role: z.enum(['manager', 'worker', 'none']),
  /** `ready`, `down`, … as the manager sees it; empty when the manager does not list it. */
  state: z.string(),
  availability: z.string(),
  /** Leader, reachable or unreachable, for a manager. */
  managerStatus: z.enum(['leader', 'reachable', 'unreachable', '']),
  dockerVersion: z.string(),
  /** The address the node advertises to the swarm. */
  advertiseAddress: z.string(),
  /** The IPv4 addresses its interfaces have now. */
  addresses: z.array(z.string()),
  /** When the node's swarm certificate expires (ISO time), empty when it has none. */
  certificateExpires: z.string(),
});
export type NodeHealth = z.infer<typeof nodeHealthSchema>;

export const clusterHealthSchema = z.object({
  area: z.literal('cluster'),
  nodes: z.array(nodeHealthSchema),
  managers: z.object({ total: z.number(), reachable: z.number(), needed: z.number() }),
  findings: z.array(healthFindingSchema),
});
export type ClusterHealth = z.infer<typeof clusterHealthSchema>;

/** What one node's probe container saw of another's, over the underlay and the overlay. */
export const pathHealthSchema = z.object({
  from: z.string(),
  to: z.string(),
  /** `2377/tcp` → open, refused or dropped (no answer in time). */
  ports: z.record(z.string(), z.enum(['open', 'refused', 'dropped'])),
  /** Overlay ping with small packets, then with packets the size of the overlay's MTU. */
  smallPing: z.boolean(),
  largePing: z.boolean(),
  /** `from`'s view of the overlay lists `to`'s probe task: gossip told it where the task is. */
  peerKnown: z.boolean(),
});
export type PathHealth = z.infer<typeof pathHealthSchema>;

export const overlayHealthSchema = z.object({
  area: z.literal('overlay'),
  network: z.string(),
  /** The MTU of the overlay's interfaces, which the large ping fills. */
  mtu: z.number(),
  paths: z.array(pathHealthSchema),
  findings: z.array(healthFindingSchema),
});
export type OverlayHealth = z.infer<typeof overlayHealthSchema>;

export const healthResultSchema = z.discriminatedUnion('area', [
  clusterHealthSchema,
  overlayHealthSchema,
]);
export type HealthResult = z.infer<typeof healthResultSchema>;
