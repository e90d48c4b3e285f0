/**
 * Hosts from an OpenSSH client config (`~/.ssh/config`), read as `ssh` reads it: `Include`
 * (globs, relative to ~/.ssh), `Host` patterns with `*`, `?` and `!`, the first value of each
 * keyword winning, `IdentityFile` adding up. Each concrete `Host` alias becomes an inventory host
 * with its HostName, User, Port and first IdentityFile; a ProxyJump all hosts share becomes the
 * inventory's jump host. What cannot be carried over is listed, never dropped silently. An SSH
 * config holds no passwords, so none is written.
 */
import { localized } from '../../../shared/messages';
import type { ImportFile, ImportedInventory, ImportNote } from './types';
import { chooseManagers, withoutEmpty } from './types';

/** One `Keyword value…` line, with where it came from. */
interface ConfigLine {
  keyword: string;
  args: string[];
  file: string;
  line: number;
}

interface Block {
  /** `Host` patterns; undefined for lines before any Host (they apply to every host). */
  patterns?: string[];
  /** `Match` blocks are not evaluated: their lines are listed as not carried over. */
  match?: string;
  lines: ConfigLine[];
}

/** Keywords that become inventory fields; the rest are listed per host. */
const MAPPED = new Set(['hostname', 'user', 'port', 'identityfile', 'proxyjump']);
/** Keywords that change nothing about reaching the host: not worth a note. */
const QUIET = new Set([
  'serveraliveinterval',
  'serveralivecountmax',
  'stricthostkeychecking',
  'userknownhostsfile',
  'identitiesonly',
  'addkeystoagent',
  'usekeychain',
  'loglevel',
  'compression',
  'connecttimeout',
  'hashknownhosts',
  'preferredauthentications',
  'pubkeyauthentication',
  'passwordauthentication',
  'controlmaster',
  'controlpath',
  'controlpersist',
  'forwardagent',
  'tcpkeepalive',
  'visualhostkey',
  'sendenv',
  'setenv',
]);

export interface SshConfigImportOptions {
  /** Aliases (comma-separated) that are managers; the first host otherwise. */
  managers?: string;
  /** Reads the files an Include names (already glob-expanded), relative to ~/.ssh. */
  include: (pattern: string) => ImportFile[];
  /** The user's home, for `~` and `%d`. */
  home: string;
}

export function importSshConfig(
  config: ImportFile,
  options: SshConfigImportOptions,
): ImportedInventory {
  const notes: ImportNote[] = [];
  const blocks = readBlocks(config, options, notes, 0);
  for (const block of blocks.filter((candidate) => candidate.match !== undefined)) {
    notes.push({ what: localized('imports.sshConfig.matchSkipped', { match: block.match ?? '' }) });
  }
  const aliases = concreteAliases(blocks);
  const settings = new Map(aliases.map((alias) => [alias, effective(blocks, alias)]));
  const jumps = new Map(aliases.map((alias) => [alias, proxyJumpOf(settings.get(alias))]));
  // A host others jump through is the way in, not a node of the swarm.
  const jumpAliases = new Set([...jumps.values()].flatMap((jump) => (jump ? jump.split(',') : [])));
  const nodes = aliases.filter((alias) => !jumpAliases.has(alias));
  for (const alias of aliases.filter((candidate) => jumpAliases.has(candidate))) {
    notes.push({ host: alias, what: localized('imports.sshConfig.jumpHostOnly') });
  }

  const hosts = nodes.map((alias) => {
    const found = settings.get(alias) ?? new Map<string, string[]>();
    for (const [keyword, line] of found) {
      if (!MAPPED.has(keyword) && !QUIET.has(keyword)) {
        notes.push({
          host: alias,
          what: localized('imports.sshConfig.unusedKeyword', { line: line.join(' '), keyword }),
        });
      }
    }
    return hostFields(alias, found, options.home, notes);
  });
  const jumpHost = sharedJumpHost(nodes, jumps, settings, options.home, notes);
  const withRoles = chooseManagers(hosts, nodes, options.managers, notes);
  return {
    inventory: withoutEmpty({ ...(jumpHost ? { jumpHost } : {}), hosts: withRoles }),
    notes,
  };
}

/** The config's lines grouped into blocks, Includes read in place. */
function readBlocks(
  file: ImportFile,
  options: SshConfigImportOptions,
  notes: ImportNote[],
  depth: number,
  current: Block = { lines: [] },
): Block[] {
  const blocks: Block[] = [current];
  let block = current;
  for (const [index, raw] of file.text.split(/\r?\n/).entries()) {
    const parsed = parseLine(raw);
    if (!parsed) continue;
    const [keyword, args] = parsed;
    if (keyword === 'host') {
      block = { patterns: args, lines: [] };
      blocks.push(block);
    } else if (keyword === 'match') {
      block = { match: args.join(' '), lines: [] };
      blocks.push(block);
    } else if (keyword === 'include') {
      if (depth >= 16) {
        notes.push({
          what: localized('imports.sshConfig.includeTooDeep', {
            place: `${file.path}:${index + 1}`,
          }),
        });
        continue;
      }
      for (const pattern of args) {
        const included = options.include(expandHome(pattern, options.home));
        if (included.length === 0)
          notes.push({ what: localized('imports.sshConfig.includeMissing', { pattern }) });
        for (const child of included) {
          const more = readBlocks(child, options, notes, depth + 1, block);
          // The included file continues the block it was included in, then may open others.
          blocks.push(...more.slice(1));
          block = more.at(-1) ?? block;
        }
      }
    } else {
      block.lines.push({ keyword, args, file: file.path, line: index + 1 });
    }
  }
  return blocks;
}

