/** The engine's steps (titles and explanations in both languages), fetched once. */
import { ref } from 'vue';
import type { StepCatalogEntry } from '../../../electron/contract/run';
import { api } from '../api';

const catalog = ref<StepCatalogEntry[]>([]);
let loading: Promise<void> | undefined;

export function useStepCatalog() {
  loading ??= api()
    .run.stepCatalog()
    .then((entries) => {
      catalog.value = entries;
    })
    .catch(() => {
      loading = undefined;
    });
  const entryOf = (id: string) => catalog.value.find((entry) => entry.id === id);
  return { catalog, entryOf };
}
