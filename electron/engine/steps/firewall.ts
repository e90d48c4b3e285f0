import { localized, localizedClauses, localizedList } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { StepFailure, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

export type FirewallTool = 'firewalld' | 'ufw';

/** The ports swarm needs between nodes; ESP too when the overlay is encrypted. */
export function swarmPorts(options: Pick<Inventory, 'swarm'>): string[] {
  const dataPort = options.swarm.dataPathPort ?? 4789;
  return ['2377/tcp', '7946/tcp', '7946/udp', `${dataPort}/udp`];
}

/** Opens the given ports with the active firewall, permanently. Pure, golden-tested. */
export function openPortsScript(
  tool: FirewallTool,
  ports: readonly string[],
  esp: boolean,
): string {
  if (tool === 'firewalld') {
    return [
      ...ports.map((port) => `firewall-cmd --permanent --add-port=${port}`),
      ...(esp ? ['firewall-cmd --permanent --add-protocol=esp'] : []),
      'firewall-cmd --reload',
    ].join('\n');
  }
  return [
    ...ports.map((port) => `ufw allow ${port}`),
    ...(esp ? ['ufw allow proto esp from any to any'] : []),
  ].join('\n');
}

export function disableFirewallScript(tool: FirewallTool): string {
  return tool === 'firewalld' ? 'systemctl disable --now firewalld' : 'ufw disable';
}

interface FirewallProbe {
  tool: FirewallTool | undefined;
  /** What the firewall lets in now, as `port/proto` (and `esp`). */
  open: string[];
}

/** Opens swarm's ports in firewalld or ufw where one is active (or disables it, if asked). */
export const firewallStep: StepDefinition<FirewallProbe, Inventory> = {
  id: 'firewall',
  title: localized('steps.firewall.title'),
  explanation: localized('steps.firewall.explanation'),
  appliesTo: (_host, _hosts, options) => options.prepare.firewall !== 'leave',

  async probe(ctx) {
    const result = await ctx.remote.exec(
      [
        'if [ "$(systemctl is-active firewalld 2>/dev/null)" = active ]; then',
        '  echo tool=firewalld',
        '  firewall-cmd --list-ports; firewall-cmd --list-protocols',
        'elif command -v ufw >/dev/null 2>&1 && ufw status 2>/dev/null | grep -q "Status: active"; then',
        '  echo tool=ufw',
        '  ufw status | awk \'NR > 4 && $2 == "ALLOW" {print $1}\'',
        'fi',
      ].join('\n'),
      { sudo: true, purpose: purpose('firewall') },
    );
    const words = result.stdout.split(/\s+/).filter(Boolean);
    const toolWord = words.find((word) => word.startsWith('tool='));
    const tool = toolWord?.slice('tool='.length) as FirewallTool | undefined;
    return { tool, open: words.filter((word) => !word.startsWith('tool=')) };
  },

  decide(probe, ctx) {
    if (!probe.tool) return { kind: 'ok', message: localized('outcomes.firewall.noFirewall') };
    if (ctx.options.prepare.firewall === 'disable') {
      return {
        kind: 'change',
        changes: [localized('outcomes.firewall.disable', { tool: probe.tool })],
      };
    }
    const missing = swarmPorts(ctx.options).filter((port) => !probe.open.includes(port));
    const espMissing = ctx.options.swarm.network.encrypted && !probe.open.includes('esp');
    if (missing.length === 0 && !espMissing)
      return { kind: 'ok', message: localized('outcomes.firewall.portsOpen') };
    return {
      kind: 'change',
      changes: [
        localized('outcomes.firewall.open', {
          ports: localizedList([...missing, ...(espMissing ? ['esp'] : [])]),
          tool: probe.tool,
        }),
      ],
    };
  },

  async apply(ctx, probe) {
    if (!probe.tool) return;
    const script =
      ctx.options.prepare.firewall === 'disable'
        ? disableFirewallScript(probe.tool)
        : openPortsScript(probe.tool, swarmPorts(ctx.options), ctx.options.swarm.network.encrypted);
    await ctx.remote.exec(script, { sudo: true });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await firewallStep.probe(ctx) : before;
    const decision = await firewallStep.decide(after, ctx);
    if (decision.kind === 'change')
      throw new StepFailure(
        localized('failures.firewall.stillNeeds', { changes: localizedClauses(decision.changes) }),
      );
    return after;
  },

  preview(_host, facts, options) {
    const tool = (['firewalld', 'ufw'] as const).find(
      (candidate) => facts.services[candidate] === 'active',
    );
    if (!tool) return { commands: [], files: [], note: localized('plans.notes.noFirewall') };
    const script =
      options.prepare.firewall === 'disable'
        ? disableFirewallScript(tool)
        : openPortsScript(tool, swarmPorts(options), options.swarm.network.encrypted);
    return { commands: [script], files: [] };
  },
};
