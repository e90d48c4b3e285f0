/**
 * Validation: the zod schema, its issues turned into {@link Issue}s that name the host and
 * the field and say how to fix them, then checks that look across hosts.
 */
import { z } from 'zod';
import { Redactor } from '../redact';
import { DOCKER_UNMANAGED_DAEMON_KEYS } from './daemon';
import type { Issue, PathSegment, ValidationResult } from './issues';
import { closest, formatPath } from './issues';
import type { Cidr4 } from './net';
import { cidrContains, cidrsOverlap, isIPv4, isPrivateBlock, parseCidr4 } from './net';
import type { ResolvedHost } from './resolve';
import { effectiveLogin, resolveHosts } from './resolve';
import { findControlCharacter, isSecretSchema, show } from './rules';
import { objectKeys, schemaAt, unwrapSchema } from './schema-walk';
import type { Inventory } from './schema';
import { InventorySchema } from './schema';

export interface ValidateOptions {
  /** Finds the YAML position of a path, so issues can carry line:col. */
  locate?: (path: readonly PathSegment[]) => { line: number; col: number } | undefined;
  /**
   * How secret values were spelled in the source (YAML's `0x1F` for 31), hidden from every
   * message like the values themselves.
   */
  secretSpellings?: readonly string[];
}

export type InventoryResult =
  | (ValidationResult & { ok: true; inventory: Inventory })
  | (ValidationResult & { ok: false; inventory?: undefined });

/** Validates plain data (parsed YAML, or what the wizard built) as an inventory. */
export function validateInventory(given: unknown, options: ValidateOptions = {}): InventoryResult {
  const { data, normalised } = withSubnetNormalised(given);
  const parsed = InventorySchema.safeParse(data, { reportInput: true });
  const label = (path: readonly PathSegment[]) => hostLabel(data, path);
  const hide = secretHider([...secretValuesIn(data), ...(options.secretSpellings ?? [])]);
  const finish = (issues: RawIssue[]) =>
    issues.map((issue) => hide(toIssue(issue, label, options.locate)));
  if (!parsed.success) {
    const errors = finish(parsed.error.issues.flatMap((issue) => fromZod(issue, [])));
    return { ok: false, errors: byPosition(dedupe(errors)), warnings: [] };
  }
  const { errors, warnings } = crossCheck(parsed.data);
  const result = { errors: finish(errors), warnings: finish([...normalised, ...warnings]) };
  if (result.errors.length > 0) return { ok: false, ...result };
  return { ok: true, inventory: parsed.data, ...result };
}

/**
 * The tutorial writes `--subnet 172.168.0.1/24`, which Docker takes as 172.168.0.0/24: a subnet
 * with host bits set is taken as its network, and said so. Anything else is left to the schema.
 */
