/**
 * Validation: the zod schema, its issues turned into {@link Issue}s that name the host and
 * the field and say how to fix them, then checks that look across hosts.
 */
import { z } from 'zod';
import {
  inEachLanguage,
  inEveryLanguage,
  localizedSchema,
  type Localized,
} from '../../shared/localized';
import { localized, localizedAlternatives, localizedList } from '../../shared/messages';
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
        message: localized('validation.subnetHostBits', {
          given: JSON.stringify(subnet),
          network: block.network,
        }),
        fix: localized('validation.subnetHostBitsFix', { network: JSON.stringify(block.network) }),
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
    if (issue.localized) {
      const redact = (text: string) => redactor.redact(text);
      hidden.localized = {
        message: inEachLanguage(issue.localized.message, redact),
        fix: inEachLanguage(issue.localized.fix, redact),
      };
    }
    if (issue.host !== undefined) hidden.host = redactor.redact(issue.host);
    return hidden;
  };
}

/** The kind of a secret's value, never the value. */
function kindOf(value: unknown): Localized {
  if (value === null) return localized('schemaIssues.kinds.null');
  if (Array.isArray(value)) return localized('schemaIssues.kinds.list');
  if (typeof value === 'object') return localized('schemaIssues.kinds.mapping');
  if (typeof value === 'number' || typeof value === 'bigint')
    return localized('schemaIssues.kinds.number');
  if (typeof value === 'boolean') return localized('schemaIssues.kinds.yesNo');
  return localized('schemaIssues.kinds.other', { type: typeof value });
}

/**
 * A zod issue about a secret field, worded without its value: the type it has, never what
 * it holds. Custom issues are the schema's own checks, which never quote the value.
 */
function fromSecretZod(issue: z.core.$ZodIssue, path: PathSegment[]): RawIssue {
  const key = lastKey(path);
  if (issue.code === 'custom') return fromCustom(issue, path);
  const input: unknown = 'input' in issue ? issue.input : undefined;
  if (issue.code === 'invalid_type') {
    if (input === undefined)
      return {
        path,
        message: localized('schemaIssues.missing'),
        fix: localized('schemaIssues.missingFix', { key }),
      };
    const message = localized('schemaIssues.expected', {
      expected: localized('schemaIssues.kinds.text'),
      got: kindOf(input),
    });
    return {
      path,
      message,
      fix:
        input === null
          ? localized('schemaIssues.valueAfterKey', { key })
          : localized('schemaIssues.secretTypeFix', { key }),
    };
  }
  return {
    path,
    message: localized('schemaIssues.secretInvalid'),
    fix: localized('schemaIssues.secretFix', { key }),
  };
}

// ---------------------------------------------------------------------------------------
// From zod issues

interface RawIssue {
  path: PathSegment[];
  /** Catalog words where the check has them (every language); English text otherwise. */
  message: string | Localized;
  fix: string | Localized;
}

