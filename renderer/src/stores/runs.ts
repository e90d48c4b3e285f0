/**
 * Runs the wizard started (the preflight check and the setup), each folded from its events.
 * The event subscription itself is not state: it lives in this module, outside Pinia.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type { RunEventMessage, RunMode } from '../../../electron/contract/run';
import type { Unsubscribe } from '../../../electron/contract/api';
import { api } from '../api';
import { applyRunEvent, emptyRunState, type RunState } from '../model/run-state';

let subscription: Unsubscribe | undefined;

export const useRunsStore = defineStore('runs', () => {
  const runs = ref<Record<string, RunState>>({});
  const preflightRunId = ref<string | undefined>();
  const setupRunId = ref<string | undefined>();
  /** Events that arrived before `start` answered with their run's id. */
  const early: RunEventMessage[] = [];

  const preflight = computed(() =>
    preflightRunId.value ? runs.value[preflightRunId.value] : undefined,
  );
  const setup = computed(() => (setupRunId.value ? runs.value[setupRunId.value] : undefined));

  function receive(message: RunEventMessage): void {
    const run = runs.value[message.runId];
    if (!run) {
      early.push(message);
      return;
    }
    applyRunEvent(run, message.event);
  }

  /** Starts listening to run events (once per app). */
  function listen(): void {
    subscription ??= api().run.onEvent(receive);
  }

  function stopListening(): void {
    subscription?.();
    subscription = undefined;
  }

  function track(runId: string): void {
    runs.value[runId] ??= emptyRunState(runId);
    const run = runs.value[runId];
    if (!run) return;
    for (const message of early.splice(0).filter((candidate) => candidate.runId === runId)) {
      applyRunEvent(run, message.event);
    }
  }

  async function start(inventory: InventoryDocument, mode: RunMode): Promise<string> {
    listen();
    const { runId } = await api().run.start({ inventory, mode });
    track(runId);
    if (mode === 'preflight') preflightRunId.value = runId;
    else setupRunId.value = runId;
    return runId;
  }

  async function cancel(runId: string): Promise<void> {
    await api().run.cancel({ runId });
  }

  async function retryStep(runId: string, host: string, step: string): Promise<void> {
    await api().run.retryStep({ runId, host, step });
  }

  async function continuePastHost(runId: string, host: string): Promise<void> {
    await api().run.continuePastHost({ runId, host });
  }

  return {
    runs,
    preflightRunId,
    setupRunId,
    preflight,
    setup,
    receive,
    listen,
    stopListening,
    start,
    cancel,
    retryStep,
    continuePastHost,
  };
});
