/**
 * Defaults ⊕ per-host values → fully-resolved hosts, and secrets resolved apart from them.
 *
 * Merge rules (documented in docs/inventory.example.yaml too):
 * - `port`, `user`, `role`: the host's value, else the default, else 22 / root / worker.
 * - login: if a host names a method (`password`, `passwordEnv`, `keyFile` or `agent: true`)
 *   it replaces the default's method entirely; `keyPassphrase*` and `sudoPassword*` likewise
 *   replace as a pair. A host and its defaults naming no method at all means "ask for the
 *   password at run time".
 * - `labels`: the default labels, then the host's (a host's value wins for the same key).
 */
import type { Host, HostDefaults, Inventory, JumpHost, Role } from './schema';
import { INVENTORY_DEFAULTS } from '../../shared/inventory-defaults';

/** Where a secret comes from: typed inline in the inventory, an environment variable, or a prompt. */
export type SecretSource = { from: 'inline' } | { from: 'env'; name: string } | { from: 'prompt' };

export type ResolvedAuth =
  | { method: 'password'; password: SecretSource }
  | { method: 'key'; keyFile: string; passphrase?: SecretSource }
  | { method: 'agent' };

/** A host with every default applied. Holds no secret, only where secrets come from. */
export interface ResolvedHost {
  /** Stable id: the hostname to set, else the address (with ":port" when not 22). */
  id: string;
  /** Position in `hosts[]`. */
  index: number;
  address: string;
  port: number;
  user: string;
  auth: ResolvedAuth;
  /** How to become root: not needed (user is root), sudo without password, or with one. */
  sudo: { mode: 'root' } | { mode: 'nopasswd' } | { mode: 'password'; password: SecretSource };
  hostname?: string;
  role: Role;
  labels: Record<string, string>;
  advertiseAddress?: string;
}

export interface ResolvedJumpHost {
  address: string;
  port: number;
  user: string;
  auth: ResolvedAuth;
}

/** The secret values of one host (or of the jump host). */
export interface HostSecrets {
  password?: string;
  keyPassphrase?: string;
  sudoPassword?: string;
}

export type SecretKind = keyof HostSecrets;

/** Login fields as they appear on a host, its defaults or the jump host. */
interface LoginFields {
  password?: string;
  passwordEnv?: string;
  keyFile?: string;
  keyPassphrase?: string;
  keyPassphraseEnv?: string;
  agent?: boolean;
  sudoPassword?: string;
  sudoPasswordEnv?: string;
}

function namesMethod(fields: LoginFields): boolean {
  return (
    fields.password !== undefined ||
    fields.passwordEnv !== undefined ||
    fields.keyFile !== undefined ||
    fields.agent === true
  );
}

function source(inline: string | undefined, env: string | undefined): SecretSource | undefined {
  if (inline !== undefined) return { from: 'inline' };
  if (env !== undefined) return { from: 'env', name: env };
  return undefined;
}

/** The login fields that apply to a host: its own method, else the defaults' (see module doc). */
export function effectiveLogin(host: LoginFields, defaults: LoginFields): LoginFields {
  const method = namesMethod(host) ? host : defaults;
  const passphrase =
    host.keyPassphrase !== undefined || host.keyPassphraseEnv !== undefined ? host : defaults;
  const sudo =
    host.sudoPassword !== undefined || host.sudoPasswordEnv !== undefined ? host : defaults;
  return {
    password: method.password,
    passwordEnv: method.passwordEnv,
    keyFile: method.keyFile,
    agent: method.agent,
    keyPassphrase: passphrase.keyPassphrase,
    keyPassphraseEnv: passphrase.keyPassphraseEnv,
    sudoPassword: sudo.sudoPassword,
    sudoPasswordEnv: sudo.sudoPasswordEnv,
  };
}

function authOf(login: LoginFields): ResolvedAuth {
  if (login.keyFile !== undefined) {
    const passphrase = source(login.keyPassphrase, login.keyPassphraseEnv);
    return passphrase
      ? { method: 'key', keyFile: login.keyFile, passphrase }
      : { method: 'key', keyFile: login.keyFile };
  }
  if (login.agent === true) return { method: 'agent' };
  return {
    method: 'password',
    password: source(login.password, login.passwordEnv) ?? { from: 'prompt' },
  };
}

