/** Takes swarmlab's block out of a reset host's /etc/hosts; the rest of the file stays. */
import { localized } from '../../../shared/messages';
import { hostsBlockRange } from '../hosts-file';
import { StepFailure, type StepDefinition } from '../step';
import { isReset, type ResetOptions } from './reset';

/** /etc/hosts without the swarmlab block (and the blank line swarmlab put before it). */
export function withoutHostsBlock(current: string): string {
  const lines = current.split('\n');
  const range = hostsBlockRange(lines);
  if (!range) return current;
  const before = lines.slice(0, range.begin);
  const after = lines.slice(range.end + 1);
  // The block was appended after one blank line; at the end of the file both go.
  if (after.every((line) => line === '')) {
    while (before.length > 0 && before.at(-1) === '') before.pop();
    return before.length === 0 ? '' : `${before.join('\n')}\n`;
  }
  return [...before, ...after].join('\n');
}

interface HostsBlockProbe {
  current: string;
  wanted: string;
}

export const resetHostsBlockStep: StepDefinition<HostsBlockProbe, ResetOptions> = {
  id: 'reset-hosts-block',
  title: localized('steps.reset-hosts-block.title'),
  explanation: localized('steps.reset-hosts-block.explanation'),
  appliesTo: (host, _hosts, options) => isReset(host, options),

  async probe(ctx) {
    const current = (await ctx.remote.readFile('/etc/hosts')) ?? '';
    return { current, wanted: withoutHostsBlock(current) };
  },
  decide: (probe) =>
    probe.current === probe.wanted
      ? { kind: 'ok', message: localized('outcomes.reset.noHostsBlock') }
      : { kind: 'change', changes: [localized('outcomes.reset.removeHostsBlock')] },
  async apply(ctx, probe) {
    await ctx.remote.uploadFile('/etc/hosts', probe.wanted, { mode: 0o644, sudo: true });
  },
  async verify(ctx, before, changed) {
    const after = changed ? await resetHostsBlockStep.probe(ctx) : before;
    if (after.current !== after.wanted)
      throw new StepFailure(localized('failures.reset.hostsBlockLeft'));
    return { removed: changed };
  },
};
