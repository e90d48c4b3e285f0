import { emptySummary } from '../../shared/plan';
import type { RunEvent } from '../../shared/run-events';
import type { RunReport, StepResult } from '../../shared/run-report';

export const RUN_REPORT_SCHEMA_VERSION = 1;

/**
 * Folds a journal into a report. A resumed run appends to the same journal; the latest
 * outcome of each (host, step) wins, and the summary is counted from those.
 */
export function buildRunReport(events: readonly RunEvent[]): RunReport {
  const starts = events.filter((event) => event.type === 'run-started');
  const first = starts[0];
  const latestStart = starts.at(-1);
  if (!first || !latestStart) throw new Error('the journal has no run-started event');
  const finish = [...events].reverse().find((event) => event.type === 'run-finished');
  const results = new Map<string, StepResult>();
  for (const event of events) {
    if (event.type !== 'step-finished') continue;
    results.set(`${event.host}\u0000${event.step}`, {
      host: event.host,
      step: event.step,
      status: event.status,
      message: event.message,
      durationMs: event.durationMs,
      changes: event.changes,
      warnings: event.warnings,
      ...(event.data !== undefined ? { data: event.data } : {}),
      ...(event.localized ? { localized: event.localized } : {}),
    });
  }
  const summary = emptySummary();
  for (const result of results.values()) summary[result.status] += 1;
  const failures = [...results.values()]
    .filter((result) => result.status === 'failed')
    .map(({ host, step, message }) => ({ host, step, message }));
  return {
    schemaVersion: RUN_REPORT_SCHEMA_VERSION,
    runId: first.runId,
    swarmlabVersion: latestStart.version,
    startedAt: new Date(first.at).toISOString(),
    finishedAt: finish ? new Date(finish.at).toISOString() : undefined,
    durationMs: finish ? finish.at - first.at : undefined,
    status: finish?.type === 'run-finished' ? finish.status : 'unfinished',
    summary,
    hosts: latestStart.hosts,
    steps: latestStart.steps,
    results: [...results.values()],
    failures,
  };
}
