/**
 * The setup report: what a run did, what it proved, and a script that reproduces it, in every
 * format people need. Everything starts from the run journal's events.
 *
 *   const events = await readJournal(path);
 *   const output = await renderReport(events, { format: 'html', lang: 'zh-CN' });
 */
import type { RunEvent } from '../../shared/run-events';
import { renderHtml } from './html';
import type { ReportLang } from './i18n';
import { renderMarkdown } from './markdown';
import { buildSetupReport, type BuildReportOptions } from './model';
import { printHtmlToPdf, type PdfOptions } from './pdf';
import type { SetupReport } from './schema';
import { renderReproductionScript } from './script';
import { reportJson } from './write';

export type ReportFormat = 'html' | 'md' | 'json' | 'pdf' | 'sh';
export const REPORT_FORMATS: readonly ReportFormat[] = ['html', 'md', 'json', 'pdf', 'sh'];

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

export interface RenderReportOptions extends BuildReportOptions {
  format: ReportFormat;
  lang?: ReportLang;
  pdf?: PdfOptions;
}

/** The report in one format: text for html/md/json/sh, bytes for pdf. */
export async function renderReport(
  events: readonly RunEvent[],
  options: RenderReportOptions,
): Promise<string | Buffer> {
  const report = buildSetupReport(events, options);
  return renderSetupReport(report, options);
}

export async function renderSetupReport(
  report: SetupReport,
  options: Pick<RenderReportOptions, 'format' | 'lang' | 'pdf'>,
): Promise<string | Buffer> {
  const lang = options.lang ?? 'en';
  switch (options.format) {
    case 'json':
      return reportJson(report);
    case 'sh':
      return renderReproductionScript(report, { lang });
    case 'md':
      return renderMarkdown(report, { lang, script: renderReproductionScript(report, { lang }) });
    case 'html':
      return renderHtml(report, { lang, script: renderReproductionScript(report, { lang }) });
    case 'pdf':
      return printHtmlToPdf(
        renderHtml(report, { lang, script: renderReproductionScript(report, { lang }) }),
        options.pdf,
      );
  }
}

export { buildSetupReport, type BuildReportOptions } from './model';
export { renderHtml, type HtmlReportOptions } from './html';
export { renderMarkdown, type MarkdownReportOptions } from './markdown';
export { renderReproductionScript, type ReproductionScriptOptions } from './script';
export {
  printHtmlToPdf,
  startPdfPrinter,
  findChromium,
  type PdfOptions,
  type PdfPrinter,
} from './pdf';
export {
  writeReportFiles,
  REPORT_FILES,
  type WriteReportOptions,
  type WrittenReport,
} from './write';
export { ReportRedactor } from './redaction';
export {
  REPORT_LANGS,
  REPORT_STRINGS,
  isReportLang,
  type ReportLang,
  type ReportStrings,
} from './i18n';
export {
  SetupReportSchema,
  SETUP_REPORT_SCHEMA_VERSION,
  reportJsonSchema,
  reportJsonSchemaText,
  type SetupReport,
} from './schema';
export { topologySvg, topologyText } from './topology';