/** A rule's catalog words carried in its zod issue (rules.ts `must`), when well formed. */
function catalogWords(value: unknown): { message: Localized; fix: Localized } | undefined {
  const parsed = z.object({ message: localizedSchema, fix: localizedSchema }).safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

/** The schema's own check: its catalog words where it has them, its English otherwise. */
function fromCustom(issue: z.core.$ZodIssueCustom, path: PathSegment[]): RawIssue {
  const params: unknown = issue.params;
  const words = isRecord(params) ? catalogWords(params.localized) : undefined;
  if (words) return { path, ...words };
  const fix = isRecord(params) && typeof params.fix === 'string' ? params.fix : '';
  return { path, message: issue.message, fix };
}

function toIssue(
  raw: RawIssue,
  label: (path: readonly PathSegment[]) => string | undefined,
  locate: ValidateOptions['locate'],
): Issue {
  const message = inEveryLanguage(raw.message);
  const fix = inEveryLanguage(raw.fix);
  const issue: Issue = { path: formatPath(raw.path), message: message.en, fix: fix.en };
  if (typeof raw.message !== 'string' || typeof raw.fix !== 'string') {
    issue.localized = { message, fix };
  }
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
function quote(value: unknown): string | Localized {
  return isLongText(value)
    ? localized('schemaIssues.kinds.longText', { length: value.length })
    : show(value);
}

function describe(value: unknown): Localized {
  if (value === null) return localized('schemaIssues.kinds.null');
  if (Array.isArray(value)) return localized('schemaIssues.kinds.list');
  if (typeof value === 'object') return localized('schemaIssues.kinds.mapping');
  if (typeof value === 'string')
    return isLongText(value)
      ? localized('schemaIssues.kinds.longText', { length: value.length })
      : localized('schemaIssues.kinds.theText', { value: show(value) });
  if (typeof value === 'number' || typeof value === 'bigint')
    return localized('schemaIssues.kinds.numberValue', { value: show(value) });
  if (typeof value === 'boolean')
    return localized('schemaIssues.kinds.booleanValue', { value: show(value) });
  return localized('schemaIssues.kinds.other', { type: typeof value });
}

const EXPECTED_KINDS = ['string', 'number', 'int', 'boolean', 'object', 'array'] as const;

/** What a field needs, in words ("a whole number"); zod's own name for kinds it has no words for. */
function expectedWords(expected: string): string | Localized {
  const known = EXPECTED_KINDS.find((kind) => kind === expected);
  return known ? localized(`schemaIssues.expects.${known}`) : expected;
}

function lastKey(path: readonly PathSegment[]): string {
  for (let i = path.length - 1; i >= 0; i--) {
    const segment = path[i];
    if (typeof segment === 'string') return segment;
  }
  return 'value';
}

function typeFix(expected: string, input: unknown, path: readonly PathSegment[]): Localized {
  const key = lastKey(path);
  if (expected === 'string' && (typeof input === 'number' || typeof input === 'boolean'))
    return localized('schemaIssues.fixes.quoteIt', { key, value: String(input) });
  if (
    (expected === 'number' || expected === 'int') &&
    typeof input === 'string' &&
    /^\s*-?\d+(\.\d+)?\s*$/.test(input)
  )
    return localized('schemaIssues.fixes.unquoteNumber', { key, value: input.trim() });
  if (expected === 'int' && typeof input === 'number')
    return localized('schemaIssues.fixes.wholeNumber', { value: Math.round(input) });
  if (
    expected === 'boolean' &&
    typeof input === 'string' &&
    /^(true|false|yes|no|on|off)$/i.test(input)
  )
    return localized('schemaIssues.fixes.unquoteBoolean', {
      value: /^(true|yes|on)$/i.test(input) ? 'true' : 'false',
    });
  if (expected === 'array' && (typeof input === 'string' || typeof input === 'number'))
    return isLongText(input)
      ? localized('schemaIssues.fixes.writeList')
      : localized('schemaIssues.fixes.writeListOf', { key, value: show(input) });
  if (input === null) return localized('schemaIssues.valueAfterKey', { key });
  return localized('schemaIssues.fixes.write', { expected: expectedWords(expected) });
}

function fromZod(issue: z.core.$ZodIssue, prefix: readonly PathSegment[]): RawIssue[] {
  const path = [...prefix, ...toSegments(issue.path)];
  if (isSecretPath(path)) return [fromSecretZod(issue, path)];
  const input: unknown = 'input' in issue ? issue.input : undefined;
  switch (issue.code) {
    case 'custom':
      return [fromCustom(issue, path)];
    case 'invalid_type': {
      if (input === undefined) {
        return [
          {
            path,
            message: localized('schemaIssues.missing'),
            fix: localized('schemaIssues.missingFix', { key: lastKey(path) }),
          },
        ];
      }
      const expected = String(issue.expected);
      return [
        {
          path,
          message: localized('schemaIssues.expected', {
            expected: expectedWords(expected),
            got: describe(input),
          }),
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
              ? bound === 1
                ? localized('schemaIssues.tooFewItemsOne')
                : localized('schemaIssues.tooFewItems', { bound })
              : localized('schemaIssues.tooManyItems', { bound }),
            fix: small
              ? localized(
                  lastKey(path) === 'hosts' ? 'schemaIssues.addHost' : 'schemaIssues.addItem',
                )
              : localized('schemaIssues.keepAtMost', { bound }),
          },
        ];
      }
      const value = quote(input);
      return [
        {
          path,
          message: localized(small ? 'schemaIssues.belowMinimum' : 'schemaIssues.aboveMaximum', {
            value,
            bound,
          }),
          fix:
            numberRange(path) ??
            localized(small ? 'schemaIssues.atLeast' : 'schemaIssues.atMost', { bound }),
        },
      ];
    }
    case 'invalid_value': {
      const values = issue.values.map((value) => String(value));
      const near = typeof input === 'string' && !isLongText(input) ? closest(input, values, 1) : [];
      const choices = localizedList(values);
      return [
        {
          path,
          message: localized('schemaIssues.notAChoice', { value: quote(input) }),
          fix:
            near[0] !== undefined
              ? localized('schemaIssues.choicesNear', { near: show(near[0]), values: choices })
              : localized('schemaIssues.choices', { values: choices }),
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
        return nested.map((raw) => ({
          ...raw,
          message: localized('schemaIssues.key', { message: inEveryLanguage(raw.message) }),
        }));
      }
      return nested;
    }
    case 'invalid_union':
      return [
        {
          path,
          message: localized('schemaIssues.notValidHere', { value: quote(input) }),
          fix: localized('schemaIssues.acceptedForms'),
        },
      ];
    case 'invalid_format':
    case 'not_multiple_of':
      return [
        {
          path,
          message: localized('schemaIssues.notValid', {
            value: quote(input),
            reason: issue.message,
          }),
          fix: localized('schemaIssues.seeSchema'),
        },
      ];
  }
}

/** "use a number from 1 to 65535", from the schema at that path. */
function numberRange(path: readonly PathSegment[]): Localized | undefined {
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
  return localized('schemaIssues.numberRange', { min: minValue, max: maxValue });
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
  const shown = isLongText(key)
    ? localized('schemaIssues.longKey', { length: key.length })
    : show(key);
  if (where === 'docker.daemon' && DOCKER_UNMANAGED_DAEMON_KEYS.includes(key)) {
    return {
      path: at,
      message: localized('schemaIssues.unmanagedDaemonKey', { key: shown }),
      fix: localized('schemaIssues.unmanagedDaemonKeyFix'),
    };
  }
  return {
    path: at,
    message: localized('schemaIssues.unknownKey', { key: shown }),
    fix: unknownKeyFix(key, shown, where, known),
  };
}

/** How to mend an unknown key: the known one it is closest to, where it belongs, or the keys. */
function unknownKeyFix(
  key: string,
  shown: string | Localized,
  where: string,
  known: readonly string[],
): Localized {
  // No known key is long: a long one is compared with none (edit distance grows with length).
  const near = isLongText(key) ? [] : closest(key, known);
  let hint: Localized | undefined;
  if (near.length > 0)
    hint = localized('schemaIssues.didYouMean', {
      names: localizedAlternatives(near.map((name) => show(name))),
    });
  else {
    cachedPlaces ??= keyPlaces();
    const elsewhere = (cachedPlaces.get(key) ?? []).filter(
      (place) => place !== where.replace(/\[\d+\]/g, '[]'),
    );
    if (elsewhere.length > 0)
      hint = localized('schemaIssues.belongsUnder', {
        key: shown,
        places: localizedAlternatives(
          elsewhere.map((place) => place || localized('schemaIssues.topLevel')),
        ),
      });
  }
  if (hint === undefined && known.length > 0)
    hint = localized('schemaIssues.knownKeys', { keys: localizedList(known) });
  return hint
    ? localized('schemaIssues.removeOrRespell', { hint })
    : localized('schemaIssues.removeIt');
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

/**
 * Two hosts with the same address and port, hostname or name: both rows are marked, the later
 * one saying which host came first and the first one listing the hosts that repeat it.
 */
function checkDuplicates(hosts: readonly ResolvedHost[], errors: RawIssue[], warnings: RawIssue[]) {
  // A host as the table shows it: its number there and its address.
  const hostRef = (index: number) =>
    localized('validation.hostRef', {
      number: index + 1,
      address: hosts.find((host) => host.index === index)?.address ?? '',
    });
  const seen = {
    endpoint: new Map<string, number>(),
    hostname: new Map<string, number>(),
    id: new Map<string, number>(),
  };
  // The first host of each duplicated value, with the hosts that repeat it.
  const repeated = { endpoint: new Map<number, number[]>(), hostname: new Map<number, number[]>() };
  const repeat = (map: Map<number, number[]>, first: number, later: number) =>
    map.set(first, [...(map.get(first) ?? []), later]);

  for (const host of hosts) {
    let reported = false;
    const endpoint = `${host.address.toLowerCase()}:${host.port}`;
    const first = seen.endpoint.get(endpoint);
    if (first !== undefined) {
      reported = true;
      repeat(repeated.endpoint, first, host.index);
      errors.push({
        path: ['hosts', host.index, 'address'],
        message: localized('validation.sameEndpoint', {
          address: host.address,
          port: host.port,
          other: hostRef(first),
        }),
        fix: localized('validation.sameEndpointFix'),
      });
    } else seen.endpoint.set(endpoint, host.index);

    if (host.hostname !== undefined) {
      const name = host.hostname.toLowerCase();
      const other = seen.hostname.get(name);
      if (other !== undefined) {
        reported = true;
        repeat(repeated.hostname, other, host.index);
        errors.push({
          path: ['hosts', host.index, 'hostname'],
          message: localized('validation.sameHostname', {
            hostname: show(host.hostname),
            other: hostRef(other),
          }),
          fix: localized('validation.sameHostnameFix'),
        });
      } else seen.hostname.set(name, host.index);
      if (host.hostname !== name) {
        warnings.push({
          path: ['hosts', host.index, 'hostname'],
          message: localized('validation.hostnameCapitals', { hostname: show(host.hostname) }),
          fix: localized('validation.hostnameCapitalsFix', { lower: show(name) }),
        });
      }
    }
    // A hostname may equal another host's address (a DNS name): both would get the same id.
    const otherId = seen.id.get(host.id.toLowerCase());
    if (otherId === undefined) seen.id.set(host.id.toLowerCase(), host.index);
    else if (!reported) {
      const message = localized('validation.sameName', {
        name: show(host.id),
        other: hostRef(otherId),
        self: hostRef(host.index),
      });
      const fix = localized('validation.sameNameFix');
      const firstHost = hosts.find((candidate) => candidate.index === otherId);
      const field = (named: ResolvedHost | undefined) =>
        named?.hostname !== undefined ? 'hostname' : 'address';
      errors.push({ path: ['hosts', host.index, field(host)], message, fix });
      errors.push({ path: ['hosts', otherId, field(firstHost)], message, fix });
    }
  }

  for (const [first, later] of repeated.endpoint) {
    const host = hosts.find((candidate) => candidate.index === first);
    errors.push({
      path: ['hosts', first, 'address'],
      message: localized('validation.sameEndpointRepeated', {
        address: host?.address ?? '',
        port: host?.port ?? '',
        others: localizedList(later.map(hostRef)),
      }),
      fix: localized('validation.sameEndpointFix'),
    });
  }
  for (const [first, later] of repeated.hostname) {
    const host = hosts.find((candidate) => candidate.index === first);
    errors.push({
      path: ['hosts', first, 'hostname'],
      message: localized('validation.sameHostnameRepeated', {
        hostname: show(host?.hostname ?? ''),
        others: localizedList(later.map(hostRef)),
      }),
      fix: localized('validation.sameHostnameFix'),
    });
  }
}

/** Failures a swarm with `managers` managers survives (Raft needs a majority). */
export function toleratedFailures(managers: number): number {
  return Math.max(0, Math.floor((managers - 1) / 2));
}

function crossCheck(inventory: Inventory): Checks {
  const errors: RawIssue[] = [];
  const warnings: RawIssue[] = [];
  const hosts = resolveHosts(inventory);
  checkDuplicates(hosts, errors, warnings);
  for (const host of hosts) checkLogin(inventory, host, warnings);

  // Managers and quorum.
  const managers = hosts.filter((host) => host.role === 'manager').length;
  if (managers === 0) {
    errors.push({
      path: ['hosts'],
      message: localized('validation.noManager'),
      fix: localized('validation.noManagerFix'),
    });
  } else if (managers % 2 === 0) {
    const tolerated = toleratedFailures(managers);
    warnings.push({
      path: ['hosts'],
      message: localized(
        tolerated === 0
          ? 'validation.evenManagersNone'
          : tolerated === 1
            ? 'validation.evenManagersOne'
            : 'validation.evenManagers',
        { managers, tolerated, fewer: managers - 1 },
      ),
      fix: localized('validation.evenManagersFix'),
    });
  }
  if (managers > 7) {
    warnings.push({
      path: ['hosts'],
      message: localized('validation.manyManagers', { managers }),
      fix: localized('validation.manyManagersFix'),
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
      message: localized('validation.noLogin'),
      fix: localized('validation.noLoginFix'),
    });
  }
  if (
    host.auth.method !== 'key' &&
    (login.keyPassphrase !== undefined || login.keyPassphraseEnv !== undefined)
  ) {
    const field = login.keyPassphrase !== undefined ? 'keyPassphrase' : 'keyPassphraseEnv';
    warnings.push({
      path: at(field),
      message: localized('validation.ignoredPassphrase', { field, method: host.auth.method }),
      fix: localized('validation.ignoredPassphraseFix'),
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
        message: localized('validation.ignoredSudo', { field }),
        fix: localized('validation.removeIt'),
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
            message: localized('validation.subnetHasHost', {
              subnet: subnetText,
              host: host.id,
              field,
              address,
            }),
            fix: localized('validation.subnetHasHostFix'),
          });
        }
      }
    }
    if (bridge && cidrsOverlap(subnet, bridge)) {
      warnings.push({
        path: subnetPath,
        message: localized(
          daemon.bip ? 'validation.subnetOverlapsBridge' : 'validation.subnetOverlapsDefaultBridge',
          { subnet: subnetText, bridge: bridge.network },
        ),
        fix: localized('validation.subnetOverlapsBridgeFix'),
      });
    }
    if (!isPrivateBlock(subnet)) {
      warnings.push({
        path: subnetPath,
        message: localized('validation.subnetPublic', { subnet: subnetText }),
        fix: localized('validation.subnetPublicFix'),
      });
    }
    const ingress = parseCidr4(SWARM_INGRESS);
    if (ingress && cidrsOverlap(subnet, ingress)) {
      warnings.push({
        path: subnetPath,
        message: localized('validation.subnetOverlapsIngress', {
          subnet: subnetText,
          ingress: SWARM_INGRESS,
        }),
        fix: localized('validation.subnetOverlapsIngressFix'),
      });
    }
    for (const pool of pools) {
      if (cidrsOverlap(subnet, pool.block)) {
        warnings.push({
          path: subnetPath,
          message: localized('validation.subnetOverlapsPool', {
            subnet: subnetText,
            number: pool.index + 1,
            pool: pool.block.network,
          }),
          fix: localized('validation.subnetOverlapsPoolFix'),
        });
      }
    }
  }

  // Docker's own ranges against the hosts' network.
  const dockerRanges: { path: PathSegment[]; block: Cidr4; bridge: boolean }[] = [];
  if (daemon.bip !== undefined && bridge)
    dockerRanges.push({ path: ['docker', 'daemon', 'bip'], block: bridge, bridge: true });
  for (const pool of pools)
    dockerRanges.push({
      path: ['docker', 'daemon', 'default-address-pools', pool.index, 'base'],
      block: pool.block,
      bridge: false,
    });
  for (const range of dockerRanges) {
    const inside = hosts.filter(
      (host) => isIPv4(host.address) && cidrContains(range.block, host.address),
    );
    if (inside.length > 0) {
      warnings.push({
        path: range.path,
        message: localized(range.bridge ? 'validation.bridgeHasHosts' : 'validation.poolHasHosts', {
          range: range.block.network,
          addresses: inside.map((host) => host.address).join(', '),
        }),
        fix: localized('validation.rangeHasHostsFix'),
      });
    }
  }
}