/** The id a host gets: hostname, else address, else address:port. */
export function hostId(host: { hostname?: string; address: string; port: number }): string {
  if (host.hostname !== undefined) return host.hostname;
  return host.port === 22 ? host.address : `${host.address}:${host.port}`;
}

export function resolveHost(host: Host, defaults: HostDefaults, index: number): ResolvedHost {
  const login = effectiveLogin(host, defaults);
  const port = host.port ?? defaults.port ?? INVENTORY_DEFAULTS.ssh.port;
  const user = host.user ?? defaults.user ?? INVENTORY_DEFAULTS.ssh.user;
  const sudoSource = source(login.sudoPassword, login.sudoPasswordEnv);
  const resolved: ResolvedHost = {
    id: hostId({ hostname: host.hostname, address: host.address, port }),
    index,
    address: host.address,
    port,
    user,
    auth: authOf(login),
    sudo:
      user === 'root'
        ? { mode: 'root' }
        : sudoSource
          ? { mode: 'password', password: sudoSource }
          : { mode: 'nopasswd' },
    role: host.role ?? defaults.role ?? INVENTORY_DEFAULTS.role,
    labels: { ...defaults.labels, ...host.labels },
  };
  if (host.hostname !== undefined) resolved.hostname = host.hostname;
  if (host.advertiseAddress !== undefined) resolved.advertiseAddress = host.advertiseAddress;
  return resolved;
}

/** Every host of the inventory with its defaults applied, in inventory order. */
export function resolveHosts(inventory: Inventory): ResolvedHost[] {
  return inventory.hosts.map((host, index) => resolveHost(host, inventory.defaults, index));
}

export function resolveJumpHost(inventory: Inventory): ResolvedJumpHost | undefined {
  const jump: JumpHost | undefined = inventory.jumpHost;
  if (!jump) return undefined;
  return { address: jump.address, port: jump.port, user: jump.user, auth: authOf(jump) };
}

// ---------------------------------------------------------------------------------------
// Secrets

/** Environment variables to read secrets from; pass `process.env` or a test's object. */
export type SecretEnv = Readonly<Record<string, string | undefined>>;

/** Answers a person gave for {@link MissingSecret}s, keyed by {@link MissingSecret.key}. */
export type SecretAnswers = Readonly<Record<string, string>>;

/** The id under which the jump host appears in {@link MissingSecret.targets}. */
export const JUMP_HOST_TARGET = '(jump host)';

/** A secret that must be asked for before a run can start. */
export interface MissingSecret {
  /**
   * What to answer under: `env:NAME` for an environment variable (one answer for every
   * host that names it), `prompt:<host id>:<kind>` for a host that names no login at all.
   */
  key: string;
  /** What the secret is used as (one variable may serve as SSH and sudo password). */
  kinds: SecretKind[];
  /** The environment variable that was not set, when there is one. */
  env?: string;
  /** Host ids (or {@link JUMP_HOST_TARGET}) that need it. */
  targets: string[];
  /** A question to show, e.g. "SSH password for node01, node02 (SWARM_PASSWORD)". */
  prompt: string;
}

export interface SecretsResolution {
  /** Secrets per host id. Hosts that need none have an empty object. */
  hosts: Map<string, HostSecrets>;
  jumpHost?: HostSecrets;
  missing: MissingSecret[];
}

const KIND_LABEL: Record<SecretKind, string> = {
  password: 'SSH password',
  keyPassphrase: 'key passphrase',
  sudoPassword: 'sudo password',
};

interface Need {
  target: string;
  kind: SecretKind;
  source: SecretSource;
  inline: string | undefined;
}