function withSubnetNormalised(data: unknown): { data: unknown; normalised: RawIssue[] } {
  const swarm = isRecord(data) ? data.swarm : undefined;
  const network = isRecord(swarm) ? swarm.network : undefined;
  const subnet = isRecord(network) ? network.subnet : undefined;
  const block = typeof subnet === 'string' ? parseCidr4(subnet) : undefined;
  if (
    !block ||
    block.network === subnet ||
    !isRecord(data) ||
    !isRecord(swarm) ||
    !isRecord(network)
  ) {
    return { data, normalised: [] };
  }
  return {
    data: { ...data, swarm: { ...swarm, network: { ...network, subnet: block.network } } },
    normalised: [
      {
        path: ['swarm', 'network', 'subnet'],
        message: `${JSON.stringify(subnet)} has host bits set: it is taken as ${block.network}, as Docker would`,
        fix: `write ${JSON.stringify(block.network)} to say so`,
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// Secrets: issues about a secret field are worded without its value (fromSecretZod), and
// any other message that happens to hold a secret's text has it hidden (secretHider).

/** Whether `path` is a secret field or inside one (a list or mapping typed where text goes). */
export function isSecretPath(path: readonly PathSegment[]): boolean {
  for (let end = 1; end <= path.length; end++) {
    if (isSecretSchema(schemaAt(InventorySchema, path.slice(0, end)))) return true;
  }
  return false;
}

/** The deepest a secret value is searched for: inventories nest a few levels, not hundreds. */
const MAX_SECRET_SEARCH_DEPTH = 32;

/**
 * The texts of every value typed into a secret field, whatever its type: strings, numbers and
 * mapping keys, also inside lists and mappings. Booleans are left out: "true" is in many
 * messages, and the only message about a boolean secret is worded without it.
 */
export function secretValuesIn(data: unknown): string[] {
  const found: string[] = [];
  const walk = (node: unknown, path: PathSegment[], inSecret: boolean): void => {
    if (path.length > MAX_SECRET_SEARCH_DEPTH) return;
    const schema = inSecret ? undefined : schemaAt(InventorySchema, path);
    const secretHere = inSecret || isSecretSchema(schema);
    // Below a path the schema does not know there is no secret field (unknown keys).
    if (!secretHere && schema === undefined) return;
    if (Array.isArray(node)) {
      node.forEach((item: unknown, index) => walk(item, [...path, index], secretHere));
    } else if (isRecord(node)) {
      for (const [key, value] of Object.entries(node)) {
        if (secretHere) found.push(key);
        walk(value, [...path, key], secretHere);
      }
    } else if (
      secretHere &&
      (typeof node === 'string' || typeof node === 'number' || typeof node === 'bigint')
    ) {
      found.push(String(node));
    }
  };
  walk(data, [], false);
  return found;
}

/** Hides the given secret texts in an issue's words (its path is structure: keys, indexes). */
function secretHider(secrets: readonly string[]): (issue: Issue) => Issue {
  const redactor = new Redactor(secrets);
  if (redactor.size === 0) return (issue) => issue;
  return (issue) => {
    const hidden: Issue = {
      ...issue,
      message: redactor.redact(issue.message),
      fix: redactor.redact(issue.fix),
    };
    if (issue.host !== undefined) hidden.host = redactor.redact(issue.host);
    return hidden;
  };
}

function kindOf(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'number' || typeof value === 'bigint') return 'a number';
  if (typeof value === 'boolean') return 'a yes/no value';
  return `a ${typeof value}`;
}

/**
 * A zod issue about a secret field, worded without its value: the type it has, never what
 * it holds. Custom issues are the schema's own checks, which never quote the value.
 */
function fromSecretZod(issue: z.core.$ZodIssue, path: PathSegment[]): RawIssue {
  const key = lastKey(path);
  const instead = `or keep it out of the file: ${key}Env names an environment variable that holds it`;
  if (issue.code === 'custom') {
    const params: unknown = issue.params;
    const fix = isRecord(params) && typeof params.fix === 'string' ? params.fix : '';
    return { path, message: issue.message, fix };
  }
  const input: unknown = 'input' in issue ? issue.input : undefined;
  if (issue.code === 'invalid_type') {
    if (input === undefined) return { path, message: 'is missing', fix: `add ${key}` };
    if (input === null)
      return {
        path,
        message: `expected text, got ${kindOf(input)}`,
        fix: `write a value after "${key}:" or remove the key`,
      };
    return {
      path,
      message: `expected text, got ${kindOf(input)}`,
      fix: `write the ${key} as text in quotes (${key}: "…"), ${instead}`,
    };
  }
  return {
    path,
    message: 'is not valid (a secret: its value is not shown)',
    fix: `write the ${key} as text in quotes, ${instead}`,
  };
}

// ---------------------------------------------------------------------------------------
// From zod issues

interface RawIssue {
  path: PathSegment[];
  message: string;
  fix: string;
}

function toIssue(
  raw: RawIssue,
  label: (path: readonly PathSegment[]) => string | undefined,
  locate: ValidateOptions['locate'],
): Issue {
  const issue: Issue = { path: formatPath(raw.path), message: raw.message, fix: raw.fix };
  const host = label(raw.path);
  if (host !== undefined) issue.host = host;
  const position = locate?.(raw.path);
  if (position) {
    issue.line = position.line;
    issue.col = position.col;
  }
  return issue;
}

/** In file order when positions are known (stable otherwise). */
function byPosition(issues: Issue[]): Issue[] {
  return issues
    .map((issue, index) => ({ issue, index }))
    .sort(
      (a, b) =>
        (a.issue.line ?? Infinity) - (b.issue.line ?? Infinity) ||
        (a.issue.col ?? 0) - (b.issue.col ?? 0) ||
        a.index - b.index,
    )
    .map(({ issue }) => issue);
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((issue) => {
    const key = `${issue.path}\u0000${issue.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The address of hosts[n] for messages, when the path is inside a host and it has one. */
function hostLabel(data: unknown, path: readonly PathSegment[]): string | undefined {
  if (path[0] !== 'hosts' || typeof path[1] !== 'number') return undefined;
  if (!isRecord(data) || !Array.isArray(data.hosts)) return undefined;
  const host: unknown = data.hosts[path[1]];
  if (!isRecord(host) || typeof host.address !== 'string') return undefined;
  const address = host.address;
  if (address.length === 0 || address.length > 80 || findControlCharacter(address) !== undefined)
    return undefined;
  return address;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function toSegments(path: readonly PropertyKey[]): PathSegment[] {
  return path.map((segment) => (typeof segment === 'number' ? segment : String(segment)));
}

/** Texts longer than this are described by their length in messages, not quoted whole. */
const MAX_QUOTED_LENGTH = 80;

function isLongText(value: unknown): value is string {
  return typeof value === 'string' && value.length > MAX_QUOTED_LENGTH;
}

/** A value for a message: quoted, or for a long text its length only. */
function quote(value: unknown): string {
  return isLongText(value) ? `a text of ${value.length} characters` : show(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null (an empty value)';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string')
    return isLongText(value) ? quote(value) : `the text ${show(value)}`;
  return `${typeof value} ${show(value)}`;
}

const EXPECTED: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'a mapping (key: value lines)',
  array: 'a list (lines starting with "- ")',
};

function lastKey(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'value';
}

function typeFix(expected: string, input: unknown, path: readonly PathSegment[]): string {
  const key = lastKey(path);
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean'))
    return `put the value in quotes: ${key}: "${String(input)}"`;
  if (
    (expected === 'number' || expected === 'int') &&
    typeof input === 'string' &&
    /^\s*-?\d+(\.\d+)?\s*$/.test(input)
  )
    return `write the number without quotes: ${key}: ${input.trim()}`;
  if (expected === 'int' && typeof input === 'number')
    return `use a whole number, e.g. ${Math.round(input)}`;
  if (
    expected === 'boolean' &&
    typeof input === 'string' &&
    /^(true|false|yes|no|on|off)$/i.test(input)
  )
    return `write ${/^(true|yes|on)$/i.test(input) ? 'true' : 'false'} without quotes`;
  if (expected === 'array' && (typeof input === 'string' || typeof input === 'number'))
    return isLongText(input) ? 'write a list' : `write a list: ${key}: [${show(input)}]`;
  if (input === null) return `write a value after "${key}:" or remove the key`;
  return `write ${EXPECTED[expected] ?? expected}`;
}

function fromZod(issue: z.core.$ZodIssue, prefix: readonly PathSegment[]): RawIssue[] {
  const path = [...prefix, ...toSegments(issue.path)];
  if (isSecretPath(path)) return [fromSecretZod(issue, path)];
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'custom': {
      const params: unknown = issue.params;
      const fix = isRecord(params) && typeof params.fix === 'string' ? params.fix : '';
      return [{ path, message: issue.message, fix }];
    }
    case 'invalid_type': {
      if (input === undefined) {
        return [{ path, message: 'is missing', fix: `add ${lastKey(path)}` }];
      }
      const expected = String(issue.expected);
      return [
        {
          path,
          message: `expected ${EXPECTED[expected] ?? expected}, got ${describe(input)}`,
          fix: typeFix(expected, input, path),
        },
      ];
    }
    case 'too_small':
    case 'too_big': {
      const small = issue.code === 'too_small';
      const bound = Number(small ? issue.minimum : issue.maximum);
      if (issue.origin === 'array' || issue.origin === 'set') {
        return [
          {
            path,
            message: small
              ? `needs at least ${bound} item${bound === 1 ? '' : 's'}`
              : `has more than ${bound} items`,
            fix: small
              ? lastKey(path) === 'hosts'
                ? 'add at least one host with an address'
                : 'add an item'
              : `keep at most ${bound}`,
          },
        ];
      }
      const range = numberRange(path);
      return [
        {
          path,
          message: `${quote(input)} is ${small ? 'below the minimum' : 'above the maximum'} ${bound}`,
          fix: range ?? `use a number ${small ? 'of at least' : 'of at most'} ${bound}`,
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      const near = typeof input === 'string' && !isLongText(input) ? closest(input, values, 1) : [];
      return [
        {
          path,
          message: `${quote(input)} is not one of the choices`,
          fix: `${near[0] !== undefined ? `did you mean ${show(near[0])}? ` : ''}use one of: ${values.join(', ')}`,
        },
      ];
    }
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(path, key));
    case 'invalid_key':
    case 'invalid_element': {
      const nested = issue.issues.flatMap((inner) => fromZod(inner, path));
      if (issue.code === 'invalid_key') {
        // Keep the key in the path, but the nested issue is about the key itself.
        return nested.map((raw) => ({ ...raw, message: `key ${raw.message}` }));
      }
      return nested;
    }
    case 'invalid_union':
      return [
        {
          path,
          message: `${quote(input)} is not valid here`,
          fix: 'see docs/inventory.schema.json for the accepted forms',
        },
      ];
    case 'invalid_format':
    case 'not_multiple_of':
      return [
        {
          path,
          message: `${quote(input)} is not valid: ${issue.message}`,
          fix: 'see docs/inventory.schema.json',
        },
      ];
  }
}

/** "use a number from 1 to 65535", from the schema at that path. */
function numberRange(path: readonly PathSegment[]): string | undefined {
  const schema = schemaAt(InventorySchema, path);
  if (!(schema instanceof z.ZodNumber)) return undefined;
  const { minValue, maxValue } = schema;
  if (
    minValue === null ||
    maxValue === null ||
    !Number.isFinite(minValue) ||
    !Number.isFinite(maxValue)
  )
    return undefined;
  return `use a number from ${minValue} to ${maxValue}`;
}

/** Every object key of the schema with the paths it is valid at, for "belongs under …". */
function keyPlaces(): Map<string, string[]> {
  const places = new Map<string, string[]>();
  const visit = (schema: z.core.$ZodType, path: string, depth: number) => {
    const inner = unwrapSchema(schema);
    if (depth > 6) return;
    if (inner instanceof z.ZodObject) {
      for (const [key, child] of Object.entries(inner.shape as Record<string, z.core.$ZodType>)) {
        const list = places.get(key) ?? [];
        list.push(path);
        places.set(key, list);
        visit(child, path ? `${path}.${key}` : key, depth + 1);
      }
    } else if (inner instanceof z.ZodArray) {
      visit(inner.element, `${path}[]`, depth + 1);
    }
  };
  visit(InventorySchema, '', 0);
  return places;
}

let cachedPlaces: Map<string, string[]> | undefined;

function unknownKey(path: PathSegment[], key: string): RawIssue {
  const at = [...path, key];
  const where = formatPath(path);
  const schema = schemaAt(InventorySchema, path);
  const known = objectKeys(schema);
  const shown = isLongText(key) ? `(a key of ${key.length} characters)` : show(key);
  if (where === 'docker.daemon' && DOCKER_UNMANAGED_DAEMON_KEYS.includes(key)) {
    return {
      path: at,
      message: `${shown} is a Docker daemon option swarmlab does not manage`,
      fix: 'remove it here and set it on the hosts yourself; swarmlab writes only the daemon.json keys listed in docs/inventory.schema.json',
    };
  }
  // No known key is long: a long one is compared with none (edit distance grows with length).
  const near = isLongText(key) ? [] : closest(key, known);
  const hints: string[] = [];
  if (near.length > 0) hints.push(`did you mean ${near.map((name) => show(name)).join(' or ')}?`);
  else {
    cachedPlaces ??= keyPlaces();
    const elsewhere = (cachedPlaces.get(key) ?? []).filter(
      (place) => place !== where.replace(/\[\d+\]/g, '[]'),
    );
    if (elsewhere.length > 0)
      hints.push(
        `${shown} belongs under ${elsewhere.map((place) => place || 'the top level').join(' or ')}`,
      );
  }
  if (hints.length === 0 && known.length > 0) hints.push(`known keys: ${known.join(', ')}`);
  return {
    path: at,
    message: `unknown key ${shown}`,
    fix: hints.length > 0 ? `remove it or fix the spelling; ${hints.join('; ')}` : 'remove it',
  };
}

// ---------------------------------------------------------------------------------------
// Across hosts and sections

interface Checks {
  errors: RawIssue[];
  warnings: RawIssue[];
}

/** Docker's own networks a subnet should stay away from. */
const DOCKER_DEFAULT_BRIDGE = '172.17.0.0/16';
const SWARM_INGRESS = '10.0.0.0/24';

/** Failures a swarm with `managers` managers survives (Raft needs a majority). */
export function toleratedFailures(managers: number): number {
  return Math.max(0, Math.floor((managers - 1) / 2));
}

function crossCheck(inventory: Inventory): Checks {
  const errors: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  const hosts = resolveHosts(inventory);

  // Duplicates: address+port, hostname, id.
  const seen = {
    endpoint: new Map<string, number>(),
    hostname: new Map<string, number>(),
    id: new Map<string, number>(),
  };
  for (const host of hosts) {
    let reported = false;
    const endpoint = `${host.address.toLowerCase()}:${host.port}`;
    const first = seen.endpoint.get(endpoint);
    if (first !== undefined) {
      reported = true;
      errors.push({
        path: ['hosts', host.index, 'address'],
        message: `${host.address} port ${host.port} is already hosts[${first}]`,
        fix: 'remove the duplicate host, or give it a different address or port',
      });
    } else seen.endpoint.set(endpoint, host.index);

    if (host.hostname !== undefined) {
      const name = host.hostname.toLowerCase();
      const other = seen.hostname.get(name);
      if (other !== undefined) {
        reported = true;
        errors.push({
          path: ['hosts', host.index, 'hostname'],
          message: `hostname ${show(host.hostname)} is already used by hosts[${other}]`,
          fix: 'give every host its own hostname, e.g. node01, node02, node03',
        });
      } else seen.hostname.set(name, host.index);
      if (host.hostname !== name) {
        warnings.push({
          path: ['hosts', host.index, 'hostname'],
          message: `hostname ${show(host.hostname)} has capital letters`,
          fix: `lowercase is recommended (DNS ignores case, some tools do not): ${show(name)}`,
        });
      }
    }
    // A hostname may equal another host's address (a DNS name): both would get the same id.
    const otherId = seen.id.get(host.id.toLowerCase());
    if (otherId === undefined) seen.id.set(host.id.toLowerCase(), host.index);
    else if (!reported) {
      errors.push({
        path: ['hosts', host.index, host.hostname !== undefined ? 'hostname' : 'address'],
        message: `${show(host.id)} would name two hosts (hosts[${otherId}] and hosts[${host.index}])`,
        fix: 'give both hosts distinct hostnames',
      });
    }

    checkLogin(inventory, host, warnings);
  }

  // Managers and quorum.
  const managers = hosts.filter((host) => host.role === 'manager').length;
  if (managers === 0) {
    errors.push({
      path: ['hosts'],
      message: 'no host is a manager',
      fix: 'set role: manager on one host (or on 3 for a swarm that survives a failure)',
    });
  } else if (managers % 2 === 0) {
    const tolerated = toleratedFailures(managers);
    warnings.push({
      path: ['hosts'],
      message: `${managers} managers tolerate ${tolerated} failure${tolerated === 1 ? '' : 's'}, same as ${managers - 1}`,
      fix: 'use an odd number of managers: 1, 3 or 5',
    });
  }
  if (managers > 7) {
    warnings.push({
      path: ['hosts'],
      message: `${managers} managers: every change waits for a majority of them`,
      fix: 'Docker recommends at most 7 managers; make the others workers',
    });
  }

  checkSubnets(inventory, hosts, warnings);
  checkOptions(inventory, warnings);
  return { errors, warnings };
}

function checkLogin(inventory: Inventory, host: ResolvedHost, warnings: RawIssue[]): void {
  const raw = inventory.hosts[host.index];
  if (!raw) return;
  const login = effectiveLogin(raw, inventory.defaults);
  const at = (field: string): PathSegment[] =>
    (raw as Record<string, unknown>)[field] !== undefined
      ? ['hosts', host.index, field]
      : ['defaults', field];
  if (host.auth.method === 'password' && host.auth.password.from === 'prompt') {
    warnings.push({
      path: ['hosts', host.index],
      message: 'no login method is set',
      fix: 'swarmlab will ask for the SSH password; to avoid that set passwordEnv, keyFile or agent: true here or in defaults',
    });
  }
  if (
    host.auth.method !== 'key' &&
    (login.keyPassphrase !== undefined || login.keyPassphraseEnv !== undefined)
  ) {
    const field = login.keyPassphrase !== undefined ? 'keyPassphrase' : 'keyPassphraseEnv';
    warnings.push({
      path: at(field),
      message: `${field} is ignored: this host logs in with ${host.auth.method}`,
      fix: 'remove it, or set keyFile',
    });
  }
  if (
    host.sudo.mode === 'root' &&
    (login.sudoPassword !== undefined || login.sudoPasswordEnv !== undefined)
  ) {
    const field = login.sudoPassword !== undefined ? 'sudoPassword' : 'sudoPasswordEnv';
    if (at(field)[0] === 'hosts') {
      warnings.push({
        path: at(field),
        message: `${field} is ignored: the user is root`,
        fix: 'remove it',
      });
    }
  }
}

function checkSubnets(inventory: Inventory, hosts: ResolvedHost[], warnings: RawIssue[]): void {
  const subnetText = inventory.swarm.network.subnet;
  const subnet = parseCidr4(subnetText);
  const daemon = inventory.docker.daemon ?? {};
  const subnetPath: PathSegment[] = ['swarm', 'network', 'subnet'];
  const bridge = parseCidr4(daemon.bip ?? DOCKER_DEFAULT_BRIDGE);
  const pools = (daemon['default-address-pools'] ?? [])
    .map((pool, index) => ({ index, block: parseCidr4(pool.base) }))
    .filter((pool): pool is { index: number; block: Cidr4 } => pool.block !== undefined);

  if (subnet) {
    for (const host of hosts) {
      for (const [field, address] of [
        ['address', host.address],
        ['advertiseAddress', host.advertiseAddress],
      ] as const) {
        if (address !== undefined && isIPv4(address) && cidrContains(subnet, address)) {
          warnings.push({
            path: subnetPath,
            message: `overlay subnet ${subnetText} contains ${host.id}'s ${field} ${address}`,
            fix: 'choose a subnet no host is in, e.g. "10.10.0.0/24" or "10.200.0.0/24"',
          });
        }
      }
    }
    if (bridge && cidrsOverlap(subnet, bridge)) {
      warnings.push({
        path: subnetPath,
        message: `overlay subnet ${subnetText} overlaps docker0 (${bridge.network}${daemon.bip ? ', from bip' : ', Docker’s default bridge'})`,
        fix: 'choose a subnet outside it, e.g. "10.10.0.0/24"',
      });
    }
    if (!isPrivateBlock(subnet)) {
      warnings.push({
        path: subnetPath,
        message: `overlay subnet ${subnetText} is public address space (not RFC 1918): containers could not reach the real internet addresses it shadows`,
        fix: 'use a private block, e.g. "172.20.0.0/24" (172.16–31.x), "10.10.0.0/24" or "192.168.100.0/24"',
      });
    }
    const ingress = parseCidr4(SWARM_INGRESS);
    if (ingress && cidrsOverlap(subnet, ingress)) {
      warnings.push({
        path: subnetPath,
        message: `overlay subnet ${subnetText} overlaps the swarm's ingress network (${SWARM_INGRESS})`,
        fix: 'choose another subnet, e.g. "10.10.0.0/24"',
      });
    }
    for (const pool of pools) {
      if (cidrsOverlap(subnet, pool.block)) {
        warnings.push({
          path: subnetPath,
          message: `overlay subnet ${subnetText} overlaps default-address-pools[${pool.index}] (${pool.block.network})`,
          fix: 'move the overlay subnet or the pool so they do not overlap',
        });
      }
    }
  }

  // Docker's own ranges against the hosts' network.
  const dockerRanges: { path: PathSegment[]; block: Cidr4; what: string }[] = [];
  if (daemon.bip !== undefined && bridge)
    dockerRanges.push({ path: ['docker', 'daemon', 'bip'], block: bridge, what: 'bip' });
  for (const pool of pools)
    dockerRanges.push({
      path: ['docker', 'daemon', 'default-address-pools', pool.index, 'base'],
      block: pool.block,
      what: 'address pool',
    });
  for (const range of dockerRanges) {
    const inside = hosts.filter(
      (host) => isIPv4(host.address) && cidrContains(range.block, host.address),
    );
    if (inside.length > 0) {
      warnings.push({
        path: range.path,
        message: `${range.what} ${range.block.network} contains host address ${inside.map((host) => host.address).join(', ')}`,
        fix: 'hosts would lose the route to each other; choose a range outside your LAN',
      });
    }
  }
}

