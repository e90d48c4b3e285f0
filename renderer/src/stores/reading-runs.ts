/**
 * The last health check and practice the wizard started. They read the swarm (and practise on
 * it) beside the setup: each has its own page, and neither replaces the setup's report.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type { SwarmOperation } from '../../../electron/shared/operations';
import { api } from '../api';
import { useRunsStore } from './runs';

export type ReadingOperation = Extract<SwarmOperation, { kind: 'check' | 'practice' }>;

export const useReadingRunsStore = defineStore('reading-runs', () => {
  const runs = useRunsStore();
  const checkRunId = ref<string | undefined>();
  const practiceRunId = ref<string | undefined>();
  const check = computed(() => (checkRunId.value ? runs.runs[checkRunId.value] : undefined));
  const practice = computed(() =>
    practiceRunId.value ? runs.runs[practiceRunId.value] : undefined,
  );

  async function start(inventory: InventoryDocument, operation: ReadingOperation): Promise<string> {
    runs.listen();
    const { runId } = await api().run.operate({ inventory, operation });
    runs.follow(runId);
    (operation.kind === 'check' ? checkRunId : practiceRunId).value = runId;
    return runId;
  }

  /** A new lab starts: the last check and practice were about the old one. */
  function forget(): void {
    checkRunId.value = undefined;
    practiceRunId.value = undefined;
  }

  return { checkRunId, practiceRunId, check, practice, start, forget };
});
