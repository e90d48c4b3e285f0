/**
 * Hosts from an Ansible inventory, INI or YAML: groups (with `:children` and `:vars`), host
 * ranges (`node[01:03]`), and variables applied as Ansible applies them (all, then parent
 * groups, then child groups, then the host). `ansible_host`, `ansible_port`, `ansible_user` and
 * `ansible_ssh_private_key_file` become the host's fields. Passwords are never written: a login
 * password is asked for at run time, a become password is left to a prompt through an
 * environment variable that is not set. What cannot be carried over is listed.
 */
import { localized } from '../../../shared/messages';
import { parse as parseYaml } from 'yaml';
import type { ImportFile, ImportedInventory, ImportNote } from './types';
import { chooseManagers, withoutEmpty } from './types';

type Vars = Record<string, string>;

interface Group {
  name: string;
  hosts: Map<string, Vars>;
  vars: Vars;
  children: Set<string>;
}

/** The variable a become (sudo) password is asked through: unset, so the run prompts for it. */
export const BECOME_PASSWORD_ENV = 'SWARMLAB_SUDO_PASSWORD';

const MAPPED = new Set([
  'ansible_host',
  'ansible_ssh_host',
  'ansible_port',
  'ansible_ssh_port',
  'ansible_user',
  'ansible_ssh_user',
  'ansible_ssh_private_key_file',
  'ansible_private_key_file',
  'ansible_password',
  'ansible_ssh_pass',
  'ansible_become_password',
  'ansible_become_pass',
  'ansible_become',
  'ansible_become_method',
  'ansible_python_interpreter',
]);

const MANAGER_GROUPS = ['managers', 'manager', 'swarm_managers'];

export function importAnsibleInventory(
  file: ImportFile,
  options: { managers?: string } = {},
): ImportedInventory {
  const notes: ImportNote[] = [];
  const groups = looksLikeYaml(file.text) ? readYaml(file.text) : readIni(file.text, notes);
  const names = hostNames(groups);
  const hosts = names.map((name) => hostFields(name, varsOf(name, groups), notes));
  const managers = options.managers ?? MANAGER_GROUPS.find((group) => groups.has(group));
  const managerNames =
    managers !== undefined && groups.has(managers) ? membersOf(managers, groups) : managers;
  return {
    inventory: { hosts: chooseManagers(hosts, names, managerNames, notes) },
    notes,
  };
}

/** YAML inventories open with a mapping key (`all:`); INI ones with a [group] or a host. */
function looksLikeYaml(text: string): boolean {
  const first = text.split(/\r?\n/).find((line) => /\S/.test(line) && !/^\s*[#;]/.test(line));
  return first !== undefined && (/^---/.test(first) || /^[\w.-]+\s*:(\s|$)/.test(first));
}

function group(groups: Map<string, Group>, name: string): Group {
  let found = groups.get(name);
  if (!found) {
    found = { name, hosts: new Map(), vars: {}, children: new Set() };
    groups.set(name, found);
  }
  return found;
}

/** `node[01:03]` and `10.0.0.[1:3]` as Ansible expands them (numeric and letter ranges). */
export function expandHostPattern(pattern: string): string[] {
  const range = /\[([0-9a-z]+):([0-9a-z]+)(?::(\d+))?\]/i.exec(pattern);
  if (!range) return [pattern];
  const [whole, from = '', to = '', stepText] = range;
  const step = Number(stepText ?? 1) || 1;
  const before = pattern.slice(0, range.index);
  const after = pattern.slice(range.index + whole.length);
  const values: string[] = [];
  if (/^\d+$/.test(from) && /^\d+$/.test(to)) {
    const width = from.startsWith('0') ? from.length : 0;
    for (let value = Number(from); value <= Number(to) && values.length < 1000; value += step) {
      values.push(String(value).padStart(width, '0'));
    }
  } else {
    for (let code = from.charCodeAt(0); code <= to.charCodeAt(0); code += step) {
      values.push(String.fromCharCode(code));
    }
  }
  return values.flatMap((value) => expandHostPattern(`${before}${value}${after}`));
}

/** `key=value key2="a b"` after the host name on an INI line. */
function iniVars(text: string): Vars {
  const vars: Vars = {};
  for (const match of text.matchAll(/([\w.-]+)=("([^"]*)"|'([^']*)'|\S+)/g)) {
    vars[match[1] ?? ''] = match[3] ?? match[4] ?? match[2] ?? '';
  }
  return vars;
}

function readIni(text: string, notes: ImportNote[]): Map<string, Group> {
  const groups = new Map<string, Group>();
  let section = group(groups, 'ungrouped');
  let kind: 'hosts' | 'vars' | 'children' = 'hosts';
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[([^\]:]+)(?::(vars|children))?\]$/.exec(line);
    if (header) {
      section = group(groups, header[1] ?? '');
      kind = (header[2] as 'vars' | 'children' | undefined) ?? 'hosts';
      continue;
    }
    if (kind === 'vars') {
      const at = line.indexOf('=');
      if (at > 0) section.vars[line.slice(0, at).trim()] = unquote(line.slice(at + 1).trim());
      else
        notes.push({
          what: localized('imports.ansible.notAVariable', { group: section.name, line }),
        });
    } else if (kind === 'children') {
      section.children.add(line);
      group(groups, line);
    } else {
      const [pattern = '', ...rest] = line.split(/\s+/);
      for (const name of expandHostPattern(pattern))
        section.hosts.set(name, iniVars(rest.join(' ')));
    }
  }
  return groups;
}

