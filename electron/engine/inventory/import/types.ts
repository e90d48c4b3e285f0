import type { Localized } from '../../../shared/localized';
import { localized } from '../../../shared/messages';

/** What the importers (ssh-config.ts, ansible.ts) share: their input, their answer, roles. */

/** A file as read: its path (for messages) and its text. */
export interface ImportFile {
  path: string;
  text: string;
}

/** Something of the source that did not become part of the inventory, and why. */
export interface ImportNote {
  /** The host (alias) it is about; absent for the file as a whole. */
  host?: string;
  /** Why, in every language. */
  what: Localized;
}

export interface ImportedInventory {
  /** An inventory document (validate it before use). No secret is ever in it. */
  inventory: Record<string, unknown>;
  notes: ImportNote[];
}

/** The record without its undefined fields. */
export function withoutEmpty(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/**
 * Marks managers: the names listed (comma-separated) or, when none are given, the first host.
 * A name that is not among the hosts is noted. `names` are the hosts' names in the source, in
 * the order of `hosts`.
 */
export function chooseManagers(
  hosts: readonly Record<string, unknown>[],
  names: readonly string[],
  managers: string | readonly string[] | undefined,
  notes: ImportNote[],
): Record<string, unknown>[] {
  const wanted =
    managers === undefined
      ? [names[0] ?? '']
      : typeof managers === 'string'
        ? managers
            .split(',')
            .map((name) => name.trim())
            .filter(Boolean)
        : [...managers];
  for (const name of wanted.filter((candidate) => !names.includes(candidate))) {
    if (name !== '') notes.push({ what: localized('imports.managerMissing', { name }) });
  }
  return hosts.map((host, index) => ({
    ...host,
    role: wanted.includes(names[index] ?? '') ? 'manager' : 'worker',
  }));
}
