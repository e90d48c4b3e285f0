import { knownHostsPath } from '../../../engine/app-paths';
import { forgetHostKey } from '../../../engine/ssh';
import { checkHostKeys, type HostKeyDecisions } from '../../connection/host-key-trust';
import { testConnection } from '../../connection/test-connection';
import { validated } from './checked-inventory';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

export function connectionHandlers(deps: HandlerDeps, hostKeys: HostKeyDecisions) {
  return implement<ChannelsOf<'connection'>>({
    'connection:test': ({ inventory, hostIndex }) => {
      const checked = validated(inventory);
      if (!checked.ok) return { ok: false, code: 'invalid-inventory', message: checked.message };
      return testConnection(checked.inventory, hostIndex, deps.env, hostKeys);
    },
    'connection:check-host-keys': ({ inventory, hostIndexes }) => {
      const checked = validated(inventory);
      if (!checked.ok) throw new Error(checked.message);
      return checkHostKeys(checked.inventory, hostIndexes, hostKeys, deps.env);
    },
    'connection:trust-host-key': (request) => hostKeys.trust(request),
    'connection:forget-host-key': async ({ address, port }) => ({
      removed: await forgetHostKey(address, port, knownHostsPath(deps.env)),
    }),
    'connection:pick-key-file': async () => {
      const path = await deps.dialogs.pickKeyFile();
      return path ? { status: 'done', path } : { status: 'cancelled' };
    },
  });
}
