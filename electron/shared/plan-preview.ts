/**
 * What the setup would do to each host, step by step: `swarmlab plan`'s answer, and the
 * wizard's (run:preview) before an operation starts. Built by engine/plan-preview.ts.
 */
import type { Localized } from './localized';
import type { PlanHostSummary } from './plan';

/** A file a step writes, whole, over SFTP. */
export interface PlanPreviewFile {
  path: string;
  mode: number;
  content: string;
}

export interface StepPlanPreview {
  id: string;
  title: string;
  before: string[];
  files: PlanPreviewFile[];
  commands: string[];
  /** In every language. */
  note?: Localized;
  /** Why apply would refuse this host (the step's own StepFailure message), in every language. */
  error?: Localized;
}

export interface HostPlanPreview {
  id: string;
  address: string;
  role: PlanHostSummary['role'];
  /** The system the commands are for, as the probe saw it or as assumed. */
  os: string;
  steps: StepPlanPreview[];
  /** Why the host has no preview (it did not answer the probe). */
  error?: string;
}
