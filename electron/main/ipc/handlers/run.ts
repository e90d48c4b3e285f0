import type { EventContract } from '../../../contract/api';
import { SETUP_STEPS } from '../../../engine/steps';
import type { RunManager } from '../../runs/run-manager';
import { readyToRun } from './checked-inventory';
import { implement, type ChannelsOf, type HandlerContext, type HandlerDeps } from './types';

/** Sends a run's events to the window that asked for the run. */
const eventSink =
  (context: HandlerContext) => (runId: string, event: EventContract['run:event']['event']) =>
    context.sendEvent('run:event', { runId, event });

export function runHandlers(deps: HandlerDeps, runs: RunManager) {
  return implement<ChannelsOf<'run'>>({
    'run:step-catalog': () =>
      SETUP_STEPS.map((step) => ({
        id: step.id,
        title: step.title,
        explanation: step.explanation,
      })),
    'run:start': ({ inventory, mode }, context) => {
      const ready = readyToRun(inventory, deps.env);
      return { runId: runs.start(ready.inventory, ready.secrets, mode, eventSink(context)) };
    },
    'run:cancel': ({ runId }) => ({ cancelled: runs.cancel(runId) }),
    'run:retry-step': ({ runId, host, step }, context) => {
      runs.retryStep(runId, host, step, eventSink(context));
      return { runId };
    },
    'run:continue-past-host': ({ runId, host }, context) => {
      runs.continuePastHost(runId, host, eventSink(context));
      return { runId };
    },
    'run:events': ({ runId }) => runs.events(runId),
  });
}
