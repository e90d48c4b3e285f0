/**
 * The terminal panel's state: which terminals exist (ids and plain facts about them), how they
 * are laid out, which are in the broadcast. Plain data only: the xterm.js instances live in
 * terminal/views.ts, keyed by the same ids, and never enter Pinia.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type {
  TerminalOpenRequest,
  TerminalFrame,
  TerminalNodeRef,
  TerminalSize,
} from '../../../electron/contract/terminal';
import { api } from '../api';
import { inputTargets, reconnectsOnEnter } from '../terminal/broadcast';
import { inputToBase64 } from '../terminal/bytes';
import { findTab, tabOf, type TerminalTab } from '../terminal/tabs';
import { useRecordingSetting } from '../terminal/recording-setting';
import { useStatsWatch } from '../terminal/stats-watch';
import { useTabStates } from '../terminal/tab-states';
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
  // Broadcasting shows the terminals side by side, so every node's echo is in view.
  const { broadcast, broadcasting, toggleBroadcast, setBroadcastMember, broadcastTo } =
    useBroadcast(tabs, () => (layout.value = 'grid'));
  const panelOpen = ref(false);
  const lastSize = ref<TerminalSize>(DEFAULT_SIZE);
  /** Whether new sessions keep a transcript (those open already keep theirs as they are). */
  const { recording, setRecording } = useRecordingSetting();
  const { watchStats, setStats, unwatch } = useStatsWatch(tabs, sendQuietly);
  let port: TerminalViewPort | undefined;
  let notices: NoticeFor | undefined;
  const { setState, setExit, takeEarlyState } = useTabStates(tabs, (target) => {
    const notice = notices?.(target);
    if (notice) port?.noticeInView(target.id, notice);
  });

  const active = computed(() => tabs.value.find((tab) => tab.id === activeId.value));

  const tab = (id: string) => findTab(tabs.value, id);

  /** Connects the store to the views, and to the words it shows on state changes. */
  function connect(viewPort: TerminalViewPort, noticeFor: NoticeFor): void {
    port = viewPort;
    notices = noticeFor;
  }

  /** Opens a terminal of the last measured size, recorded if the person wants it so. */
  async function add(
    request: (common: { size: TerminalSize; record: boolean }) => TerminalOpenRequest,
  ): Promise<string> {
    const opened = await api().terminal.open(
      request({ size: lastSize.value, record: recording.value }),
    );
    panelOpen.value = true; // only now: a refused open leaves no empty panel behind
    port?.createView(opened.id);
    tabs.value.push(tabOf(opened));
    const early = takeEarlyState(opened.id);
    if (early) setState(opened.id, early.state, early.detail);
    activeId.value = opened.id;
    return opened.id;
  }

  function openNode(
    inventory: InventoryDocument,
    node: TerminalNodeRef,
    via: 'ssh2' | 'system-ssh' = 'ssh2',
  ): Promise<string> {
    return add((common) => ({ kind: 'node', inventory, node, via, ...common }));
  }

  function openLocal(): Promise<string> {
    return add((common) => ({ kind: 'local', ...common }));
  }

  function close(id: string): void {
    sendQuietly({ type: 'close', id });
    port?.disposeView(id);
    tabs.value = tabs.value.filter((candidate) => candidate.id !== id);
    broadcast.value.members = broadcast.value.members.filter((member) => member !== id);
    unwatch(id);
    if (activeId.value === id) activeId.value = tabs.value.at(-1)?.id;
    if (tabs.value.length === 0) panelOpen.value = false;
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
