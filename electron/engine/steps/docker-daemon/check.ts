/**
 * Checking the merged daemon.json before anything is written.
 */
import type { Localized } from '../../../shared/localized';
import { localized } from '../../../shared/messages';
import { DAEMON_KEYS, DaemonSchema, DOCKER_UNMANAGED_DAEMON_KEYS } from '../../inventory/daemon';
import { inEveryLanguage } from '../../../shared/localized';
import type { JsonObject } from './daemon-json';

export interface DaemonCheck {
  errors: Localized[];
  warnings: Localized[];
}

/** The schema's own words about each key (the inventory's validation speaks English). */
function zodIssues(config: JsonObject): Map<string, Localized[]> {
  const byKey = new Map<string, Localized[]>();
  const parsed = DaemonSchema.safeParse(config);
  if (parsed.success) return byKey;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    const where = issue.path.map(String).join('.');
    const list = byKey.get(key) ?? [];
    list.push(inEveryLanguage(`${where}: ${issue.message}`));
    byKey.set(key, list);
  }
  return byKey;
}

/**
 * Re-checks the merged file. The inventory's keys must be known and valid (errors). Keys the
 * host already had are kept: ones swarmlab does not know, or values stricter rules would
 * refuse, are warnings, since dockerd ran with them (and `dockerd --validate` checks them).
 * live-restore is refused wherever it comes from: swarmlab builds a swarm, and dockerd
 * refuses swarm mode with live-restore.
 */
export function checkDaemonConfig(merged: JsonObject, desired: JsonObject): DaemonCheck {
  const errors: Localized[] = [];
  const warnings: Localized[] = [];
  if (merged['live-restore'] === true) {
    errors.push(
      Object.hasOwn(desired, 'live-restore')
        ? localized('failures.docker-daemon.liveRestore')
        : localized('failures.docker-daemon.liveRestoreOnHost'),
    );
  }
  const known = Object.fromEntries(
    Object.entries(merged).filter(([key]) => DAEMON_KEYS.includes(key) && key !== 'live-restore'),
  );
  const issues = zodIssues(known);
  for (const [key, messages] of issues) {
    (Object.hasOwn(desired, key) ? errors : warnings).push(...messages);
  }
  for (const key of Object.keys(merged)) {
    if (DAEMON_KEYS.includes(key)) continue;
    if (Object.hasOwn(desired, key))
      errors.push(localized('failures.docker-daemon.unknownKey', { key }));
    else if (!DOCKER_UNMANAGED_DAEMON_KEYS.includes(key)) {
      warnings.push(localized('failures.docker-daemon.hostKeyKept', { key }));
    }
  }
  return { errors, warnings };
}
