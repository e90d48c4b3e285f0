/**
 * The broadcast selection of the terminal panel as a composable: whether it is on, which
 * terminals are in it, and the changes the panel makes to it. The terminals store holds it.
 */
import { computed, ref, type Ref } from 'vue';
import {
  groupMembers,
  toggledBroadcast,
  withMember,
  type Broadcast,
  type BroadcastGroup,
  type TerminalTab,
} from './tabs';

/** `onStart` runs whenever broadcast is turned on (the store lays the terminals side by side). */
export function useBroadcast(tabs: Ref<TerminalTab[]>, onStart: () => void = () => undefined) {
  const broadcast = ref<Broadcast>({ active: false, members: [] });
  const broadcasting = computed(() => broadcast.value.active && broadcast.value.members.length > 0);

  function toggleBroadcast(): void {
    Object.assign(
      broadcast.value,
      toggledBroadcast(
        broadcast.value,
        tabs.value.map((candidate) => candidate.id),
      ),
    );
    if (broadcast.value.active) onStart();
  }

  function setBroadcastMember(id: string, member: boolean): void {
    broadcast.value.members = withMember(broadcast.value.members, id, member);
  }

  /** Broadcast on, to every terminal of the group (each can still be left out by hand). */
  function broadcastTo(group: BroadcastGroup): void {
    broadcast.value.active = true;
    broadcast.value.members = groupMembers(tabs.value, group);
    onStart();
  }

  return { broadcast, broadcasting, toggleBroadcast, setBroadcastMember, broadcastTo };
}
