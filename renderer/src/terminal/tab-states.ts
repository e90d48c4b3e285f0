/**
 * Each terminal's state as main reports it: applied to its tab (with the words its view shows),
 * or kept until the tab exists (main starts connecting before its answer to open arrives).
 */
import type { Ref } from 'vue';
import type { TerminalState } from '../../../electron/contract/terminal';
import { applyState, EarlyStates, exitDetail, findTab, type TerminalTab } from './tabs';

export function useTabStates(
  tabs: Ref<TerminalTab[]>,
  /** Told after a tab's state changed, to show a notice in its view. */
  changed: (tab: TerminalTab) => void,
) {
  const earlyStates = new EarlyStates();

  function setState(id: string, state: TerminalState, detail?: string): void {
    const target = findTab(tabs.value, id);
    if (!target) {
      earlyStates.keep(id, state, detail);
      return;
    }
    applyState(target, state, detail);
    changed(target);
  }

  function setExit(id: string, code: number | null, signal: string | undefined): void {
    const target = findTab(tabs.value, id);
    if (target) target.detail = exitDetail(code, signal);
  }

  return { setState, setExit, takeEarlyState: (id: string) => earlyStates.take(id) };
}
