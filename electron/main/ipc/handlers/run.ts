import type { EventContract, PlanPreview, PlanPreviewRequest } from '../../../contract/api';
import { assumedFacts } from '../../../engine/facts/assumed';
import { resolveHosts, resolveSecrets } from '../../../engine/inventory';
import { previewPlan, probeFacts, redactPreview } from '../../../engine/plan-preview';
import { describeOperation } from '../../../engine/operation-plan';
import { previewChanges } from '../../../engine/setup';
import { REMOVAL_STEPS } from '../../../engine/steps/removal';
import { ALL_RESET_STEPS } from '../../../engine/steps/reset';
import { SETUP_STEPS } from '../../../engine/steps';
import { CHECK_STEPS } from '../../../engine/steps/check';
import { practiceSteps } from '../../../engine/steps/practice';
import type { RunManager } from '../../runs/run-manager';
import { blockingSecrets, readyToOperate, readyToRun, validOrThrow } from './checked-inventory';
import { implement, type ChannelsOf, type HandlerContext, type HandlerDeps } from './types';

/** Sends a run's events to the window that asked for the run. */
export const eventSink =
  (context: HandlerContext) => (runId: string, event: EventContract['run:event']['event']) =>
    context.sendEvent('run:event', { runId, event });

export function runHandlers(deps: HandlerDeps, runs: RunManager) {
  return implement<ChannelsOf<'run'>>({
    // Every step any operation runs, so a remove or a reset explains its steps too.
    'run:step-catalog': () =>
      [
        ...new Map(
          [
            ...SETUP_STEPS,
            ...REMOVAL_STEPS,
            ...ALL_RESET_STEPS,
            ...CHECK_STEPS,
            ...practiceSteps(),
          ].map((step) => [step.id, step]),
        ).values(),
      ].map((step) => ({
        id: step.id,
        title: step.title,
        explanation: step.explanation,
      })),
    'run:start': ({ inventory, mode }, context) => {
      const ready = readyToRun(inventory, deps.env);
      return { runId: runs.start(ready.inventory, ready.secrets, mode, eventSink(context)) };
    },
    'run:changes': ({ inventory }) => {
      const ready = readyToRun(inventory, deps.env);
      return previewChanges({
        inventory: ready.inventory,
        secrets: ready.secrets,
        env: deps.env,
        ssh: { hostKeyPolicy: 'strict' },
      });
    },
    'run:operation-plan': async ({ inventory: document, operation }) => {
      const inventory = validOrThrow(document);
      const { missing } = await blockingSecrets(inventory, operation, deps.env);
      return {
        ...describeOperation(inventory, operation),
        ...(missing.length > 0
          ? {
              missingSecrets: missing.map(({ kinds, targets, env }) => ({
                kinds,
                targets,
                ...(env ? { env } : {}),
              })),
            }
          : {}),
      };
    },
    'run:operate': async ({ inventory, operation }, context) => {
      const ready = await readyToOperate(inventory, operation, deps.env);
      const plan = describeOperation(ready.inventory, operation);
      if (plan.refusal) throw new Error(plan.refusal.en);
      return {
        runId: runs.startOperation(ready.inventory, ready.secrets, operation, eventSink(context)),
      };
    },
    'run:cancel': ({ runId }) => ({ cancelled: runs.cancel(runId) }),
    'run:retry-step': ({ runId, host, step }, context) => {
      runs.retryStep(runId, host, step, eventSink(context));
      return { runId };
    },
    'run:continue-past-host': ({ runId, hosts }, context) => {
      runs.continuePastHosts(runId, hosts, eventSink(context));
      return { runId };
    },
    'run:events': ({ runId }) => runs.events(runId),
    'run:preview': (request) => previewOperation(request, deps.env),
  });
}

/**
 * `swarmlab plan` for the wizard: for assumed bare hosts of one system without connecting
 * (no secret needed), or from each host's read-only facts probe. Secrets are masked either way.
 */
async function previewOperation(
  { inventory: document, assume }: PlanPreviewRequest,
  env: NodeJS.ProcessEnv,
): Promise<PlanPreview> {
  if (assume) {
    const inventory = validOrThrow(document);
    const facts = new Map(
      resolveHosts(inventory).map((host) => [host.id, assumedFacts(assume, host.hostname ?? '')]),
    );
    const hosts = await previewPlan(inventory, facts);
    return { hosts: redactPreview(hosts, resolveSecrets(inventory, env)) };
  }
  const { inventory, secrets } = readyToRun(document, env);
  // Only hosts whose keys the person trusted are logged in to, as for the run itself.
  const facts = await probeFacts(inventory, secrets, { env, ssh: { hostKeyPolicy: 'strict' } });
  return { hosts: redactPreview(await previewPlan(inventory, facts), secrets) };
}
