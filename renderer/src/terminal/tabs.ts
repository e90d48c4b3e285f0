/**
 * The terminal panel's tabs as plain data: what a tab records of an opened terminal, how a
 * state or an exit changes it, and who is in the broadcast. No Pinia and no window.api here,
 * so the store (stores/terminals.ts) reads as the list of what the panel can do.
 */
import type { NodeStats, OpenedTerminal, TerminalState } from '../../../electron/contract/terminal';

export interface TerminalTab {
  id: string;
  kind: OpenedTerminal['kind'];
  via: OpenedTerminal['via'];
  /** `user@host:port` of a node, `local` for the operator's shell. */
  label: string;
  hostId?: string;
  role?: OpenedTerminal['role'];
  /** What the tab says: the node's host id, else the label. */
  name: string;
  state: TerminalState;
  /** Why it failed or dropped, or how it exited. */
  detail?: string;
  /** Where its transcript is written, when it is recorded. */
  transcript?: string;
  /** The node's latest figures, while its terminal is on screen. */
  stats?: NodeStats;
}

export interface Broadcast {
  active: boolean;
  members: string[];
}

/** A new tab for a terminal main opened; it connects from the start. */
export function tabOf(opened: OpenedTerminal): TerminalTab {
  return {
    id: opened.id,
    kind: opened.kind,
    via: opened.via,
    label: opened.label,
    ...(opened.hostId ? { hostId: opened.hostId } : {}),
    ...(opened.transcript ? { transcript: opened.transcript } : {}),
    ...(opened.role ? { role: opened.role } : {}),
    name: opened.hostId ?? opened.label,
    state: 'connecting',
  };
}

export function findTab(tabs: readonly TerminalTab[], id: string): TerminalTab | undefined {
  return tabs.find((candidate) => candidate.id === id);
}

/** A new state; a terminal (re)connecting has no failure to tell any more. */
export function applyState(tab: TerminalTab, state: TerminalState, detail?: string): void {
  tab.state = state;
  if (detail !== undefined) tab.detail = detail;
  else if (state === 'connecting' || state === 'connected') delete tab.detail;
}

/** How a terminal's process ended, in the words the tab shows. */
export function exitDetail(code: number | null, signal: string | undefined): string {
  return signal ? `signal ${signal}` : `exit ${code ?? '?'}`;
}

/** Broadcast on or off; turning it on with nobody selected selects every terminal. */
export function toggledBroadcast(broadcast: Broadcast, allIds: readonly string[]): Broadcast {
  const active = !broadcast.active;
  return {
    active,
    members: active && broadcast.members.length === 0 ? [...allIds] : broadcast.members,
  };
}

/** Who a broadcast can be sent to in one click; anyone else is picked by hand. */
export type BroadcastGroup = 'all' | 'managers' | 'workers';

/** The terminals of a group: every one, or the nodes of one role (a local shell has none). */
export function groupMembers(tabs: readonly TerminalTab[], group: BroadcastGroup): string[] {
  const role = group === 'managers' ? 'manager' : group === 'workers' ? 'worker' : undefined;
  return tabs.filter((tab) => role === undefined || tab.role === role).map((tab) => tab.id);
}

/** The members with `id` added (last) or removed. */
export function withMember(members: readonly string[], id: string, member: boolean): string[] {
  const others = members.filter((candidate) => candidate !== id);
  return member ? [...others, id] : others;
}

/**
 * States main reported for a terminal before its tab existed (main starts connecting before
 * its answer to open arrives); the tab takes them when it is made.
 */
export class EarlyStates {
  private readonly states = new Map<string, { state: TerminalState; detail?: string }>();

  keep(id: string, state: TerminalState, detail?: string): void {
    this.states.set(id, { state, ...(detail !== undefined ? { detail } : {}) });
  }

  /** The state kept for `id`, forgotten once taken. */
  take(id: string): { state: TerminalState; detail?: string } | undefined {
    const early = this.states.get(id);
    this.states.delete(id);
    return early;
  }
}
