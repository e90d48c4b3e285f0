import { z } from 'zod';
import { runIdSchema, type PlanHost, type PlanStep, type RunSummary, type StepStatus } from './run';

export const reportFormatSchema = z.enum(['html', 'md', 'json', 'pdf', 'sh']);
export type ReportFormat = z.infer<typeof reportFormatSchema>;

export const buildReportRequestSchema = z.object({ runId: runIdSchema });
export type BuildReportRequest = z.infer<typeof buildReportRequestSchema>;

export const exportReportRequestSchema = z.object({
  runId: runIdSchema,
  format: reportFormatSchema,
  /** The language of the HTML, Markdown and PDF report; English when not given. */
  lang: z.enum(['en', 'zh-CN']).optional(),
});
export type ExportReportRequest = z.infer<typeof exportReportRequestSchema>;

/** The engine's RunReport (electron/engine/report/run-report.ts). */
export interface RunReport {
  schemaVersion: number;
  runId: string;
  swarmlabVersion: string;
  startedAt: string;
  finishedAt: string | undefined;
  durationMs: number | undefined;
  status: 'succeeded' | 'failed' | 'cancelled' | 'unfinished';
  summary: RunSummary;
  hosts: PlanHost[];
  steps: PlanStep[];
  results: {
    host: string;
    step: string;
    status: StepStatus;
    message: string;
    durationMs: number;
    changes: string[];
    warnings: string[];
    data?: unknown;
  }[];
  failures: { host: string; step: string; message: string }[];
}

export type ReportExport =
  | { status: 'saved'; path: string }
  | { status: 'cancelled' }
  /** The format cannot be made here (no PDF printer): said plainly instead of a fake file. */
  | { status: 'unavailable'; message: string };
