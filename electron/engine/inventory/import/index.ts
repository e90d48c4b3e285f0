/**
 * Importing hosts from where users already list them: an OpenSSH client config or an Ansible
 * inventory, read from disk (Include files too). `swarmlab inventory import` and the wizard's
 * Hosts page both come here.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { MAX_INVENTORY_BYTES } from '../limits';
import { importAnsibleInventory } from './ansible';
import { importSshConfig } from './ssh-config';
import type { ImportFile, ImportedInventory } from './types';

export type { ImportedInventory, ImportNote } from './types';

export type ImportSource = 'ssh-config' | 'ansible';

export interface ImportRequest {
  source: ImportSource;
  path: string;
  /** Managers: names (comma-separated) or, for Ansible, a group. */
  managers?: string;
  home?: string;
}

/** Reads the file (and what it includes) and maps it to an inventory document with notes. */
export function importHosts(request: ImportRequest): ImportedInventory {
  const home = request.home ?? homedir();
  const file = readSource(resolve(request.path));
  const managers = request.managers ? { managers: request.managers } : {};
  if (request.source === 'ansible') return importAnsibleInventory(file, managers);
  // ssh reads relative Include paths from ~/.ssh for a user's config; from the config's own
  // folder is the same place for ~/.ssh/config and the useful one for a config kept elsewhere.
  const base = dirname(resolve(request.path));
  return importSshConfig(file, {
    home,
    include: (pattern) =>
      expandGlob(isAbsolute(pattern) ? pattern : join(base, pattern)).map(readSource),
    ...managers,
  });
}

function readSource(path: string): ImportFile {
  const size = statSync(path).size;
  if (size > MAX_INVENTORY_BYTES) {
    throw new Error(
      `${path} is ${size} bytes; files over ${MAX_INVENTORY_BYTES} bytes are not read`,
    );
  }
  return { path, text: readFileSync(path, 'utf8') };
}

/** `*` and `?` in any segment of an absolute path, as Include expands them (sorted). */
function expandGlob(pattern: string): string[] {
  const segments = pattern.split('/').filter((segment, index) => index === 0 || segment !== '');
  let paths = [segments[0] === '' ? '/' : (segments[0] ?? '/')];
  for (const segment of segments.slice(1)) {
    if (!/[*?]/.test(segment)) {
      paths = paths.map((path) => join(path, segment));
      continue;
    }
    const matcher = new RegExp(
      `^${segment
        .replace(/[.+^${}()|[\]\\]/g, '\\$&')
        .replace(/\*/g, '.*')
        .replace(/\?/g, '.')}$`,
    );
    paths = paths.flatMap((path) => {
      try {
        return readdirSync(path)
          .filter((name) => matcher.test(name) && !name.startsWith('.'))
          .sort()
          .map((name) => join(path, name));
      } catch {
        return [];
      }
    });
  }
  return paths.filter((path) => {
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  });
}
