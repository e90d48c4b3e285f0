/**
 * Bad input (issue 8): hostile values in every inventory field and daemon option. Each is either
 * refused with an issue whose path names the field, or accepted exactly as written (it then
 * travels as data: quoted, over stdin or in a file; the lab canary in
 * tests/integration/faults-input.test.ts proves that on real hosts).
 */
import { describe, expect, it } from 'vitest';
import { formatIssues, validateInventory } from '../../../electron/engine/inventory';
import { formatPath, type PathSegment } from '../../../electron/engine/inventory/issues';
import { minimal, setAt } from './helpers';

const CANARY = 'touch /tmp/pwned';
const HOSTILE: Record<string, string> = {
  'command substitution': `$(${CANARY})`,
  backticks: `\`${CANARY}\``,
  'command separator': `a;${CANARY}`,
  pipe: 'a|sh',
  'and-list': `a&&${CANARY}`,
  redirection: 'a>/etc/passwd',
  'single quote': "a'b",
  'double quote': 'a"b',
  'quote breakout': `'"$(${CANARY})"'`,
  backslash: 'a\\b',
  newline: `a\n${CANARY}`,
  'carriage return': 'a\rb',
  tab: 'a\tb',
  NUL: 'a\u0000b',
  escape: '\u001b[31mred',
  empty: '',
  blank: '   ',
  'very long': 'a'.repeat(10_000),
  'non-ASCII': 'nœud-é',
  CJK: '节点一',
  'right-to-left override': 'a\u202eb',
  IPv6: 'fd00::1',
  'bracketed IPv6': '[fd00::1]',
  'option-like': '--help',
  glob: '*',
  'path traversal': '../../etc/shadow',
};

/** Every string field of the inventory, with what it must hold to be valid besides. */
const FIELDS: { path: PathSegment[]; base?: Record<string, unknown> }[] = [
  { path: ['name'] },
  { path: ['hosts', 0, 'address'] },
  { path: ['hosts', 0, 'hostname'] },
  { path: ['hosts', 0, 'user'] },
  { path: ['hosts', 0, 'password'], base: { defaults: {} } },
  { path: ['hosts', 0, 'passwordEnv'], base: { defaults: {} } },
  { path: ['hosts', 0, 'keyFile'], base: { defaults: {} } },
  { path: ['hosts', 0, 'sudoPassword'] },
  { path: ['hosts', 0, 'sudoPasswordEnv'] },
  { path: ['hosts', 0, 'advertiseAddress'] },
  { path: ['hosts', 0, 'labels', 'zone'] },
  { path: ['defaults', 'user'] },
  {
    path: ['jumpHost', 'address'],
    base: { jumpHost: { address: '192.168.11.1', passwordEnv: 'J' } },
  },
  { path: ['jumpHost', 'user'], base: { jumpHost: { address: '192.168.11.1', passwordEnv: 'J' } } },
  { path: ['prepare', 'mirrorUrl'], base: { prepare: { mirror: 'custom' } } },
  { path: ['docker', 'mirror'], base: { docker: { install: 'mirror' } } },
  { path: ['docker', 'version'] },
  { path: ['docker', 'offlineBundle'], base: { docker: { install: 'offline' } } },
  { path: ['docker', 'daemon', 'registry-mirrors', 0] },
  { path: ['docker', 'daemon', 'insecure-registries', 0] },
  { path: ['docker', 'daemon', 'log-opts', 'max-size'] },
  { path: ['docker', 'daemon', 'log-opts', 'tag'] },
  { path: ['docker', 'daemon', 'data-root'] },
  { path: ['docker', 'daemon', 'exec-opts', 0] },
  { path: ['docker', 'daemon', 'dns', 0] },
  { path: ['docker', 'daemon', 'bip'] },
  { path: ['docker', 'daemon', 'fixed-cidr-v6'] },
  { path: ['docker', 'daemon', 'hosts', 0] },
  { path: ['docker', 'daemon', 'default-address-pools', 0, 'base'] },
  { path: ['swarm', 'advertiseInterface'] },
  { path: ['swarm', 'dataPathAddr'] },
  { path: ['swarm', 'network', 'name'] },
  { path: ['swarm', 'network', 'subnet'] },
  { path: ['verify', 'image'] },
  { path: ['verify', 'imageArchive'] },
];

/** Keys (not values) that come from the user: label names, log option names, feature names. */
const KEY_FIELDS: PathSegment[][] = [
  ['hosts', 0, 'labels'],
  ['docker', 'daemon', 'log-opts'],
  ['docker', 'daemon', 'features'],
];

const SHELL_SYNTAX = [
  'command substitution',
  'backticks',
  'command separator',
  'pipe',
  'and-list',
  'redirection',
  'single quote',
  'double quote',
  'quote breakout',
];
const CONTROL = ['newline', 'carriage return', 'tab', 'NUL', 'escape', 'right-to-left override'];
const MUST_REFUSE_AS_KEY = [...SHELL_SYNTAX, ...CONTROL, 'blank', 'backslash', 'path traversal'];

