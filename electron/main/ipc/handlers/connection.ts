import { knownHostsPath } from '../../../engine/app-paths';
import { forgetHostKey } from '../../../engine/ssh';
import { testConnection } from '../../connection/test-connection';
import { validated } from './checked-inventory';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

export function connectionHandlers(deps: HandlerDeps) {
  return implement<ChannelsOf<'connection'>>({
    'connection:test': ({ inventory, hostIndex }) => {
      const checked = validated(inventory);
      if (!checked.ok) return { ok: false, code: 'invalid-inventory', message: checked.message };
      return testConnection(checked.inventory, hostIndex, deps.env);
    },
    'connection:forget-host-key': async ({ address, port }) => ({
      removed: await forgetHostKey(address, port, knownHostsPath(deps.env)),
    }),
    'connection:pick-key-file': async () => {
      const path = await deps.dialogs.pickKeyFile();
      return path ? { status: 'done', path } : { status: 'cancelled' };
    },
  });
}
