import { localized } from '../../shared/messages';
import { clusterChecks, type PreflightCheck } from '../facts/checks';
import type { HostFacts } from '../facts/facts';
import { factsKey, judgeChecks } from './preflight';
import type { StepDefinition } from './step';

/** Compares each host with the others: duplicate machine-ids or hostnames, foreign swarms. */
export const preflightClusterStep: StepDefinition<PreflightCheck[]> = {
  id: 'preflight-cluster',
  title: localized('steps.preflight-cluster.title'),
  explanation: localized('steps.preflight-cluster.explanation'),
  waitsFor: ['preflight'],
  proceedPastFailures: true,
  alwaysRun: true,
  appliesTo: () => true,

  async probe(ctx) {
    const all = new Map<string, HostFacts>();
    for (const host of ctx.hosts) {
      const facts = ctx.shared.get(factsKey(host.id)) as HostFacts | undefined;
      if (facts) all.set(host.id, facts);
    }
    return clusterChecks(ctx.host, all);
  },
  decide: (checks, ctx) => judgeChecks(checks, ctx, checks),
  apply: async () => {},
  verify: async (_ctx, checks) => checks,
  preview: () => ({
    commands: [],
    files: [],
    note: localized('plans.notes.preflightCluster'),
  }),
};
