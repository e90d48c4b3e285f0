import { z } from 'zod';
import { runIdSchema } from './run';

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

export type ReportExport =
  | { status: 'saved'; path: string }
  | { status: 'cancelled' }
  /** The format cannot be made here (no PDF printer): said plainly instead of a fake file. */
  | { status: 'unavailable'; message: string };
