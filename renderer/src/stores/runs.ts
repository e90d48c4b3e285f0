/**
 * Runs the wizard started (the preflight check and the setup), each folded from its events.
 * The event subscription itself is not state: it lives in this module, outside Pinia.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type { RunEventMessage, RunMode } from '../../../electron/contract/run';
import type { SwarmOperation } from '../../../electron/shared/operations';
import type { Unsubscribe } from '../../../electron/contract/api';
import type { RunEvent } from '../../../electron/shared/run-events';
import { api } from '../api';
import { applyRunEvent, emptyRunState, type RunState } from '../model/run-state';

let subscription: Unsubscribe | undefined;

/** Events that arrived before `start` answered with their run's id, held until it did. */
class EarlyEvents {
  private held: RunEventMessage[] = [];
  hold(message: RunEventMessage): void {
    this.held.push(message);
  }
  /** The held events of `runId`, taken out; another run's keep waiting for their own run. */
  take(runId: string): RunEventMessage[] {
    const mine = this.held.filter((message) => message.runId === runId);
    this.held = this.held.filter((message) => message.runId !== runId);
    return mine;
  }
}

/** A run still under way (the wizard does not let go of it). */
function isGoing(run: RunState | undefined): boolean {
  return run !== undefined && ['starting', 'running'].includes(run.status);
}

export const useRunsStore = defineStore('runs', () => {
  const runs = ref<Record<string, RunState>>({});
  const preflightRunId = ref<string | undefined>();
  const setupRunId = ref<string | undefined>();
  /** The inventory the last preflight checked, to tell when the wizard's draft moved on. */
  const preflightChecked = ref<string | undefined>();
  const early = new EarlyEvents();
  /** What to do once an operation's run has succeeded, by run id. */
  const whenSucceeded = new Map<string, () => void>();

  const preflight = computed(() =>
    preflightRunId.value ? runs.value[preflightRunId.value] : undefined,
  );
  const setup = computed(() => (setupRunId.value ? runs.value[setupRunId.value] : undefined));

  function receive(message: RunEventMessage): void {
    const run = runs.value[message.runId];
    if (!run) return early.hold(message);
    applyRunEvent(run, message.event);
    settle(message);
  }

  function settle(message: RunEventMessage): void {
    if (message.event.type !== 'run-finished') return;
    const then = whenSucceeded.get(message.runId);
    if (!then || message.event.status !== 'succeeded') return;
    whenSucceeded.delete(message.runId);
    then();
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
    for (const message of early.take(runId)) {
      applyRunEvent(run, message.event);
      settle(message);
    }
  }

  async function start(inventory: InventoryDocument, mode: RunMode): Promise<string> {
    listen();
    const { runId } = await api().run.start({ inventory, mode });
    track(runId);
    if (mode === 'preflight') {
      preflightRunId.value = runId;
      preflightChecked.value = JSON.stringify(inventory);
    } else setupRunId.value = runId;
    return runId;
  }

  /** A remove or reset: followed on the run page and reported like a setup. */
  async function startOperation(
    inventory: InventoryDocument,
    operation: SwarmOperation,
    onSucceeded?: () => void,
  ): Promise<string> {
    listen();
    const { runId } = await api().run.operate({ inventory, operation });
    if (onSucceeded) whenSucceeded.set(runId, onSucceeded);
    track(runId);
    setupRunId.value = runId;
    return runId;
  }

  /** A run from the history: its events so far; the run and report pages show it now. */
  function adopt(runId: string, events: readonly RunEvent[]): void {
    listen();
    const run = emptyRunState(runId);
    for (const event of events) applyRunEvent(run, event);
    runs.value[runId] = run;
    // What a resume already sent comes after the history.
    track(runId);
    setupRunId.value = runId;
  }

  /** Whether the last preflight checked exactly this inventory (hosts, access, options). */
  function preflightCovers(inventory: InventoryDocument): boolean {
    return preflightChecked.value === JSON.stringify(inventory);
  }

  /**
   * The wizard lets go of its preflight and setup (a new lab starts). Finished runs stay in the
   * run history on disk; a run still going is not let go of.
   */
  function forgetFinished(): void {
    if (isGoing(preflight.value) || isGoing(setup.value)) return;
    preflightRunId.value = undefined;
    setupRunId.value = undefined;
    preflightChecked.value = undefined;
  }

  return {
    runs,
    forgetFinished,
    preflightRunId,
    setupRunId,
    preflight,
    setup,
    receive,
    listen,
    stopListening,
    start,
    preflightCovers,
    startOperation,
    /** Follows a run started elsewhere (a check, a practice) by its events. */
    follow: track,
    adopt,
  };
});
