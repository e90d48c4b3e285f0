/**
 * What the wizard keeps of a loaded inventory beyond its own fields, so that load → wizard →
 * save changes nothing the person did not change: every field the wizard has no control for
 * (an environment variable holding a password, data-path options, daemon.json keys, …) goes
 * back into the saved document as it was loaded.
 *
 * The rule, level by level: a field the wizard owns is what the wizard says (absent when it
 * says nothing); any other field is the loaded one, or the wizard's where nothing was loaded.
 * Fields that exclude each other (two ways to log in, an inline secret and its variable) give
 * way to what the wizard wrote.
 */

export type Loose = Record<string, unknown>;

/** Owned fields of one level: `true` for a field, a nested shape for an object owned in part. */
export interface Owned {
  readonly [field: string]: true | Owned;
}

/** Groups of fields of which an object may hold one (the schema refuses two). */
const EXCLUSIVE: readonly (readonly string[])[] = [
  ['password', 'passwordEnv', 'keyFile', 'agent'],
  ['keyPassphrase', 'keyPassphraseEnv'],
  ['sudoPassword', 'sudoPasswordEnv'],
];

const LOGIN: Owned = { user: true, port: true, password: true, keyFile: true, agent: true };

/** What the wizard's draft says, field by field, in an inventory document. */
export const OWNED_DOCUMENT: Owned = {
  name: true,
  jumpHost: { ...LOGIN, passwordEnv: true, address: true },
  defaults: { ...LOGIN, passwordEnv: true, keyPassphrase: true, sudoPassword: true },
  hosts: true,
  prepare: {
    mirror: true,
    mirrorUrl: true,
    hostsFile: true,
    timeSync: true,
    firewall: true,
    selinux: true,
    keyExchange: true,
    managerKeyToNodes: true,
  },
  docker: {
    install: true,
    mirror: true,
    version: true,
    offlineBundle: true,
    removeConflicting: true,
    daemon: {
      'registry-mirrors': true,
      'insecure-registries': true,
      'log-driver': true,
      'log-opts': { 'max-size': true, 'max-file': true },
      'data-root': true,
      'exec-opts': true,
      'storage-driver': true,
    },
  },
  swarm: {
    advertiseInterface: true,
    dataPathAddr: true,
    dataPathPort: true,
    network: { name: true, subnet: true, attachable: true, encrypted: true, mtu: true },
  },
  verify: {
    enabled: true,
    image: true,
    imageArchive: true,
    replicasPerNode: true,
    keepService: true,
  },
};

/** The fields of a host row. */
export const OWNED_HOST: Owned = {
  ...LOGIN,
  passwordEnv: true,
  keyPassphrase: true,
  keyPassphraseEnv: true,
  address: true,
  hostname: true,
  role: true,
  labels: true,
  sudoPassword: true,
  sudoPasswordEnv: true,
  advertiseAddress: true,
};

function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The wizard's document with the loaded fields it does not own put back. */
export function withKeptFields(written: Loose, kept: unknown, owned: Owned): Loose {
  if (!isRecord(kept)) return written;
  const result: Loose = { ...written };
  for (const [field, shape] of Object.entries(owned)) {
    const mine = written[field];
    if (shape !== true && isRecord(mine) && isRecord(kept[field])) {
      result[field] = withKeptFields(mine, kept[field], shape);
    } else if (shape !== true && mine === undefined && isRecord(kept[field])) {
      // The wizard wrote nothing of an object it owns in part: what it does not own stays.
      const rest = withKeptFields({}, kept[field], shape);
      if (Object.keys(rest).length > 0) result[field] = rest;
    }
  }
  for (const [field, value] of Object.entries(kept)) {
    if (field in owned || field in result) continue;
    const group = EXCLUSIVE.find((fields) => fields.includes(field));
    if (group?.some((other) => other !== field && written[other] !== undefined)) continue;
    result[field] = value;
  }
  return result;
}

/** The loaded document as kept beside the draft: plain data, no shared references. */
export function keptCopy(value: unknown): Loose {
  return isRecord(value) ? (JSON.parse(JSON.stringify(value)) as Loose) : {};
}
