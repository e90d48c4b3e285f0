import { clusterChecks, type PreflightCheck } from '../facts/checks';
import type { HostFacts } from '../facts/facts';
import { factsKey, judgeChecks } from './preflight';
import type { StepDefinition } from './step';

/** Compares each host with the others: duplicate machine-ids or hostnames, foreign swarms. */
export const preflightClusterStep: StepDefinition<PreflightCheck[]> = {
  id: 'preflight-cluster',
  title: { en: 'Compare the hosts', 'zh-CN': '主机间比对' },
  explanation: {
    en: 'Compares the hosts with each other: cloned machine-ids, duplicate hostnames, a host that already belongs to another swarm.',
    'zh-CN': '把各主机互相比对：克隆导致的相同 machine-id、重复的主机名、已属于其他 Swarm 的主机。',
  },
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
    note: 'compares the facts of all hosts on this machine; sends nothing',
  }),
};
