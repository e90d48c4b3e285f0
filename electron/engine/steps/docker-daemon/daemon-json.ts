/**
 * daemon.json itself: read what the host has, merge the inventory into it, write it in one
 * stable form.
 */
import type { DaemonConfig } from '../../inventory/daemon';
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';

export const DAEMON_JSON = '/etc/docker/daemon.json';

export type JsonObject = Record<string, unknown>;

/**
 * The host's daemon.json as an object: a missing or empty file is `{}`. Anything else that is
 * not a JSON object stops the step, since rewriting it would lose what the user meant.
 */
export function parseDaemonJson(text: string | null, path: string = DAEMON_JSON): JsonObject {
  if (text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StepFailure(
      localized('failures.docker-daemon.invalidJson', {
        path,
        error: error instanceof Error ? error.message : String(error),
      }),
      localized('failures.docker-daemon.fixFile', { path }),
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StepFailure(
      localized('failures.docker-daemon.notObject', { path, object: '{ … }' }),
      localized('failures.docker-daemon.fixFile', { path }),
    );
  }
  return value as JsonObject;
}

/** The inventory's keys as plain JSON values (options left out are not written). */
export function desiredEntries(desired: DaemonConfig | undefined): JsonObject {
  return Object.fromEntries(
    Object.entries(desired ?? {}).filter(([, value]) => value !== undefined),
  );
}

/** Inventory wins key by key (a key's whole value is replaced); the host's other keys stay. */
export function mergeDaemonConfig(
  current: JsonObject,
  desired: DaemonConfig | undefined,
): JsonObject {
  return { ...current, ...desiredEntries(desired) };
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as JsonObject)[key])]),
    );
  }
  return value;
}

/**
 * daemon.json as swarmlab writes it: keys sorted at every level (a stable order, whatever the
 * inventory or the host had), two spaces, a final newline.
 */
export function renderDaemonJson(config: JsonObject): string {
  return `${JSON.stringify(sortKeysDeep(config), null, 2)}\n`;
}
