/**
 * The terminal panel's state: which terminals exist (ids and plain facts about them), how they
 * are laid out, which are in the broadcast. Plain data only: the xterm.js instances live in
 * terminal/views.ts, keyed by the same ids, and never enter Pinia.
 */
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { InventoryDocument } from '../../../electron/contract/common';
import type {
  OpenedTerminal,
  TerminalNodeRef,
  TerminalSize,
  TerminalState,
} from '../../../electron/contract/terminal';
import { api } from '../api';
import { inputTargets, reconnectsOnEnter } from '../terminal/broadcast';
import { inputToBase64 } from '../terminal/bytes';

export interface TerminalTab {
  id: string;
  kind: OpenedTerminal['kind'];
  via: OpenedTerminal['via'];
  label: string;
  hostId?: string;
  state: TerminalState;
  /** Why it failed or dropped, or how it exited. */
  detail?: string;
}

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

export const useTerminalsStore = defineStore('terminals', () => {
  const tabs = ref<TerminalTab[]>([]);
  const activeId = ref<string | undefined>();
  const layout = ref<TerminalLayout>('tabs');
  const panelOpen = ref(false);
  const broadcast = ref<{ active: boolean; members: string[] }>({ active: false, members: [] });
  const lastSize = ref<TerminalSize>(DEFAULT_SIZE);
  let port: TerminalViewPort | undefined;
  let notices: ((tab: TerminalTab) => string | undefined) | undefined;

  const active = computed(() => tabs.value.find((tab) => tab.id === activeId.value));
  const broadcasting = computed(() => broadcast.value.active && broadcast.value.members.length > 0);

  function tab(id: string): TerminalTab | undefined {
    return tabs.value.find((candidate) => candidate.id === id);
  }

  /** Connects the store to the views, and to the words it shows on state changes. */
  function connect(
    viewPort: TerminalViewPort,
    noticeFor: (tab: TerminalTab) => string | undefined,
  ): void {
    port = viewPort;
    notices = noticeFor;
  }

  async function add(request: () => Promise<OpenedTerminal>): Promise<string> {
    panelOpen.value = true;
    const opened = await request();
    port?.createView(opened.id);
    tabs.value.push({
      id: opened.id,
      kind: opened.kind,
      via: opened.via,
      label: opened.label,
      ...(opened.hostId ? { hostId: opened.hostId } : {}),
      state: 'connecting',
    });
    replayEarlyStates(opened.id);
    activeId.value = opened.id;
    return opened.id;
  }

  /** States reported before the tab existed (main starts connecting before it answers). */
  const earlyStates = new Map<string, { state: TerminalState; detail?: string }>();
  function replayEarlyStates(id: string): void {
    const early = earlyStates.get(id);
    earlyStates.delete(id);
    if (early) setState(id, early.state, early.detail);
  }

  function openNode(
    inventory: InventoryDocument,
    node: TerminalNodeRef,
    via: 'ssh2' | 'system-ssh' = 'ssh2',
  ): Promise<string> {
    return add(() =>
      api().terminal.open({ kind: 'node', inventory, node, via, size: lastSize.value }),
    );
  }

  function openLocal(): Promise<string> {
    return add(() => api().terminal.open({ kind: 'local', size: lastSize.value }));
  }

  function close(id: string): void {
    void api()
      .terminal.send({ type: 'close', id })
      .catch(() => undefined);
    port?.disposeView(id);
    tabs.value = tabs.value.filter((candidate) => candidate.id !== id);
    broadcast.value.members = broadcast.value.members.filter((member) => member !== id);
    if (activeId.value === id) activeId.value = tabs.value.at(-1)?.id;
    if (tabs.value.length === 0) panelOpen.value = false;
  }

  function setState(id: string, state: TerminalState, detail?: string): void {
    const target = tab(id);
    if (!target) {
      earlyStates.set(id, { state, ...(detail !== undefined ? { detail } : {}) });
      return;
    }
    target.state = state;
    if (detail !== undefined) target.detail = detail;
    else if (state === 'connecting' || state === 'connected') delete target.detail;
    const notice = notices?.(target);
    if (notice) port?.noticeInView(id, notice);
  }

  function setExit(id: string, code: number | null, signal: string | undefined): void {
    const target = tab(id);
    if (target) target.detail = signal ? `signal ${signal}` : `exit ${code ?? '?'}`;
  }

  /** Keystrokes from one terminal: routed (broadcast), or Enter reconnects a dropped one. */
  function input(id: string, data: string): void {
    const source = tab(id);
    if (reconnectsOnEnter(source?.state)) {
      if (data.includes('\r')) reconnect(id);
      return;
    }
    const ids = inputTargets(id, broadcast.value, (candidate) => tab(candidate)?.state);
    void api()
      .terminal.send({ type: 'input', ids, data: inputToBase64(data) })
      .catch(() => undefined);
  }

  function reconnect(id: string): void {
    const size = port?.sizeOf(id) ?? lastSize.value;
    void api()
      .terminal.send({ type: 'reconnect', id, size })
      .catch(() => undefined);
  }

  function resized(id: string, size: TerminalSize): void {
    lastSize.value = size;
    void api()
      .terminal.send({ type: 'resize', id, size })
      .catch(() => undefined);
  }

  function toggleBroadcast(): void {
    broadcast.value.active = !broadcast.value.active;
    // Turning it on with nobody selected selects every terminal: the common case.
    if (broadcast.value.active && broadcast.value.members.length === 0) {
      broadcast.value.members = tabs.value.map((candidate) => candidate.id);
    }
  }

  function setBroadcastMember(id: string, member: boolean): void {
    const members = broadcast.value.members.filter((candidate) => candidate !== id);
    if (member) members.push(id);
    broadcast.value.members = members;
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
    connect,
    openNode,
    openLocal,
    close,
    setState,
    setExit,
    input,
    reconnect,
    resized,
    toggleBroadcast,
    setBroadcastMember,
    setLayout,
  };
});