function unquote(value: string): string {
  return /^(["']).*\1$/.test(value) ? value.slice(1, -1) : value;
}

function stringVars(value: unknown): Vars {
  if (typeof value !== 'object' || value === null) return {};
  return Object.fromEntries(
    Object.entries(value as Record<string, unknown>).map(([key, item]) => [
      key,
      typeof item === 'string' ? item : JSON.stringify(item),
    ]),
  );
}

function readYaml(text: string): Map<string, Group> {
  const groups = new Map<string, Group>();
  const visit = (name: string, body: unknown): void => {
    const entry = group(groups, name);
    const node = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
    Object.assign(entry.vars, stringVars(node.vars));
    for (const [pattern, vars] of Object.entries((node.hosts ?? {}) as Record<string, unknown>)) {
      for (const host of expandHostPattern(pattern)) entry.hosts.set(host, stringVars(vars));
    }
    for (const [child, childBody] of Object.entries(
      (node.children ?? {}) as Record<string, unknown>,
    )) {
      entry.children.add(child);
      visit(child, childBody);
    }
  };
  const document = parseYaml(text) as Record<string, unknown> | null;
  for (const [name, body] of Object.entries(document ?? {})) visit(name, body);
  return groups;
}

/** Every host once, in the order the file first names it. */
function hostNames(groups: Map<string, Group>): string[] {
  const names = new Set<string>();
  for (const entry of groups.values()) for (const host of entry.hosts.keys()) names.add(host);
  return [...names];
}

/** The hosts of a group and of its children, in order. */
function membersOf(name: string, groups: Map<string, Group>, seen = new Set<string>()): string[] {
  const entry = groups.get(name);
  if (!entry || seen.has(name)) return [];
  seen.add(name);
  return [
    ...new Set([
      ...entry.hosts.keys(),
      ...[...entry.children].flatMap((child) => membersOf(child, groups, seen)),
    ]),
  ];
}

/** How deep a group sits below `all` (parents first), for the order its vars apply in. */
function depthOf(name: string, groups: Map<string, Group>, seen = new Set<string>()): number {
  const parents = [...groups.values()].filter(
    (candidate) => candidate.children.has(name) && !seen.has(candidate.name),
  );
  if (parents.length === 0) return name === 'all' ? 0 : 1;
  const below = new Set([...seen, name]);
  return 1 + Math.max(...parents.map((parent) => depthOf(parent.name, groups, below)));
}

/** all's vars, then the host's groups' (parents before children, by name), then its own. */
function varsOf(host: string, groups: Map<string, Group>): Vars {
  const containing = [...groups.values()]
    .filter((entry) => entry.name === 'all' || membersOf(entry.name, groups).includes(host))
    .sort(
      (a, b) => depthOf(a.name, groups) - depthOf(b.name, groups) || a.name.localeCompare(b.name),
    );
  const vars: Vars = {};
  for (const entry of containing) Object.assign(vars, entry.vars);
  for (const entry of containing) Object.assign(vars, entry.hosts.get(host) ?? {});
  return vars;
}

function hostFields(name: string, vars: Vars, notes: ImportNote[]): Record<string, unknown> {
  const pick = (...keys: string[]): string | undefined => {
    const value = keys.map((key) => vars[key]).find((candidate) => candidate !== undefined);
    if (value?.includes('{{')) {
      notes.push({
        host: name,
        what: localized('imports.ansible.template', { key: keys[0] ?? '', value }),
      });
      return undefined;
    }
    return value;
  };
  for (const key of Object.keys(vars).filter((candidate) => !MAPPED.has(candidate))) {
    if (key.startsWith('ansible_')) {
      notes.push({
        host: name,
        what: localized('imports.ansible.unusedVariable', { key, value: vars[key] ?? '' }),
      });
    }
  }
  if (pick('ansible_password', 'ansible_ssh_pass') !== undefined) {
    notes.push({
      host: name,
      what: localized('imports.ansible.passwordLeftOut'),
    });
  }
  const become = pick('ansible_become_password', 'ansible_become_pass') !== undefined;
  if (become) {
    notes.push({
      host: name,
      what: localized('imports.ansible.becomeLeftOut', { variable: BECOME_PASSWORD_ENV }),
    });
  }
  const port = Number(pick('ansible_port', 'ansible_ssh_port'));
  return withoutEmpty({
    address: pick('ansible_host', 'ansible_ssh_host') ?? name,
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    user: pick('ansible_user', 'ansible_ssh_user'),
    keyFile: pick('ansible_ssh_private_key_file', 'ansible_private_key_file'),
    sudoPasswordEnv: become ? BECOME_PASSWORD_ENV : undefined,
  });
}
