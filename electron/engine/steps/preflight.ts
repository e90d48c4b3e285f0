import { localized, localizedClauses } from '../../shared/messages';
import { hostChecks, worstStatus, type ClockReading, type PreflightCheck } from '../facts/checks';
import { localizedCheckWords } from '../facts/checks/check';
import { parseFacts, type HostFacts } from '../facts/facts';
import { factsProbeScript, type PeerToProbe } from '../facts/probe-script';
import type { Inventory } from '../inventory/schema';
import { dockerSourceCheck } from './docker-install/source-check';
import type { PlanHostSummary } from '../../shared/plan';
import { StepFailure, type Localized, type StepContext, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

export interface PreflightResult {
  facts: HostFacts;
  clock: ClockReading;
  checks: PreflightCheck[];
}

/** Where later steps find a host's facts during a run. */
export function factsKey(hostId: string): string {
  return `facts:${hostId}`;
}

/** The facts preflight found for a host; a step that runs after preflight can rely on them. */
export function factsOf(ctx: Pick<StepContext, 'shared'>, hostId: string): HostFacts {
  const facts = ctx.shared.get(factsKey(hostId)) as HostFacts | undefined;
  if (!facts) throw new StepFailure(localized('failures.run.noFacts', { host: hostId }));
  return facts;
}

/**
 * How many other hosts each host tests for TCP reachability. Testing every pair costs n×(n−1)
 * probes: 9 900 processes on 100 hosts, which made preflight quadratic. With a cap, each host
 * tests the hosts that follow it in the plan (wrapping around), so every host is still tested
 * by this many others and a host that nobody can reach still shows up, at n×cap probes.
 */
export const MAX_PEERS_PROBED = 8;

/** The peers a host tests in preflight: all of them on small plans, a ring window on large. */
export function peersToProbe(
  host: PlanHostSummary,
  hosts: readonly PlanHostSummary[],
  cap: number = MAX_PEERS_PROBED,
): PeerToProbe[] {
  const index = hosts.findIndex((candidate) => candidate.id === host.id);
  const others =
    index < 0
      ? hosts.filter((other) => other.id !== host.id)
      : [...hosts.slice(index + 1), ...hosts.slice(0, index)];
  return others
    .slice(0, Math.max(0, cap))
    .map((other) => ({ id: other.id, address: other.address, port: other.port }));
}

/**
 * Reads the host in one round trip (OS, kernel, init, disk, clock, Docker and swarm state,
 * addresses, reachability of the other hosts) and checks what would stop the setup.
 */
export const preflightStep: StepDefinition<PreflightResult, Inventory> = {
  id: 'preflight',
  title: localized('steps.preflight.title'),
  explanation: localized('steps.preflight.explanation'),
  alwaysRun: true,
  appliesTo: () => true,

  async probe(ctx) {
    const peers = peersToProbe(ctx.host, ctx.hosts);
    const result = await ctx.remote.exec(factsProbeScript(peers), {
      sudo: true,
      purpose: purpose('facts'),
      displayCommand: 'sh  # preflight: read-only facts probe (facts/probe-script.ts)',
    });
    const answeredAt = Date.now();
    const facts = parseFacts(result.stdout);
    // The host read its clock during the command; take the middle of the command as "now".
    const clock: ClockReading = {
      offsetMs: facts.timeMs - (answeredAt - result.durationMs / 2),
      uncertaintyMs: Math.ceil(result.durationMs / 2),
    };
    ctx.shared.set(factsKey(ctx.host.id), facts);
    const source = dockerSourceCheck(facts, ctx.options.docker);
    const checks = hostChecks(ctx.host, facts, clock);
    // Where Docker comes from sits beside what the host has of it.
    const docker = checks.findIndex((check) => check.id === 'docker');
    if (source) checks.splice(docker === -1 ? checks.length : docker + 1, 0, source);
    return { facts, clock, checks };
  },

  decide: (result, ctx) => judgeChecks(result.checks, ctx, result),
  apply: async () => {},
  verify: async (_ctx, result) => result,
  preview: () => ({
    commands: [],
    files: [],
    note: localized('plans.notes.preflight'),
  }),
};

/** Turns a table of checks into the step's outcome: a failing check fails the host. */
export function judgeChecks(
  checks: PreflightCheck[],
  ctx: Pick<StepContext, 'warn'>,
  data: unknown,
): { kind: 'ok'; message: Localized } {
  for (const check of checks.filter((candidate) => candidate.status === 'warn')) {
    const { detail, fix } = localizedCheckWords(check);
    ctx.warn(
      fix
        ? localized('failures.run.checkWithFix', { check: check.id, detail, fix })
        : localized('failures.run.check', { check: check.id, detail }),
    );
  }
  const failing = checks.filter((check) => check.status === 'fail');
  if (failing.length > 0) {
    const said = failing.map((check) => ({ id: check.id, ...localizedCheckWords(check) }));
    throw new StepFailure(
      localizedClauses(
        said.map(({ id, detail }) => localized('failures.run.check', { check: id, detail })),
      ),
      localizedClauses(said.flatMap(({ fix }) => (fix ? [fix] : []))),
      data,
    );
  }
  const warnings = checks.length - checks.filter((check) => check.status === 'pass').length;
  const counted = (count: number, one: Localized, many: Localized) => (count === 1 ? one : many);
  const verdict =
    worstStatus(checks) === 'pass'
      ? localized('outcomes.preflight.allPassed')
      : counted(
          warnings,
          localized('outcomes.preflight.warningOne'),
          localized('outcomes.preflight.warningCount', { count: warnings }),
        );
  return {
    kind: 'ok',
    message: localized('outcomes.preflight.summary', {
      checks: counted(
        checks.length,
        localized('outcomes.preflight.checkCountOne'),
        localized('outcomes.preflight.checkCount', { count: checks.length }),
      ),
      verdict,
    }),
  };
}
