import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import {
  isReportFormat,
  isReportLang,
  renderReport,
  REPORT_FORMATS,
  writeReportFiles,
  type ReportLang,
} from '../../engine/report';
import { readJournal } from '../../engine/run/journal';
import { listTranscripts } from '../../engine/terminal/transcript';

interface ReportFlags {
  journal: string;
  format: string;
  out: string;
  lang: string;
}

/**
 * `swarmlab report`: turns a run journal into a report (html, md, json, pdf) or a script (sh),
 * or with `--format all` into every one of them in a folder, as `apply --report` leaves them.
 */
export function registerReportCommand(program: Command): void {
  program
    .command('report')
    .description(
      'Write the report of a run from its journal: what was done, what was proven, and a script that reproduces it.',
    )
    .requiredOption('--journal <file>', 'the run journal (journal.jsonl in the run folder)')
    .requiredOption('--format <format>', `one of ${REPORT_FORMATS.join(', ')}, or all`)
    .requiredOption(
      '--out <path>',
      'where to write the report ("-" for stdout, except pdf; a folder for all)',
    )
    .option('--lang <lang>', 'language of the report: en or zh-CN', 'en')
    .action(async (flags: ReportFlags) => {
      process.exitCode = await report(flags);
    });
}

async function report(flags: ReportFlags): Promise<number> {
  if (!isReportLang(flags.lang)) {
    process.stderr.write('swarmlab: --lang must be en or zh-CN\n');
    return 2;
  }
  if (flags.format === 'all') return reportAll(flags.journal, flags.out, flags.lang);
  if (!isReportFormat(flags.format)) {
    process.stderr.write(
      `swarmlab: --format must be one of ${REPORT_FORMATS.join(', ')}, or all\n`,
    );
    return 2;
  }
  if (flags.out === '-' && flags.format === 'pdf') {
    process.stderr.write('swarmlab: a PDF needs a file: pass --out report.pdf\n');
    return 2;
  }
  const events = await readJournal(resolve(flags.journal));
  const output = await renderReport(events, {
    format: flags.format,
    lang: flags.lang,
    transcripts: await listTranscripts(dirname(resolve(flags.journal))),
  });
  if (flags.out === '-') {
    process.stdout.write(output);
    return 0;
  }
  const target = resolve(flags.out);
  await mkdir(dirname(target), { recursive: true });
  // The script is meant to be run; everything else is only read. Reports stay private (0600):
  // even redacted, they describe the hosts.
  await writeFile(target, output, { mode: flags.format === 'sh' ? 0o700 : 0o600 });
  process.stderr.write(`wrote ${target}\n`);
  return 0;
}

async function reportAll(journal: string, out: string, lang: ReportLang): Promise<number> {
  if (out === '-') {
    process.stderr.write('swarmlab: --format all needs a folder: pass --out DIR\n');
    return 2;
  }
  const written = await writeReportFiles(resolve(out), await readJournal(resolve(journal)), {
    lang,
    transcripts: await listTranscripts(dirname(resolve(journal))),
  });
  for (const file of written.files) process.stderr.write(`wrote ${file}\n`);
  if (written.pdfSkipped) {
    // Everything else was written; the missing PDF is still a failure of what was asked.
    process.stderr.write(`swarmlab: no report.pdf: ${written.pdfSkipped}\n`);
    return 1;
  }
  return 0;
}
