import type { ProfileStore } from '../../profiles/profile-store';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

export function profileHandlers(deps: HandlerDeps, profiles: ProfileStore) {
  return implement<ChannelsOf<'profiles'>>({
    'profiles:list': () => profiles.list(),
    'profiles:save': ({ name, inventory, includeSecrets }) =>
      profiles.save(name, inventory, includeSecrets),
    'profiles:load': ({ name }) => profiles.load(name),
    'profiles:remove': async ({ name }) => ({ removed: await profiles.remove(name) }),
    'profiles:secret-storage': () => deps.secretBox.status(),
  });
}
