/**
 * Where typed input goes. Without broadcast: to the terminal it was typed in. With broadcast
 * on and typed in one of the selected terminals: to every selected terminal that is
 * connected. A terminal outside the selection keeps its own input, so a person can still work
 * on one node while broadcast is on elsewhere.
 */
import type { TerminalState } from '../../../electron/contract/terminal';

export interface BroadcastSelection {
  active: boolean;
  members: readonly string[];
}

export function inputTargets(
  sourceId: string,
  broadcast: BroadcastSelection,
  stateOf: (id: string) => TerminalState | undefined,
): string[] {
  if (!broadcast.active || !broadcast.members.includes(sourceId)) return [sourceId];
  const targets = [...new Set(broadcast.members)].filter((id) => stateOf(id) === 'connected');
  // The source always gets its own keystrokes, whatever its state says this instant.
  return targets.includes(sourceId) ? targets : [sourceId, ...targets];
}

/** Whether typing Enter here should reconnect instead of being sent. */
export function reconnectsOnEnter(state: TerminalState | undefined): boolean {
  return state === 'lost' || state === 'exited' || state === 'failed';
}
