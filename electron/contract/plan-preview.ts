/**
 * run:preview: what an operation would do to each host before it starts, as `swarmlab plan`
 * shows it. The answer's shape is electron/shared/plan-preview.ts.
 */
import { z } from 'zod';
import { ASSUMABLE_SYSTEMS, type AssumableSystem } from '../engine/facts/assumed';
import type { HostPlanPreview } from '../shared/plan-preview';
import { inventoryDocumentSchema } from './common';

export type { HostPlanPreview, PlanPreviewFile, StepPlanPreview } from '../shared/plan-preview';

const assumableSystems = Object.keys(ASSUMABLE_SYSTEMS) as [AssumableSystem, ...AssumableSystem[]];

export const planPreviewRequestSchema = z.object({
  inventory: inventoryDocumentSchema,
  /**
   * Preview for bare hosts of this system without connecting (`swarmlab plan --offline
   * --os`). Absent: each host is asked for its facts by the read-only preflight probe.
   */
  assume: z.enum(assumableSystems).optional(),
});
export type PlanPreviewRequest = z.infer<typeof planPreviewRequestSchema>;

export interface PlanPreview {
  /** Per host, in inventory order, the steps that apply to it with their commands and files. */
  hosts: HostPlanPreview[];
}
