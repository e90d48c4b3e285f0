import { localized } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { StepFailure, type StepDefinition } from './step';

/** Switches SELinux to permissive now and for every boot (the tutorial's way). */
export const SELINUX_PERMISSIVE_SCRIPT = [
  'setenforce 0',
  "sed -i.swarmlab-backup 's/^SELINUX=enforcing$/SELINUX=permissive/' /etc/selinux/config",
].join('\n');

interface SelinuxProbe {
  mode: string;
  configured: string;
}

/**
 * SELinux stays enforcing by default (Docker's container-selinux policy handles swarm); this
 * step runs only when the user chose the tutorial's way, permissive.
 */
export const selinuxStep: StepDefinition<SelinuxProbe, Inventory> = {
  id: 'selinux',
  title: localized('steps.selinux.title'),
  explanation: localized('steps.selinux.explanation'),
  appliesTo: (_host, _hosts, options) => options.prepare.selinux === 'permissive',

  async probe(ctx) {
    const result = await ctx.remote.exec(
      [
        'getenforce 2>/dev/null || echo absent',
        "sed -n 's/^SELINUX=//p' /etc/selinux/config 2>/dev/null",
      ].join('\n'),
      { allowFailure: true },
    );
    const [mode = 'absent', configured = ''] = result.stdout.split('\n').map((line) => line.trim());
    return { mode: mode.toLowerCase(), configured: configured.toLowerCase() };
  },

  decide(probe) {
    if (probe.mode === 'absent' || probe.mode === 'disabled') {
      return {
        kind: 'ok',
        message: localized('outcomes.selinux.nothingToRelax', { mode: probe.mode }),
      };
    }
    if (probe.mode === 'permissive' && probe.configured !== 'enforcing') return { kind: 'ok' };
    return { kind: 'change', changes: [localized('outcomes.selinux.setPermissive')] };
  },

  async apply(ctx) {
    await ctx.remote.exec(SELINUX_PERMISSIVE_SCRIPT, { sudo: true });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await selinuxStep.probe(ctx) : before;
    if (after.mode === 'enforcing')
      throw new StepFailure(localized('failures.selinux.stillEnforcing'));
    return after;
  },

  preview: (_host, facts) =>
    facts.selinux === 'enforcing'
      ? { commands: [SELINUX_PERMISSIVE_SCRIPT], files: [] }
      : {
          commands: [],
          files: [],
          note: localized('plans.notes.selinuxRelaxed', { mode: facts.selinux }),
        },
};
