import { localized } from '../../shared/messages';
import type { HostFacts } from '../facts/facts';
import type { Inventory } from '../inventory/schema';
import { factsOf } from './preflight';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

const TIME_SERVICES = ['chronyd', 'chrony', 'systemd-timesyncd', 'ntp', 'ntpd'] as const;

/** Installs and starts the time service each family ships by default. Pure, golden-tested. */
export function timeSyncInstallScript(facts: Pick<HostFacts, 'os' | 'packageManager'>): string {
  if (facts.os.family === 'debian') {
    return [
      'if ! systemctl cat systemd-timesyncd.service >/dev/null 2>&1; then',
      '  DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y systemd-timesyncd',
      'fi',
      'systemctl enable --now systemd-timesyncd.service',
      'timedatectl set-ntp true',
    ].join('\n');
  }
  const installer = facts.packageManager === 'yum' ? 'yum' : 'dnf';
  return [`${installer} install -y chrony`, 'systemctl enable --now chronyd.service'].join('\n');
}

interface TimeProbe {
  /** The container technology, when the host is a container (it shares its machine's clock). */
  container: string | undefined;
  active: string | undefined;
  synchronized: boolean | undefined;
}

/** Makes sure a time service runs: swarm's mutual TLS fails when clocks drift apart. */
export const timeSyncStep: StepDefinition<TimeProbe, Inventory> = {
  id: 'time-sync',
  title: localized('steps.time-sync.title'),
  explanation: localized('steps.time-sync.explanation'),
  waitsFor: ['preflight'],
  proceedPastFailures: true,
  appliesTo: (_host, _hosts, options) => options.prepare.timeSync,

  async probe(ctx) {
    const result = await ctx.remote.exec(
      [
        'systemd-detect-virt --container 2>/dev/null || true',
        `for unit in ${TIME_SERVICES.join(' ')}; do [ "$(systemctl is-active "$unit" 2>/dev/null)" = active ] && echo "active=$unit"; done`,
        // Bounded: timedated starts on demand over D-Bus, which otherwise waits up to 25 s.
        'echo "synced=$(timeout 3 timedatectl show -p NTPSynchronized --value 2>/dev/null)"',
      ].join('\n'),
      { allowFailure: true, purpose: purpose('timeService') },
    );
    const lines = result.stdout.split('\n').map((line) => line.trim());
    const container =
      lines[0] && lines[0] !== 'none' && !lines[0].includes('=') ? lines[0] : undefined;
    const active = lines.find((line) => line.startsWith('active='))?.slice('active='.length);
    const synced = lines.find((line) => line.startsWith('synced='))?.slice('synced='.length);
    return {
      container,
      active,
      synchronized: synced === 'yes' ? true : synced === 'no' ? false : undefined,
    };
  },

  decide(probe, ctx) {
    if (probe.active) {
      if (probe.synchronized === false)
        ctx.warn(localized('failures.time-sync.notSynchronised', { service: probe.active }));
      return {
        kind: 'ok',
        message: localized('outcomes.time-sync.serviceRunning', { service: probe.active }),
      };
    }
    if (probe.container) {
      return {
        kind: 'ok',
        message: localized('outcomes.time-sync.containerClock', { container: probe.container }),
      };
    }
    return { kind: 'change', changes: [localized('outcomes.time-sync.installService')] };
  },

  async apply(ctx) {
    await ctx.remote.exec(timeSyncInstallScript(factsOf(ctx, ctx.host.id)), {
      sudo: true,
      timeoutMs: 600_000,
    });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await timeSyncStep.probe(ctx) : before;
    if (!after.active && !after.container) {
      throw new StepFailure(
        localized('failures.time-sync.noService'),
        localized('failures.time-sync.noServiceFix'),
      );
    }
    return after;
  },

  preview: (_host, facts) => ({
    commands: [timeSyncInstallScript(facts)],
    files: [],
    note: localized('plans.notes.timeSync'),
  }),
};
