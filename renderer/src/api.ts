/** The preload's `window.api`, behind one function so store tests can hand in their own. */
import type { SwarmlabApi } from '../../electron/contract/api';

let replacement: SwarmlabApi | undefined;

/** The page's globals as far as this module reads them (window is globalThis in a page). */
const page = globalThis as { api?: SwarmlabApi };

export function api(): SwarmlabApi {
  const bridge = replacement ?? page.api;
  if (!bridge) throw new Error('window.api is missing: the preload script did not run');
  return bridge;
}

/** For unit tests, which run without a preload. */
export function useApiForTests(fake: SwarmlabApi | undefined): void {
  replacement = fake;
}

/** Electron prefixes errors from main ("Error invoking remote method 'x': Error: …"): drop it. */
export function errorText(error: unknown): string {
  const raw = error instanceof Error ? error.message : String(error);
  return raw.replace(/^Error invoking remote method '[^']+': (?:\w*Error: )?/, '');
}
