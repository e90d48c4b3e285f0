/**
 * Puts back the files swarmlab changed on a reset host, from the originals it kept
 * (steps/originals.ts): daemon.json (and the -H drop-in), the hostname. Where no original was
 * kept (a host set up by an older swarmlab, or changed by hand) it says so and leaves the file.
 */
import { localized } from '../../../shared/messages';
import { shellQuote } from '../../shell/quote';
import { DAEMON_JSON } from '../docker-daemon/daemon-json';
import { HOSTS_DROP_IN } from '../docker-daemon/hosts-drop-in';
import { originalStateScript, restoreOriginalScript } from '../originals';
import { StepFailure, type Localized, type StepDefinition } from '../step';
import { isReset, type ResetOptions } from './reset';

type OriginalState = 'kept' | 'absent' | 'unknown';

function originalState(stdout: string): OriginalState {
  const word = stdout.trim();
  return word === 'kept' || word === 'absent' ? word : 'unknown';
}

interface DaemonResetProbe {
  original: OriginalState;
  dropIn: boolean;
  dockerActive: boolean;
}

export const resetDaemonConfigStep: StepDefinition<DaemonResetProbe, ResetOptions> = {
  id: 'reset-daemon-config',
  title: localized('steps.reset-daemon-config.title'),
  explanation: localized('steps.reset-daemon-config.explanation'),
  appliesTo: (host, _hosts, options) => isReset(host, options),

  async probe(ctx) {
    const result = await ctx.remote.exec(
      [
        originalStateScript(DAEMON_JSON),
        `[ -e ${shellQuote(HOSTS_DROP_IN)} ] && echo drop-in || echo no-drop-in`,
        'systemctl is-active --quiet docker && echo active || echo inactive',
      ].join('\n'),
      { sudo: true },
    );
    const [original = '', dropIn = '', active = ''] = result.stdout.trim().split('\n');
    return {
      original: originalState(original),
      dropIn: dropIn === 'drop-in',
      dockerActive: active === 'active',
    };
  },

  decide(probe, ctx) {
    const changes: Localized[] = [];
    if (probe.original === 'kept') changes.push(localized('outcomes.reset.restoreDaemonJson'));
    if (probe.original === 'absent') changes.push(localized('outcomes.reset.removeDaemonJson'));
    if (probe.dropIn) changes.push(localized('outcomes.reset.removeDropIn'));
    if (changes.length > 0) return { kind: 'change', changes };
    ctx.warn(localized('failures.reset.daemonUnknown', { path: DAEMON_JSON }));
    return { kind: 'ok', message: localized('outcomes.reset.daemonUnknown') };
  },

  async apply(ctx, probe) {
    const lines = ['set -eu'];
    if (probe.original !== 'unknown') lines.push(restoreOriginalScript(DAEMON_JSON));
    if (probe.dropIn) lines.push(`rm -f ${shellQuote(HOSTS_DROP_IN)}`, 'systemctl daemon-reload');
    if (probe.dockerActive) lines.push('systemctl restart docker');
    await ctx.remote.exec(lines.join('\n'), { sudo: true, timeoutMs: 180_000 });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await resetDaemonConfigStep.probe(ctx) : before;
    if (changed && (after.original !== 'unknown' || after.dropIn)) {
      throw new StepFailure(localized('failures.reset.daemonNotBack', { path: DAEMON_JSON }));
    }
    return { daemonJson: before.original, dropInRemoved: before.dropIn };
  },
};

interface HostnameResetProbe {
  original: OriginalState;
  current: string;
}

export const resetHostnameStep: StepDefinition<HostnameResetProbe, ResetOptions> = {
  id: 'reset-hostname',
  title: localized('steps.reset-hostname.title'),
  explanation: localized('steps.reset-hostname.explanation'),
  appliesTo: (host, _hosts, options) => isReset(host, options) && Boolean(host.hostname),

  async probe(ctx) {
    const result = await ctx.remote.exec(`${originalStateScript('/etc/hostname')}\nhostname`, {
      sudo: true,
    });
    const [original = '', current = ''] = result.stdout.trim().split('\n');
    return { original: originalState(original), current: current.trim() };
  },

  decide(probe, ctx) {
    if (probe.original === 'unknown') {
      ctx.warn(localized('failures.reset.hostnameUnknown', { current: probe.current }));
      return { kind: 'ok', message: localized('outcomes.reset.hostnameUnknown') };
    }
    return { kind: 'change', changes: [localized('outcomes.reset.restoreHostname')] };
  },

  async apply(ctx) {
    // /etc/hostname as it was, then the running name from it (hostnamectl where there is one).
    const script = [
      'set -eu',
      restoreOriginalScript('/etc/hostname'),
      'if [ -s /etc/hostname ]; then',
      '  name=$(cat /etc/hostname)',
      '  hostnamectl set-hostname "$name" 2>/dev/null || hostname "$name"',
      'fi',
    ].join('\n');
    await ctx.remote.exec(script, { sudo: true });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await resetHostnameStep.probe(ctx) : before;
    if (after.original !== 'unknown')
      throw new StepFailure(localized('failures.reset.hostnameNotRestored'));
    return { hostname: after.current };
  },
};
