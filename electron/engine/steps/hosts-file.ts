import { localized, localizedList } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import type { PlanHostSummary } from '../../shared/plan';
import { isAddress } from '../inventory/net';
import { UnsafeValueError } from '../shell/escape';
import { shellJoin } from '../shell/quote';
import { factsKey } from './preflight';
import type { HostFacts } from '../facts/facts';
import { StepFailure, type StepContext, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

export const HOSTS_BLOCK_BEGIN =
  '# BEGIN swarmlab nodes (managed by swarmlab: this block is rewritten on every run)';
export const HOSTS_BLOCK_END = '# END swarmlab nodes';

/** A name /etc/hosts can hold: one field (no whitespace), no "#", no control character. */
const HOSTS_NAME = /^[A-Za-z0-9_](?:[A-Za-z0-9_.-]{0,251}[A-Za-z0-9_])?$/;

function isHostsName(name: string): boolean {
  return HOSTS_NAME.test(name);
}

/** Where the swarmlab block stands among the file's lines (its marker lines included). */
export function hostsBlockRange(
  lines: readonly string[],
): { begin: number; end: number } | undefined {
  const begin = lines.indexOf(HOSTS_BLOCK_BEGIN);
  const end = begin === -1 ? -1 : lines.indexOf(HOSTS_BLOCK_END, begin);
  return begin === -1 || end === -1 ? undefined : { begin, end };
}

export interface HostsEntry {
  address: string;
  hostname: string;
}

/**
 * Returns /etc/hosts with the swarmlab block holding exactly `entries`: an existing block is
 * rewritten where it stands, otherwise the block is appended. Lines outside it are untouched.
 */
export function renderHostsFile(current: string, entries: readonly HostsEntry[]): string {
  for (const entry of entries) {
    // One line per node, fields split at whitespace, "#" starts a comment: anything else in a
    // name would give the node's address to other names (or hide it).
    if (!isAddress(entry.address) || !isHostsName(entry.hostname)) {
      throw new UnsafeValueError(
        `cannot list ${JSON.stringify(entry.address)} as ${JSON.stringify(entry.hostname)} in /etc/hosts: not an address and a hostname`,
      );
    }
  }
  const width = Math.max(...entries.map((entry) => entry.address.length), 0);
  const block = [
    HOSTS_BLOCK_BEGIN,
    ...entries.map((entry) => `${entry.address.padEnd(width)} ${entry.hostname}`),
    HOSTS_BLOCK_END,
  ];
  const lines = current.replace(/\n$/, '').split('\n');
  const range = hostsBlockRange(lines);
  let result: string[];
  if (range) {
    result = [...lines.slice(0, range.begin), ...block, ...lines.slice(range.end + 1)];
  } else {
    const kept = current.trim() === '' ? [] : lines;
    result = [...kept, ...(kept.length > 0 && kept.at(-1) !== '' ? [''] : []), ...block];
  }
  return `${result.join('\n')}\n`;
}

/** The node list for the block: the inventory's hostnames, or what preflight found. */
export function hostsEntries(ctx: Pick<StepContext, 'hosts' | 'shared'>): HostsEntry[] {
  return ctx.hosts.flatMap((host: PlanHostSummary) => {
    const facts = ctx.shared.get(factsKey(host.id)) as HostFacts | undefined;
    // A name the host reports about itself is listed on every node: only a valid hostname.
    const reported =
      facts?.hostname !== undefined && isHostsName(facts.hostname) ? facts.hostname : undefined;
    const hostname = host.hostname ?? reported;
    return hostname ? [{ address: host.address, hostname }] : [];
  });
}

interface HostsProbe {
  current: string;
  wanted: string;
}

/** Keeps a marked block in every host's /etc/hosts that lists all nodes. */
export const hostsFileStep: StepDefinition<HostsProbe, Inventory> = {
  id: 'hosts-file',
  // Later steps reach the other hosts by address, not through /etc/hosts.
  standsAlone: true,
  title: localized('steps.hosts-file.title'),
  explanation: localized('steps.hosts-file.explanation'),
  waitsFor: ['preflight'],
  proceedPastFailures: true,
  appliesTo: (_host, _hosts, options) => options.prepare.hostsFile,

  async probe(ctx) {
    const current = (await ctx.remote.readFile('/etc/hosts')) ?? '';
    return { current, wanted: renderHostsFile(current, hostsEntries(ctx)) };
  },
  decide: (probe) =>
    probe.current === probe.wanted
      ? { kind: 'ok' }
      : { kind: 'change', changes: [localized('outcomes.hosts-file.rewriteBlock')] },
  async apply(ctx, probe) {
    await ctx.remote.uploadFile('/etc/hosts', probe.wanted, { mode: 0o644, sudo: true });
  },
  async verify(ctx, before, changed) {
    const after = changed ? await hostsFileStep.probe(ctx) : before;
    if (after.current !== after.wanted)
      throw new StepFailure(localized('failures.hosts-file.notHeld'));
    // The block was there already: the names resolved when it was written.
    if (!changed) return { entries: hostsEntries(ctx) };
    const names = hostsEntries(ctx).map((entry) => entry.hostname);
    const resolved = await ctx.remote.exec(
      `for name in ${shellJoin(names)}; do getent hosts "$name" >/dev/null || echo "$name"; done`,
      { purpose: purpose('namesResolve') },
    );
    const unresolved = resolved.stdout.split('\n').filter(Boolean);
    if (unresolved.length > 0) {
      throw new StepFailure(
        localized('failures.hosts-file.unresolved', { names: localizedList(unresolved) }),
      );
    }
    return { entries: hostsEntries(ctx) };
  },

  preview(host, facts, _options, hosts) {
    const entries = hosts.flatMap((other) => {
      const reported =
        other.id === host.id && isHostsName(facts.hostname) ? facts.hostname : undefined;
      const hostname = other.hostname ?? reported;
      return hostname ? [{ address: other.address, hostname }] : [];
    });
    return {
      commands: [],
      files: [{ path: '/etc/hosts', mode: 0o644, content: renderHostsFile('', entries) }],
      note: localized('plans.notes.hostsBlock'),
    };
  },
};
