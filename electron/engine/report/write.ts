/**
 * Writes the whole setup report of a run into one folder, the way `swarmlab apply --report DIR`
 * leaves it: report.json (the data, with the run's counts at the top), report.html, report.md,
 * reproduce.sh, and report.pdf when a Chromium is there to print it. A missing Chromium costs
 * the PDF only, with a note saying why; it never fails the run that was just made.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunEvent } from '../../shared/run-events';
import { renderHtml } from './html';
import type { ReportLang } from './i18n';
import { renderMarkdown } from './markdown';
import { buildSetupReport, type BuildReportOptions } from './model';
import { printHtmlToPdf, type PdfOptions, type PdfPrinter } from './pdf';
import type { SetupReport } from './schema';
import { renderReproductionScript } from './script';
import { terminalSafeJson } from '../text/terminal-safe';

export const REPORT_FILES = {
  json: 'report.json',
  html: 'report.html',
  md: 'report.md',
  sh: 'reproduce.sh',
  pdf: 'report.pdf',
} as const;

export interface WriteReportOptions extends BuildReportOptions {
  lang?: ReportLang;
  pdf?: PdfOptions;
  /** Skip the PDF on purpose (it starts a browser); the result says so. */
  noPdf?: boolean;
  /** A printer started earlier (startPdfPrinter); otherwise one is started for this PDF. */
  pdfPrinter?: PdfPrinter;
}

export interface WrittenReport {
  report: SetupReport;
  /** Absolute paths of the files written, in the order above. */
  files: string[];
  /** Why there is no report.pdf, when there is none. */
  pdfSkipped?: string;
}

/**
 * The report's data as JSON text. JSON.stringify escapes C0 controls but leaves DEL, C1 and
 * bidirectional controls raw: those are escaped too, so the file is safe to print.
 */
export function reportJson(report: SetupReport): string {
  return `${terminalSafeJson(JSON.stringify(report, null, 2))}\n`;
}

/**
 * Everything is private to the user (0600; the script 0700, it is meant to be run): even
 * redacted, a report names hosts, users and addresses.
 */
export async function writeReportFiles(
  dir: string,
  events: readonly RunEvent[],
  options: WriteReportOptions = {},
): Promise<WrittenReport> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const lang = options.lang ?? 'en';
  const report = buildSetupReport(events, options);
  const script = renderReproductionScript(report, { fileName: REPORT_FILES.sh, lang });
  const html = renderHtml(report, { lang, script });
  const texts: [string, string, number][] = [
    [REPORT_FILES.json, reportJson(report), 0o600],
    [REPORT_FILES.html, html, 0o600],
    [REPORT_FILES.md, renderMarkdown(report, { lang, script }), 0o600],
    [REPORT_FILES.sh, script, 0o700],
  ];
  const files: string[] = [];
  for (const [name, text, mode] of texts) {
    const path = join(dir, name);
    await writeFile(path, text, { mode });
    files.push(path);
  }

  const pdfPath = join(dir, REPORT_FILES.pdf);
  // A PDF left from an earlier run in this folder would describe that run, not this one.
  await rm(pdfPath, { force: true });
  if (options.noPdf) return { report, files, pdfSkipped: 'not asked for' };
  try {
    const pdf = options.pdfPrinter
      ? await options.pdfPrinter.print(html, options.pdf)
      : await printHtmlToPdf(html, options.pdf);
    await writeFile(pdfPath, pdf, { mode: 0o600 });
    files.push(pdfPath);
    return { report, files };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { report, files, pdfSkipped: reason };
  }
}
