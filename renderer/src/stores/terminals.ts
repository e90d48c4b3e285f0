/**
 * The terminal panel's state: which terminals exist (ids and plain facts about them), how they
 * are laid out, which are in the broadcast. Plain data only: the xterm.js instances live in
 * terminal/views.ts, keyed by the same ids, and never enter Pinia.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type {
  NodeStats,
  OpenedTerminal,
  TerminalFrame,
  TerminalNodeRef,
  TerminalSize,
  TerminalState,
} from '../../../electron/contract/terminal';
import { api } from '../api';
import { inputTargets, reconnectsOnEnter } from '../terminal/broadcast';
import { inputToBase64 } from '../terminal/bytes';
import {
  applyState,
  EarlyStates,
  exitDetail,
  findTab,
  tabOf,
  type BroadcastGroup,
  type TerminalTab,
} from '../terminal/tabs';
import { useBroadcast } from '../terminal/use-broadcast';

export type { TerminalTab } from '../terminal/tabs';

export type TerminalLayout = 'tabs' | 'grid';

/** Until a pane has measured itself; the first fit resizes the remote pty. */
const DEFAULT_SIZE: TerminalSize = { cols: 80, rows: 24 };

/** What the store needs from the view layer (terminal/views.ts), passed in to keep it testable. */
export interface TerminalViewPort {
  createView(id: string): void;
  disposeView(id: string): void;
  sizeOf(id: string): TerminalSize | undefined;
  noticeInView(id: string, text: string): void;
}

/** Where the person's choice to record terminal sessions is kept between launches. */
const RECORD_SETTING = 'swarmlab.recordTerminals';

/** The slice of the browser's storage the store uses (typed loosely so unit tests run it under Node). */
const browser = globalThis as {
  localStorage?: {
    getItem(key: string): string | null;
    setItem(key: string, value: string): void;
  };
};

/** Recording is on unless the person turned it off (storage may be missing under tests). */
function recordingSetting(): boolean {
  try {
    return browser.localStorage?.getItem(RECORD_SETTING) !== 'off';
  } catch {
    return true;
  }
}

/** Messages to main whose failure has nothing to tell: the terminal's state event will. */
function sendQuietly(message: TerminalFrame): void {
  void api()
    .terminal.send(message)
    .catch(() => undefined);
}

/** The words a view shows when its terminal's state changes, if any. */
type NoticeFor = (tab: TerminalTab) => string | undefined;

