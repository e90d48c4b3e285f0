/**
 * On every host that stays: the leaving hosts are dropped from the swarmlab block of
 * /etc/hosts. The block is read as it is on that host (it may list more or fewer nodes than
 * this inventory) and only the leaving addresses go.
 */
import { localized, localizedList } from '../../../shared/messages';
import { hostsBlockRange, renderHostsFile, type HostsEntry } from '../hosts-file';
import { StepFailure, type StepDefinition } from '../step';
import { isLeaving, type RemovalOptions } from './removal';

/** The entries of the swarmlab block, or undefined when the file has none. */
export function hostsBlockEntries(current: string): HostsEntry[] | undefined {
  const lines = current.split('\n');
  const range = hostsBlockRange(lines);
  if (!range) return undefined;
  return lines.slice(range.begin + 1, range.end).flatMap((line) => {
    const [address, hostname] = line.trim().split(/\s+/);
    return address && hostname ? [{ address, hostname }] : [];
  });
}

/** /etc/hosts without the block's lines for `addresses`; the file as it was when none is there. */
export function withoutHostsEntries(current: string, addresses: readonly string[]): string {
  const entries = hostsBlockEntries(current);
  if (!entries?.some((entry) => addresses.includes(entry.address))) return current;
  return renderHostsFile(
    current,
    entries.filter((entry) => !addresses.includes(entry.address)),
  );
}

interface HostsDropProbe {
  current: string;
  wanted: string;
  dropped: string[];
}

export const hostsFileDropStep: StepDefinition<HostsDropProbe, RemovalOptions> = {
  id: 'hosts-file-drop',
  title: localized('steps.hosts-file-drop.title'),
  explanation: localized('steps.hosts-file-drop.explanation'),
  waitsFor: ['node-remove'],
  proceedPastFailures: true,
  appliesTo: (host, _hosts, options) =>
    options.prepare.hostsFile && !isLeaving(host, options.removal),

  async probe(ctx) {
    const current = (await ctx.remote.readFile('/etc/hosts')) ?? '';
    const leaving = ctx.hosts.filter((host) => isLeaving(host, ctx.options.removal));
    const addresses = leaving.map((host) => host.address);
    const dropped = (hostsBlockEntries(current) ?? [])
      .filter((entry) => addresses.includes(entry.address))
      .map((entry) => entry.hostname);
    return { current, wanted: withoutHostsEntries(current, addresses), dropped };
  },
  decide: (probe) =>
    probe.current === probe.wanted
      ? { kind: 'ok', message: localized('outcomes.hosts-file-drop.nothing') }
      : {
          kind: 'change',
          changes: [
            localized('outcomes.hosts-file-drop.drop', { hosts: localizedList(probe.dropped) }),
          ],
        },
  async apply(ctx, probe) {
    await ctx.remote.uploadFile('/etc/hosts', probe.wanted, { mode: 0o644, sudo: true });
  },
  async verify(ctx, before, changed) {
    const after = changed ? await hostsFileDropStep.probe(ctx) : before;
    if (after.current !== after.wanted)
      throw new StepFailure(localized('failures.hosts-file.leavingStillListed'));
    return { dropped: before.dropped };
  },
};