function needsOf(
  target: string,
  login: LoginFields,
  auth: ResolvedAuth,
  sudo: ResolvedHost['sudo'] | undefined,
): Need[] {
  const needs: Need[] = [];
  if (auth.method === 'password')
    needs.push({ target, kind: 'password', source: auth.password, inline: login.password });
  if (auth.method === 'key' && auth.passphrase)
    needs.push({
      target,
      kind: 'keyPassphrase',
      source: auth.passphrase,
      inline: login.keyPassphrase,
    });
  if (sudo?.mode === 'password')
    needs.push({ target, kind: 'sudoPassword', source: sudo.password, inline: login.sudoPassword });
  return needs;
}

/**
 * Reads every secret of the inventory: inline values, then `env`, then `answers`. An
 * environment variable that is unset or empty counts as missing. Pure: nothing is read
 * from `process.env` unless the caller passes it.
 */
export function resolveSecrets(
  inventory: Inventory,
  env: SecretEnv = {},
  answers: SecretAnswers = {},
): SecretsResolution {
  const needs: Need[] = [];
  const hosts = new Map<string, HostSecrets>();
  for (const [index, host] of inventory.hosts.entries()) {
    const resolved = resolveHost(host, inventory.defaults, index);
    hosts.set(resolved.id, {});
    needs.push(
      ...needsOf(
        resolved.id,
        effectiveLogin(host, inventory.defaults),
        resolved.auth,
        resolved.sudo,
      ),
    );
  }
  const jump = inventory.jumpHost;
  const result: SecretsResolution = { hosts, missing: [] };
  if (jump) {
    result.jumpHost = {};
    needs.push(...needsOf(JUMP_HOST_TARGET, jump, authOf(jump), undefined));
  }

  const missing = new Map<string, MissingSecret>();
  for (const need of needs) {
    const bucket = need.target === JUMP_HOST_TARGET ? result.jumpHost : hosts.get(need.target);
    if (!bucket) continue;
    let value: string | undefined;
    let key: string;
    if (need.source.from === 'inline') {
      value = need.inline;
      key = '';
    } else if (need.source.from === 'env') {
      key = `env:${need.source.name}`;
      value = nonEmpty(env[need.source.name]) ?? nonEmpty(answers[key]);
    } else {
      key = `prompt:${need.target}:${need.kind}`;
      value = nonEmpty(answers[key]);
    }
    if (value !== undefined) {
      bucket[need.kind] = value;
      continue;
    }
    const entry = missing.get(key) ?? {
      key,
      kinds: [],
      ...(need.source.from === 'env' ? { env: need.source.name } : {}),
      targets: [],
      prompt: '',
    };
    if (!entry.kinds.includes(need.kind)) entry.kinds.push(need.kind);
    if (!entry.targets.includes(need.target)) entry.targets.push(need.target);
    missing.set(key, entry);
  }
  result.missing = [...missing.values()].map((entry) => ({
    ...entry,
    prompt: `${entry.kinds.map((kind) => KIND_LABEL[kind]).join(' / ')} for ${entry.targets.join(', ')}${
      entry.env ? ` (${entry.env} is not set)` : ''
    }`,
  }));
  return result;
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.length === 0 ? undefined : value;
}

/**
 * The missing secrets a run still needs when the app key is on the hosts already (a finished
 * swarm): the key stands in for a host's own login, not for a sudo password or the jump host's.
 */
export function neededDespiteAppKey(missing: readonly MissingSecret[]): MissingSecret[] {
  return missing.filter(
    (entry) => entry.targets.includes(JUMP_HOST_TARGET) || entry.kinds.includes('sudoPassword'),
  );
}

/** What must be asked for before a run (see {@link resolveSecrets}); empty when nothing. */
export function missingSecrets(
  inventory: Inventory,
  env: SecretEnv = {},
  answers: SecretAnswers = {},
): MissingSecret[] {
  return resolveSecrets(inventory, env, answers).missing;
}

/** Every secret value of a resolution, for building a Redactor. */
export function secretValues(resolution: SecretsResolution): string[] {
  const values = new Set<string>();
  const all = [...resolution.hosts.values(), ...(resolution.jumpHost ? [resolution.jumpHost] : [])];
  for (const secrets of all) {
    for (const value of Object.values(secrets))
      if (typeof value === 'string' && value.length > 0) values.add(value);
  }
  return [...values];
}
