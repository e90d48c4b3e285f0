/**
 * The broadcast selection of the terminal panel as a composable: whether it is on, which
 * terminals are in it, and the changes the panel makes to it. The terminals store holds it.
 */
import { computed, ref, type Ref } from 'vue';
import { toggledBroadcast, withMember, type Broadcast, type TerminalTab } from './tabs';

export function useBroadcast(tabs: Ref<TerminalTab[]>) {
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
  }

  function setBroadcastMember(id: string, member: boolean): void {
    broadcast.value.members = withMember(broadcast.value.members, id, member);
  }

  return { broadcast, broadcasting, toggleBroadcast, setBroadcastMember };
}
