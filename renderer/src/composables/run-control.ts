/**
 * What the person does to a run main holds: cancel it, retry a failed step, go on without a
 * host, resume one from the history. The run's state follows from the events these cause.
 */
import type { InventoryDocument } from '../../../electron/contract/common';
import { api } from '../api';

export async function cancelRun(runId: string): Promise<void> {
  await api().run.cancel({ runId });
}

export async function retryStep(runId: string, host: string, step: string): Promise<void> {
  await api().run.retryStep({ runId, host, step });
}

/** Goes on without these failed hosts (all of them in one go: the run restarts once). */
export async function continuePastHosts(runId: string, hosts: readonly string[]): Promise<void> {
  await api().run.continuePastHost({ runId, hosts: [...hosts] });
}

/** Goes on with a run opened from the history, logging in with this inventory. */
export async function resumeFromHistory(
  runId: string,
  inventory: InventoryDocument,
): Promise<void> {
  await api().history.resume({ runId, inventory });
}