/** C0 controls except newline (issues are joined by newlines), DEL, and the bidi override. */
function isRawControl(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return (code < 0x20 && code !== 0x0a) || code === 0x7f || code === 0x202e;
}

function valueAt(data: unknown, path: readonly PathSegment[]): unknown {
  let node: unknown = data;
  for (const segment of path) {
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string | number, unknown>)[segment];
  }
  return node;
}

function inventoryWith(path: PathSegment[], value: unknown, base: Record<string, unknown> = {}) {
  const data = minimal(base);
  if (path[2] === 'default-address-pools') {
    setAt(data, ['docker', 'daemon', 'default-address-pools'], [{ base: value, size: 24 }]);
  } else if (typeof path.at(-1) === 'number') {
    setAt(data, path.slice(0, -1), [value]);
  } else {
    setAt(data, path, value);
  }
  return data;
}

/** Which hostile kinds each field accepted, for the pinned expectations below. */
const accepted = new Map<string, string[]>();

describe('hostile values in every inventory field', () => {
  for (const field of FIELDS) {
    const where = formatPath(field.path);
    it(`${where}: each hostile value is refused naming the field, or kept exactly`, () => {
      const problems: string[] = [];
      for (const [kind, value] of Object.entries(HOSTILE)) {
        const result = validateInventory(inventoryWith(field.path, value, field.base));
        if (result.ok) {
          // Accepted: kept byte for byte, never trimmed, unescaped or "fixed" on the way.
          if (valueAt(result.inventory, field.path) !== value) problems.push(`${kind}: altered`);
          accepted.set(where, [...(accepted.get(where) ?? []), kind]);
          continue;
        }
        const text = formatIssues(result.errors);
        const issue = result.errors.find((entry) => entry.path === where);
        if (!issue) problems.push(`${kind}: refused, but not at ${where}: ${text}`);
        else if (issue.fix.length === 0) problems.push(`${kind}: refused without a fix`);
        else if (!/\p{Script=Han}/u.test(issue.localized?.message['zh-CN'] ?? ''))
          problems.push(`${kind}: not said in Chinese: ${issue.message}`);
        // A hostile value never reaches the terminal raw (no control or bidi characters).
        if ([...text].some(isRawControl)) {
          problems.push(`${kind}: the message holds a raw control character`);
        }
      }
      expect(problems).toEqual([]);
    });
  }

  for (const path of KEY_FIELDS) {
    it(`${formatPath(path)}: a hostile key is refused naming it`, () => {
      const problems: string[] = [];
      for (const [kind, key] of Object.entries(HOSTILE)) {
        // A long or foreign key of plain letters is data in daemon.json (dockerd judges it).
        if (!MUST_REFUSE_AS_KEY.includes(kind)) continue;
        const value = path.at(-1) === 'features' ? true : 'v';
        const result = validateInventory(inventoryWith([...path, key], value));
        if (result.ok) problems.push(`${kind}: accepted`);
        else if (!result.errors.some((issue) => issue.path === formatPath([...path, key])))
          problems.push(`${kind}: ${formatIssues(result.errors)}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('refuses control characters in every field, and shell syntax wherever a value reaches a command line', () => {
    for (const field of FIELDS) {
      const where = formatPath(field.path);
      const kinds = accepted.get(where) ?? [];
      for (const control of CONTROL.filter((kind) => kind !== 'right-to-left override')) {
        expect(kinds, where).not.toContain(control);
      }
    }
    // Fields that end up as words of remote commands accept no shell syntax at all.
    const onCommandLines = [
      'hosts[0].address',
      'hosts[0].hostname',
      'hosts[0].user',
      'hosts[0].advertiseAddress',
      'hosts[0].labels.zone',
      'docker.version',
      'docker.daemon["exec-opts"][0]',
      'swarm.advertiseInterface',
      'swarm.dataPathAddr',
      'swarm.network.name',
      'swarm.network.subnet',
      'verify.image',
    ];
    for (const where of onCommandLines) {
      const kinds = accepted.get(where) ?? [];
      for (const kind of SHELL_SYNTAX)
        expect(kinds, `${where} accepted ${kind}`).not.toContain(kind);
    }
    // Secrets are data by nature: any printable text up to the cap is a valid password, and
    // it travels on stdin (the lab canary runs a login and sudo with one full of shell syntax).
    expect(accepted.get('hosts[0].password')).toEqual(
      expect.arrayContaining(['command substitution', 'quote breakout', 'CJK']),
    );
    // Every value has a length cap (tests/unit/inventory/text-limits.test.ts).
    for (const field of FIELDS) {
      const where = formatPath(field.path);
      expect(accepted.get(where) ?? [], where).not.toContain('very long');
    }
    expect(accepted.get('name')).toContain('command substitution');
  });
});
