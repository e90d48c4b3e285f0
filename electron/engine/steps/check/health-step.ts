/**
 * The shape both check steps share: they run once, on the first manager, after the step they
 * need even where it failed (a finding there does not stop the next look), change nothing,
 * and end with their findings: warnings said, problems failing the step, all kept as its data.
 */
import type { HealthFinding, HealthResult } from '../../../shared/health';
import { localized } from '../../../shared/messages';
import type { Inventory } from '../../inventory/schema';
import { isFirstManager } from '../../swarm/swarm-info';
import { StepFailure, type StepContext, type StepDefinition } from '../step';

export function healthStep(
  id: 'check-cluster' | 'check-overlay',
  after: string,
  examine: (ctx: StepContext<Inventory>) => Promise<HealthResult>,
): StepDefinition<undefined, Inventory> {
  return {
    id,
    title: localized(`steps.${id}.title`),
    explanation: localized(`steps.${id}.explanation`),
    waitsFor: [after],
    proceedPastFailures: true,
    runsAfterFailuresHere: true,
    appliesTo: (host, hosts) => isFirstManager(host, hosts),
    probe: async () => undefined,
    decide: () => ({ kind: 'ok', message: localized('outcomes.check.healthy') }),
    apply: async () => {},
    verify: async (ctx) => concludeHealth(ctx, await examine(ctx)),
  };
}

/**
 * Warns about each warning and fails with the problems, keeping the whole result as the step's
 * data either way, so the report and the CLI show every finding.
 */
function concludeHealth(ctx: StepContext<Inventory>, health: HealthResult): HealthResult {
  for (const finding of health.findings)
    if (finding.severity === 'warning') ctx.warn(finding.message);
  const problems = health.findings.filter((finding) => finding.severity === 'problem');
  if (problems.length > 0) {
    throw new StepFailure(problemSummary(problems), problems[0]?.fix, health);
  }
  return health;
}

function problemSummary(problems: readonly HealthFinding[]) {
  const [first] = problems;
  if (!first) return localized('health.healthy');
  return problems.length === 1
    ? first.message
    : localized('health.problemsMore', { first: first.message, more: problems.length - 1 });
}
