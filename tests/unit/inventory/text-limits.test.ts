/**
 * Limits (security issue, finding 8): every free-text value of the inventory has a length cap,
 * refused with the field named and the cap, and no message echoes a long value back.
 */
import { describe, expect, it } from 'vitest';
import { formatIssues, validateInventory } from '../../../electron/engine/inventory';
import type { PathSegment } from '../../../electron/engine/inventory';
import { formatPath } from '../../../electron/engine/inventory/issues';
import {
  MAX_DOCKER_VERSION_LENGTH,
  MAX_ENV_NAME_LENGTH,
  MAX_IMAGE_REFERENCE_LENGTH,
  MAX_PATH_LENGTH,
  MAX_SECRET_LENGTH,
  MAX_TEXT_LENGTH,
} from '../../../electron/engine/inventory/limits';
import { minimal, setAt } from './helpers';

interface CappedField {
  path: PathSegment[];
  max: number;
  /** A valid value of exactly `length` characters. */
  fill: (length: number) => string;
  /** Words that name the field in the message. */
  named: string;
  base?: Record<string, unknown>;
}

const letters = (length: number) => 'a'.repeat(length);
const absolutePath = (length: number) => `/${'d'.repeat(length - 1)}`;
const noLogin = { defaults: {} };
const withKey = { defaults: { keyFile: '~/.ssh/id_ed25519' } };

const CAPPED: CappedField[] = [
  {
    path: ['hosts', 0, 'password'],
    max: MAX_SECRET_LENGTH,
    fill: letters,
    named: 'password',
    base: noLogin,
  },
  {
    path: ['hosts', 0, 'keyPassphrase'],
    max: MAX_SECRET_LENGTH,
    fill: letters,
    named: 'key passphrase',
    base: withKey,
  },
  {
    path: ['defaults', 'sudoPassword'],
    max: MAX_SECRET_LENGTH,
    fill: letters,
    named: 'sudo password',
    base: { defaults: { user: 'admin', passwordEnv: 'PW' } },
  },
  {
    path: ['jumpHost', 'password'],
    max: MAX_SECRET_LENGTH,
    fill: letters,
    named: 'password',
    base: { jumpHost: { address: '192.168.11.1' } },
  },
  {
    path: ['hosts', 0, 'passwordEnv'],
    max: MAX_ENV_NAME_LENGTH,
    fill: letters,
    named: 'environment variable name',
    base: noLogin,
  },
  {
    path: ['defaults', 'keyPassphraseEnv'],
    max: MAX_ENV_NAME_LENGTH,
    fill: letters,
    named: 'environment variable name',
    base: withKey,
  },
  {
    path: ['hosts', 0, 'keyFile'],
    max: MAX_PATH_LENGTH,
    fill: letters,
    named: 'key file path',
    base: noLogin,
  },
  {
    path: ['docker', 'offlineBundle'],
    max: MAX_PATH_LENGTH,
    fill: letters,
    named: 'offline bundle path',
    base: { docker: { install: 'offline' } },
  },
  {
    path: ['verify', 'imageArchive'],
    max: MAX_PATH_LENGTH,
    fill: letters,
    named: 'image archive path',
  },
  {
    path: ['docker', 'version'],
    max: MAX_DOCKER_VERSION_LENGTH,
    fill: (length) => `24.${'0'.repeat(length - 3)}`,
    named: 'Docker version',
  },
  {
    path: ['verify', 'image'],
    max: MAX_IMAGE_REFERENCE_LENGTH,
    fill: letters,
    named: 'image reference',
  },
  {
    path: ['docker', 'daemon', 'data-root'],
    max: MAX_TEXT_LENGTH,
    fill: absolutePath,
    named: 'value',
  },
  {
    path: ['docker', 'daemon', 'log-opts', 'tag'],
    max: MAX_TEXT_LENGTH,
    fill: letters,
    named: 'value',
  },
  { path: ['name'], max: 100, fill: letters, named: 'longer than 100' },
];

function inventoryWith(field: CappedField, value: string): Record<string, unknown> {
  return setAt(minimal(field.base), field.path, value);
}

describe('length caps of free-text fields', () => {
  for (const field of CAPPED) {
    const where = formatPath(field.path);
    it(`${where}: ${field.max} characters are accepted, ${field.max + 1} refused naming the field and the cap`, () => {
      const atCap = validateInventory(inventoryWith(field, field.fill(field.max)));
      expect(atCap.errors.filter((issue) => issue.path === where)).toEqual([]);

      const over = field.fill(field.max + 1);
      const result = validateInventory(inventoryWith(field, over));
      expect(result.ok).toBe(false);
      const issue = result.errors.find((entry) => entry.path === where);
      expect(issue, formatIssues(result)).toBeDefined();
      expect(issue?.message).toContain(field.named);
      expect(`${issue?.message} ${issue?.fix}`).toContain(String(field.max));
      // The message says how long the value is, never what it says.
      expect(formatIssues(result)).not.toContain(over);
    });
  }
});

describe('no message echoes a long value back', () => {
  const huge = 'x'.repeat(100_000);
  const places: { path: PathSegment[]; base?: Record<string, unknown> }[] = [
    { path: ['name'] },
    { path: ['hosts', 0, 'address'] },
    { path: ['hosts', 0, 'hostname'] },
    { path: ['hosts', 0, 'user'] },
    { path: ['hosts', 0, 'role'] },
    { path: ['hosts', 0, 'labels', 'zone'] },
    { path: ['hosts', 0, 'advertiseAddress'] },
    { path: ['prepare', 'mirror'] },
    { path: ['prepare', 'firewall'] },
    { path: ['docker', 'install'] },
    { path: ['docker', 'daemon', 'log-driver'] },
    { path: ['docker', 'daemon', 'exec-opts'] },
    { path: ['swarm', 'network', 'name'] },
    { path: ['swarm', 'network', 'subnet'] },
    { path: ['swarm', 'advertiseInterface'] },
    // A key no schema knows, and a key of a mapping whose keys are checked.
    { path: ['hosts', 0, huge] },
    { path: ['hosts', 0, 'labels', huge] },
    { path: [huge] },
  ];
  for (const place of places) {
    const where = formatPath(
      place.path.map((segment) => (segment === huge ? '(a long key)' : segment)),
    );
    it(`${where}: a 100 000-character value gets a short message naming the field`, () => {
      const value =
        place.path.at(-1) === 'exec-opts' ? [huge] : place.path.includes(huge) ? 'v' : huge;
      const result = validateInventory(setAt(minimal(place.base), place.path, value));
      expect(result.ok).toBe(false);
      const text = formatIssues(result);
      expect(text.length, text.slice(0, 300)).toBeLessThan(1000);
      const cut = place.path.indexOf(huge);
      const field = formatPath(cut === -1 ? place.path : place.path.slice(0, cut));
      expect(result.errors.some((issue) => issue.path.startsWith(field))).toBe(true);
    });
  }
});
