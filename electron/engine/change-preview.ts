/**
 * A dry run's events folded into what each host would get: the steps that would change it and
 * their changes, the steps that could not be looked at, and whether later steps were left
 * unlooked-at because they depend on a change. Pure.
 */
import { inEveryLanguage } from '../shared/localized';
import { message } from '../shared/messages';
import type { ChangePreview, HostChanges } from '../shared/operations';
import type { RunEvent } from '../shared/run-events';

/** How the runner marks a step a dry run did not look at (scheduler.ts). */
const NOT_LOOKED_AT = message('en', 'outcomes.run.afterPreviewedChange');

export function changesFound(events: readonly RunEvent[]): ChangePreview {
  const started = events.find((event) => event.type === 'run-started');
  if (!started) return { hosts: [] };
  const titles = new Map(started.steps.map((step) => [step.id, step.title]));
  const hosts = new Map<string, HostChanges>(
    started.hosts.map((host) => [
      host.id,
      { host: host.id, address: host.address, changes: [], problems: [], more: false },
    ]),
  );
  for (const event of events) {
    if (event.type !== 'step-finished') continue;
    const host = hosts.get(event.host);
    if (!host) continue;
    const title = titles.get(event.step) ?? inEveryLanguage(event.step);
    if (event.status === 'changed') {
      host.changes.push({
        step: event.step,
        title,
        changes: event.localized?.changes ?? event.changes.map((change) => inEveryLanguage(change)),
      });
    } else if (event.status === 'failed') {
      host.problems.push({
        step: event.step,
        message: event.localized?.message ?? inEveryLanguage(event.message),
      });
    } else if (event.status === 'skipped' && event.message === NOT_LOOKED_AT) {
      host.more = true;
    }
  }
  return { hosts: [...hosts.values()] };
}