function checkOptions(inventory: Inventory, warnings: RawIssue[]): void {
  const { prepare, docker, swarm } = inventory;
  if (prepare.mirrorUrl !== undefined && prepare.mirror !== 'custom') {
    warnings.push({
      path: ['prepare', 'mirrorUrl'],
      message: localized('validation.mirrorUrlIgnored', { mirror: prepare.mirror }),
      fix: localized('validation.mirrorUrlIgnoredFix'),
    });
  }
  if (docker.mirror !== undefined && docker.install !== 'mirror') {
    warnings.push({
      path: ['docker', 'mirror'],
      message: localized('validation.dockerMirrorIgnored', { install: docker.install }),
      fix: localized('validation.dockerMirrorIgnoredFix'),
    });
  }
  if (docker.offlineBundle !== undefined && docker.install !== 'offline') {
    warnings.push({
      path: ['docker', 'offlineBundle'],
      message: localized('validation.bundleIgnored', { install: docker.install }),
      fix: localized('validation.bundleIgnoredFix'),
    });
  }
  if (docker.version !== undefined && docker.install === 'skip') {
    warnings.push({
      path: ['docker', 'version'],
      message: localized('validation.versionIgnored'),
      fix: localized('validation.versionIgnoredFix'),
    });
  }
  const listen = docker.daemon?.hosts;
  if (listen !== undefined) {
    warnings.push({
      path: ['docker', 'daemon', 'hosts'],
      message: localized('validation.daemonHosts'),
      fix: localized('validation.daemonHostsFix'),
    });
    for (const [index, entry] of listen.entries()) {
      if (
        entry.startsWith('tcp://') &&
        !/^tcp:\/\/(127\.0\.0\.1|localhost|\[::1\])(:|$)/.test(entry)
      ) {
        warnings.push({
          path: ['docker', 'daemon', 'hosts', index],
          message: localized('validation.apiWithoutTls', { entry: show(entry) }),
          fix: localized('validation.apiWithoutTlsFix'),
        });
      }
    }
  }
  if (swarm.network.encrypted && prepare.firewall === 'leave') {
    warnings.push({
      path: ['swarm', 'network', 'encrypted'],
      message: localized('validation.encryptedNeedsEsp'),
      fix: localized('validation.encryptedNeedsEspFix'),
    });
  }
}