/** `Keyword value`, `Keyword=value`, quoted values; comments and blank lines are undefined. */
function parseLine(raw: string): [string, string[]] | undefined {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const match = /^(\S+?)(?:\s*=\s*|\s+)(.*)$/.exec(line);
  if (!match) return [line.toLowerCase(), []];
  const args = [...(match[2] ?? '').matchAll(/"([^"]*)"|(\S+)/g)].map(
    (part) => part[1] ?? part[2] ?? '',
  );
  return [(match[1] ?? '').toLowerCase(), args];
}

/** Host aliases without wildcards or negation, in the order they first appear. */
function concreteAliases(blocks: readonly Block[]): string[] {
  const seen = new Set<string>();
  for (const block of blocks) {
    for (const pattern of block.patterns ?? []) {
      if (!/[*?!]/.test(pattern)) seen.add(pattern);
    }
  }
  return [...seen];
}

function globMatches(pattern: string, alias: string): boolean {
  const source = pattern
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${source}$`, 'i').test(alias);
}

function blockApplies(block: Block, alias: string): boolean {
  if (block.match !== undefined) return false;
  if (!block.patterns) return true;
  const negated = block.patterns.filter((pattern) => pattern.startsWith('!'));
  if (negated.some((pattern) => globMatches(pattern.slice(1), alias))) return false;
  return block.patterns.some((pattern) => !pattern.startsWith('!') && globMatches(pattern, alias));
}

/** Each keyword's value for an alias as ssh obtains it: first wins, IdentityFile adds up. */
function effective(blocks: readonly Block[], alias: string): Map<string, string[]> {
  const found = new Map<string, string[]>();
  for (const block of blocks.filter((candidate) => blockApplies(candidate, alias))) {
    for (const line of block.lines) {
      if (line.keyword === 'identityfile') {
        found.set('identityfile', [...(found.get('identityfile') ?? []), ...line.args]);
      } else if (!found.has(line.keyword)) {
        found.set(line.keyword, line.args);
      }
    }
  }
  return found;
}

function proxyJumpOf(found: Map<string, string[]> | undefined): string | undefined {
  const value = found?.get('proxyjump')?.[0];
  return value && value.toLowerCase() !== 'none' ? value : undefined;
}

function expandHome(path: string, home: string): string {
  return path.startsWith('~/') ? `${home}/${path.slice(2)}` : path;
}

/** %h (the host's name), %d (home), %% and friends, as ssh expands them in these keywords. */
function expandTokens(value: string, alias: string, home: string): string {
  return value.replace(/%([%hdn])/g, (_, token: string) =>
    token === '%' ? '%' : token === 'd' ? home : alias,
  );
}

function hostFields(
  alias: string,
  found: Map<string, string[]>,
  home: string,
  notes: ImportNote[],
): Record<string, unknown> {
  const port = Number(found.get('port')?.[0]);
  const identity = found.get('identityfile') ?? [];
  if (identity.length > 1) {
    notes.push({
      host: alias,
      what: localized('imports.sshConfig.extraIdentities', {
        rest: identity.slice(1).join(', '),
      }),
    });
  }
  return withoutEmpty({
    address: expandTokens(found.get('hostname')?.[0] ?? alias, alias, home),
    port: Number.isInteger(port) && port > 0 ? port : undefined,
    user: found.get('user')?.[0],
    keyFile: identity[0] ? expandTokens(identity[0], alias, home) : undefined,
  });
}

/** The jump host every node goes through, when they all go through the same single one. */
function sharedJumpHost(
  nodes: readonly string[],
  jumps: Map<string, string | undefined>,
  settings: Map<string, Map<string, string[]>>,
  home: string,
  notes: ImportNote[],
): Record<string, unknown> | undefined {
  const used = new Set(nodes.map((alias) => jumps.get(alias) ?? ''));
  const [only] = used;
  if (used.size === 0 || (used.size === 1 && only === '')) return undefined;
  if (used.size > 1 || only === undefined || only.includes(',')) {
    const through = nodes.filter((alias) => jumps.get(alias));
    notes.push({
      what: localized('imports.sshConfig.jumpHostsDiffer', {
        hosts: through.join(', '),
        jumps: [...used].filter(Boolean).join('; '),
      }),
    });
    return undefined;
  }
  const known = settings.get(only);
  if (known) return { ...hostFields(only, known, home, notes) };
  // user@host:port, as ProxyJump writes a hop that is not an alias.
  const hop = /^(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(only);
  if (!hop) {
    notes.push({ what: localized('imports.sshConfig.jumpUnreadable', { jump: only }) });
    return undefined;
  }
  return withoutEmpty({
    address: (hop[2] ?? '').replace(/^\[|\]$/g, ''),
    user: hop[1],
    port: hop[3] ? Number(hop[3]) : undefined,
  });
}