function checkOptions(inventory: Inventory, warnings: RawIssue[]): void {
  const { prepare, docker, swarm } = inventory;
  if (prepare.mirrorUrl !== undefined && prepare.mirror !== 'custom') {
    warnings.push({
      path: ['prepare', 'mirrorUrl'],
      message: `mirrorUrl is ignored: mirror is ${prepare.mirror}`,
      fix: 'set mirror: custom to use it, or remove it',
    });
  }
  if (docker.mirror !== undefined && docker.install !== 'mirror') {
    warnings.push({
      path: ['docker', 'mirror'],
      message: `docker.mirror is ignored: install is ${docker.install}`,
      fix: 'set install: mirror to install docker-ce from it, or remove it',
    });
  }
  if (docker.offlineBundle !== undefined && docker.install !== 'offline') {
    warnings.push({
      path: ['docker', 'offlineBundle'],
      message: `offlineBundle is ignored: install is ${docker.install}`,
      fix: 'set install: offline to use it, or remove it',
    });
  }
  if (docker.version !== undefined && docker.install === 'skip') {
    warnings.push({
      path: ['docker', 'version'],
      message: 'version is ignored: install is skip',
      fix: 'remove it, or choose an install method',
    });
  }
  const listen = docker.daemon?.hosts;
  if (listen !== undefined) {
    warnings.push({
      path: ['docker', 'daemon', 'hosts'],
      message:
        'daemon.json "hosts" conflicts with "-H fd://" in docker.service on most distributions',
      fix: 'dockerd will not start unless its systemd unit drops -H; remove hosts unless you need a TCP socket',
    });
    for (const [index, entry] of listen.entries()) {
      if (
        entry.startsWith('tcp://') &&
        !/^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(entry)
      ) {
        warnings.push({
          path: ['docker', 'daemon', 'hosts', index],
          message: `${show(entry)} exposes the Docker API without TLS: anyone who reaches it is root on the host`,
          fix: 'remove it, or bind it to 127.0.0.1, or set up TLS',
        });
      }
    }
  }
  if (swarm.network.encrypted && prepare.firewall === 'leave') {
    warnings.push({
      path: ['swarm', 'network', 'encrypted'],
      message:
        'an encrypted overlay needs IP protocol 50 (ESP) between nodes, and firewall is leave',
      fix: 'open ESP yourself, or set prepare.firewall: open-ports',
    });
  }
}
