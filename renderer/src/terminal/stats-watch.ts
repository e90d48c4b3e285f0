/**
 * The node figures under the terminals: sampled by main only for the node terminals on screen
 * (a hidden one pauses, so nothing is read from a node nobody looks at), each change said once.
 */
import type { Ref } from 'vue';
import type { NodeStats, TerminalFrame } from '../../../electron/contract/terminal';
import { findTab, type TerminalTab } from './tabs';

export function useStatsWatch(tabs: Ref<TerminalTab[]>, send: (frame: TerminalFrame) => void) {
  /** Terminals whose node figures main is sampling now. */
  const watched = new Set<string>();

  function watchStats(shown: ReadonlySet<string>): void {
    for (const candidate of tabs.value) {
      if (candidate.kind !== 'node' || candidate.via !== 'ssh2') continue;
      const on = shown.has(candidate.id);
      if (watched.has(candidate.id) === on) continue;
      if (on) watched.add(candidate.id);
      else watched.delete(candidate.id);
      send({ type: 'watch-stats', id: candidate.id, on });
    }
  }

  function setStats(id: string, stats: NodeStats): void {
    const target = findTab(tabs.value, id);
    if (target) target.stats = stats;
  }

  /** A closed terminal is sampled no more. */
  function unwatch(id: string): void {
    watched.delete(id);
  }

  return { watchStats, setStats, unwatch };
}
