import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { shellQuote } from '../shell/quote';
import { keepOriginalScript } from './originals';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

interface HostnameProbe {
  /** What `hostname` says now. */
  running: string;
  /** What /etc/hostname says (the name after a reboot). */
  persistent: string;
}

/** The script that sets a hostname now and for every boot. */
export function setHostnameScript(hostname: string): string {
  const name = shellQuote(hostname);
  return `if command -v hostnamectl >/dev/null 2>&1 && hostnamectl set-hostname ${name} 2>/dev/null; then :
else
  printf '%s\\n' ${name} > /etc/hostname && hostname ${name}
fi`;
}

/** Sets each host's name as the inventory asks (`hostnamectl set-hostname`). */
export const hostnameStep: StepDefinition<HostnameProbe, Inventory> = {
  id: 'hostname',
  title: localized('steps.hostname.title'),
  explanation: localized('steps.hostname.explanation'),
  appliesTo: (host) => Boolean(host.hostname),

  async probe(ctx) {
    const result = await ctx.remote.exec('hostname; cat /etc/hostname 2>/dev/null || true', {
      purpose: purpose('hostname'),
    });
    const [running = '', persistent = ''] = result.stdout.split('\n').map((line) => line.trim());
    return { running, persistent };
  },
  decide(probe, ctx) {
    const wanted = ctx.host.hostname ?? '';
    if (probe.running === wanted && probe.persistent === wanted) return { kind: 'ok' };
    return {
      kind: 'change',
      changes: [
        localized('outcomes.hostname.rename', {
          from: probe.running || localized('outcomes.hostname.noName'),
          to: wanted,
        }),
      ],
    };
  },
  async apply(ctx) {
    // The name before swarmlab's first change, for `swarmlab reset`.
    await ctx.remote.exec(keepOriginalScript('/etc/hostname'), { sudo: true });
    await ctx.remote.exec(setHostnameScript(ctx.host.hostname ?? ''), { sudo: true });
  },
  async verify(ctx, before, changed) {
    const after = changed ? await hostnameStep.probe(ctx) : before;
    const decision = await hostnameStep.decide(after, ctx);
    if (decision.kind !== 'ok') {
      throw new StepFailure(
        localized('failures.hostname.stillIs', {
          running: after.running,
          persistent: after.persistent,
        }),
      );
    }
    return { hostname: after.running };
  },
  preview: (host) => ({
    commands: [keepOriginalScript('/etc/hostname'), setHostnameScript(host.hostname ?? '')],
    files: [],
  }),
};
