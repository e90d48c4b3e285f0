/** The engine's steps (titles and explanations in both languages), fetched once. */
import { ref } from 'vue';
import type { StepCatalogEntry } from '../../../electron/contract/run';
import { api } from '../api';
import { localized } from '../model/localized-text';

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
  /** A step's title in `locale`; `fallback` (its id unless given) until the catalog is there. */
  const titleOf = (id: string, locale: string, fallback = id): string => {
    const entry = entryOf(id);
    return entry ? localized(entry.title, locale) : fallback;
  };
  return { catalog, entryOf, titleOf };
}