export const useTerminalsStore = defineStore('terminals', () => {
  const tabs = ref<TerminalTab[]>([]);
  const activeId = ref<string | undefined>();
  const layout = ref<TerminalLayout>('tabs');
  const {
    broadcast,
    broadcasting,
    toggleBroadcast: toggle,
    setBroadcastMember,
    broadcastTo: sendTo,
  } = useBroadcast(tabs);
  const panelOpen = ref(false);
  const lastSize = ref<TerminalSize>(DEFAULT_SIZE);
  /** Whether new sessions keep a transcript (those open already keep theirs as they are). */
  const recording = ref(recordingSetting());
  let port: TerminalViewPort | undefined;
  let notices: NoticeFor | undefined;
  /** States reported before the tab existed (main starts connecting before it answers). */
  const earlyStates = new EarlyStates();
  /** Terminals whose node figures main is sampling now. */
  const watched = new Set<string>();

  const active = computed(() => tabs.value.find((tab) => tab.id === activeId.value));

  const tab = (id: string) => findTab(tabs.value, id);

  /** Connects the store to the views, and to the words it shows on state changes. */
  function connect(viewPort: TerminalViewPort, noticeFor: NoticeFor): void {
    port = viewPort;
    notices = noticeFor;
  }

  async function add(request: () => Promise<OpenedTerminal>): Promise<string> {
    const opened = await request();
    panelOpen.value = true; // only now: a refused open leaves no empty panel behind
    port?.createView(opened.id);
    tabs.value.push(tabOf(opened));
    const early = earlyStates.take(opened.id);
    if (early) setState(opened.id, early.state, early.detail);
    activeId.value = opened.id;
    return opened.id;
  }

  function openNode(
    inventory: InventoryDocument,
    node: TerminalNodeRef,
    via: 'ssh2' | 'system-ssh' = 'ssh2',
  ): Promise<string> {
    return add(() =>
      api().terminal.open({
        kind: 'node',
        inventory,
        node,
        via,
        size: lastSize.value,
        record: recording.value,
      }),
    );
  }

  function openLocal(): Promise<string> {
    return add(() =>
      api().terminal.open({ kind: 'local', size: lastSize.value, record: recording.value }),
    );
  }

  function setRecording(value: boolean): void {
    recording.value = value;
    try {
      browser.localStorage?.setItem(RECORD_SETTING, value ? 'on' : 'off');
    } catch {
      // Not kept for the next launch; this one still follows it.
    }
  }

  function close(id: string): void {
    sendQuietly({ type: 'close', id });
    port?.disposeView(id);
    tabs.value = tabs.value.filter((candidate) => candidate.id !== id);
    broadcast.value.members = broadcast.value.members.filter((member) => member !== id);
    watched.delete(id);
    if (activeId.value === id) activeId.value = tabs.value.at(-1)?.id;
    if (tabs.value.length === 0) panelOpen.value = false;
  }

  function setState(id: string, state: TerminalState, detail?: string): void {
    const target = tab(id);
    if (!target) {
      earlyStates.keep(id, state, detail);
      return;
    }
    applyState(target, state, detail);
    const notice = notices?.(target);
    if (notice) port?.noticeInView(id, notice);
  }

  function setStats(id: string, stats: NodeStats): void {
    const target = tab(id);
    if (target) target.stats = stats;
  }

  /**
   * Samples the figures of the node terminals on screen and no others: a terminal hidden (another
   * tab, the panel closed) stops, so nothing is read from a node nobody looks at.
   */
  function watchStats(shown: ReadonlySet<string>): void {
    for (const candidate of tabs.value) {
      if (candidate.kind !== 'node' || candidate.via !== 'ssh2') continue;
      const on = shown.has(candidate.id);
      if (watched.has(candidate.id) === on) continue;
      if (on) watched.add(candidate.id);
      else watched.delete(candidate.id);
      sendQuietly({ type: 'watch-stats', id: candidate.id, on });
    }
  }

  function setExit(id: string, code: number | null, signal: string | undefined): void {
    const target = tab(id);
    if (target) target.detail = exitDetail(code, signal);
  }

  /** Keystrokes from one terminal: routed (broadcast), or Enter reconnects a dropped one. */
  function input(id: string, data: string): void {
    const source = tab(id);
    if (reconnectsOnEnter(source?.state)) {
      if (data.includes('\r')) reconnect(id);
      return;
    }
    const ids = inputTargets(id, broadcast.value, (candidate) => tab(candidate)?.state);
    sendQuietly({ type: 'input', ids, data: inputToBase64(data) });
  }

  function reconnect(id: string): void {
    const size = port?.sizeOf(id) ?? lastSize.value;
    sendQuietly({ type: 'reconnect', id, size });
  }

  function resized(id: string, size: TerminalSize): void {
    lastSize.value = size;
    sendQuietly({ type: 'resize', id, size });
  }

  function setLayout(value: TerminalLayout): void {
    layout.value = value;
  }

  /** Broadcasting shows the terminals side by side, so every node's echo is in view. */
  function toggleBroadcast(): void {
    toggle();
    if (broadcast.value.active) layout.value = 'grid';
  }

  function broadcastTo(group: BroadcastGroup): void {
    sendTo(group);
    layout.value = 'grid';
  }

  return {
    tabs,
    activeId,
    active,
    layout,
    panelOpen,
    broadcast,
    broadcasting,
    lastSize,
    recording,
    setRecording,
    connect,
    openNode,
    openLocal,
    close,
    setState,
    setExit,
    setStats,
    watchStats,
    input,
    reconnect,
    resized,
    toggleBroadcast,
    setBroadcastMember,
    broadcastTo,
    setLayout,
  };
});
