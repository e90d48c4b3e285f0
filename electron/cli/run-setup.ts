import { mkdir, rename } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { appDataDir } from '../engine/app-paths';
import { secretValues, type Inventory, type SecretsResolution } from '../engine/inventory';
import { startPdfPrinter } from '../engine/report/pdf';
import { writeReportFiles } from '../engine/report/write';
import type { RunEvent, RunFinishedEvent } from '../shared/run-events';
import { readJournal } from '../engine/run/journal';
import { runCheck, runPractice, runRemoval, runReset, runSetup } from '../engine/setup';
import type { PracticeExercise } from '../shared/practice';
import type { Removal } from '../engine/steps/removal';
import type { Reset } from '../engine/steps/reset';
import { terminalSafe, terminalSafeJson } from '../engine/text/terminal-safe';
import type { TrustedNow } from '../engine/run/host-key-record';
import { ProgressView } from './progress';

export interface CliRunOptions {
  inventory: Inventory;
  secrets: SecretsResolution;
  /** Host keys trusted just before the run: the journal marks them first contacts. */
  trustedNow?: readonly TrustedNow[];
  /**
   * Folder for the journal and the setup report (report.json, .html, .md, .pdf, reproduce.sh);
   * a fresh one under the app's data dir otherwise.
   */
  reportDir?: string;
  /** Continue the run recorded in this journal. */
  resumeJournal?: string;
  /** Print events as JSON lines on stdout instead of the live view. */
  json?: boolean;
  concurrency?: number;
  /** Take these hosts out of the swarm instead of setting it up (`swarmlab remove`). */
  removal?: Removal;
  /** Undo what swarmlab did on these hosts instead (`swarmlab reset`). */
  reset?: { reset: Reset; force: boolean };
  /** Run the practice exercises on the finished swarm instead (`swarmlab practice`). */
  practice?: { keep: boolean; only?: readonly PracticeExercise[] };
  /** Check the finished swarm's health instead (`swarmlab check`). */
  check?: boolean;
}

export interface CliRunResult {
  finished: RunFinishedEvent;
  runDir: string;
}

/**
 * Runs the setup the way every CLI command shows it: a live view on the terminal (or JSON
 * lines), Ctrl-C to cancel, and the journal plus the setup report in every format written to the
 * run folder.
 */
export async function runSetupFromCli(options: CliRunOptions): Promise<CliRunResult> {
  const runDir = resolve(
    options.reportDir ?? join(appDataDir(), 'runs', new Date().toISOString().replace(/[:.]/g, '-')),
  );
  await mkdir(runDir, { recursive: true, mode: 0o700 });
  const journalPath = options.resumeJournal
    ? resolve(options.resumeJournal)
    : join(runDir, 'journal.jsonl');
  if (!options.resumeJournal) {
    // Each run gets a journal of its own; the one before is kept beside it.
    await rename(journalPath, join(runDir, 'journal.previous.jsonl')).catch(() => undefined);
  }
  const resumeFrom = options.resumeJournal ? await readJournal(journalPath) : undefined;

  const controller = new AbortController();
  const onInterrupt = () => {
    if (controller.signal.aborted) process.exit(130);
    process.stderr.write(
      '\nCancelling: running commands finish, nothing new starts. Press Ctrl-C again to quit now.\n',
    );
    controller.abort();
  };
  process.on('SIGINT', onInterrupt);

  // The report's PDF needs a browser: it starts now, while the run goes on, not after it.
  const pdfPrinter = startPdfPrinter();
  const view = options.json ? undefined : new ProgressView();
  const onEvent = (event: RunEvent) => {
    if (options.json) process.stdout.write(`${terminalSafeJson(JSON.stringify(event))}\n`);
    else view?.handle(event);
  };
  try {
    const request = {
      inventory: options.inventory,
      secrets: options.secrets,
      journalPath,
      onEvent,
      signal: controller.signal,
      // Every key was decided on before the run (host-keys.ts): any other is refused unsent.
      ssh: { hostKeyPolicy: 'strict' as const },
      ...(options.trustedNow ? { trustedNow: options.trustedNow } : {}),
      ...(options.concurrency ? { concurrency: options.concurrency } : {}),
      ...(resumeFrom ? { resumeFrom } : {}),
    };
    const finished = options.check
      ? await runCheck(request)
      : options.practice
        ? await runPractice({ ...request, ...options.practice })
        : options.reset
          ? await runReset({ ...request, ...options.reset })
          : options.removal
            ? await runRemoval({ ...request, removal: options.removal })
            : await runSetup(request);
    // The passwords are still known here: the report hides them even where a remote command
    // echoed one into its output (the journal was redacted at the source already).
    const written = await writeReportFiles(runDir, await readJournal(journalPath), {
      secrets: secretValues(options.secrets),
      pdfPrinter,
    });
    const names = written.files.map((file) => relative(runDir, file)).join(', ');
    // On stderr, so `--json` keeps stdout to events only.
    process.stderr.write(`Report: ${names} in ${runDir}\n`);
    if (written.pdfSkipped)
      process.stderr.write(
        `No report.pdf: ${terminalSafe(written.pdfSkipped)} (the HTML report prints the same pages)\n`,
      );
    return { finished, runDir };
  } finally {
    view?.stop();
    process.off('SIGINT', onInterrupt);
    await pdfPrinter.close();
  }
}
