import { localized, localizedList } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { shellJoin } from '../shell/quote';
import { managerView } from '../swarm/manager-view';
import { firstManager, readSwarmInfo } from '../swarm/swarm-info';
import { StepFailure, type StepContext, type StepDefinition } from './step';

interface LabelsProbe {
  nodeId: string;
  current: Record<string, string>;
}

/** `docker node update` adding the labels that differ. Pure, golden-tested. */
export function labelUpdateCommand(nodeId: string, labels: Record<string, string>): string {
  const flags = Object.entries(labels).flatMap(([key, value]) => [
    '--label-add',
    `${key}=${value}`,
  ]);
  return shellJoin(['docker', 'node', 'update', ...flags, nodeId]);
}

function missingLabels(ctx: StepContext<Inventory>, current: Record<string, string>) {
  return Object.fromEntries(
    Object.entries(ctx.host.labels ?? {}).filter(([key, value]) => current[key] !== value),
  );
}

function manager(ctx: StepContext<Inventory>) {
  const first = firstManager(ctx.hosts);
  if (!first) throw new StepFailure(localized('failures.swarm.noManager'));
  return ctx.remoteFor(first.id);
}

/** Puts the inventory's labels on each node (for placement constraints such as node.labels.zone). */
export const nodeLabelsStep: StepDefinition<LabelsProbe, Inventory> = {
  id: 'node-labels',
  title: localized('steps.node-labels.title'),
  explanation: localized('steps.node-labels.explanation'),
  waitsFor: ['swarm-init', 'swarm-join'],
  proceedPastFailures: true,
  appliesTo: (host) => Object.keys(host.labels ?? {}).length > 0,

  async probe(ctx) {
    const { nodeId } = await readSwarmInfo(ctx.remote);
    if (!nodeId) throw new StepFailure(localized('failures.node-labels.notInSwarm'));
    // Every node's labels come from one listing shared by all hosts (manager-view.ts).
    const view = managerView(ctx);
    let listed = (await view.nodes(manager(ctx))).get(nodeId);
    if (!listed) {
      // A listing older than this node's join (made in another run, say): read it again.
      view.nodesChanged();
      listed = (await view.nodes(manager(ctx))).get(nodeId);
    }
    if (!listed)
      throw new StepFailure(localized('failures.node-labels.notListed', { node: nodeId }));
    return { nodeId, current: listed.labels };
  },
  decide(probe, ctx) {
    const missing = Object.entries(missingLabels(ctx, probe.current));
    return missing.length === 0
      ? { kind: 'ok' }
      : {
          kind: 'change',
          changes: missing.map(([key, value]) =>
            localized('outcomes.node-labels.label', { label: `${key}=${value}` }),
          ),
        };
  },
  async apply(ctx, probe) {
    try {
      await manager(ctx).exec(labelUpdateCommand(probe.nodeId, missingLabels(ctx, probe.current)), {
        sudo: true,
      });
    } finally {
      managerView(ctx).nodesChanged();
    }
  },
  async verify(ctx, before, changed) {
    const after = changed ? await nodeLabelsStep.probe(ctx) : before;
    const missing = Object.keys(missingLabels(ctx, after.current));
    if (missing.length > 0) {
      throw new StepFailure(
        localized('failures.node-labels.notApplied', { labels: localizedList(missing) }),
      );
    }
    return { labels: after.current };
  },

  preview(host, _facts, _options, hosts) {
    const manager = firstManager(hosts);
    if (!manager) throw new StepFailure(localized('failures.swarm.noManager'));
    return {
      commands: [
        `# on ${manager.id}:\n${labelUpdateCommand(`<node id of ${host.id}>`, host.labels ?? {})}`,
      ],
      files: [],
      note: localized('plans.notes.nodeLabels'),
    };
  },
};
