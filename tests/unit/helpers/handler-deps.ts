/** The main-side handlers' dependencies for unit tests: no dialog answers, no keyring. */
import type { HandlerDeps } from '../../../electron/main/ipc/handlers';

export function testHandlerDeps(home: string, overrides: Partial<HandlerDeps> = {}): HandlerDeps {
  return {
    env: { SWARMLAB_HOME: home },
    dialogs: {
      pickKeyFile: async () => undefined,
      openInventoryFile: async () => undefined,
      pickHostsSource: async () => undefined,
      saveFile: async () => undefined,
      pickFilesToUpload: async () => undefined,
      pickDownloadPath: async () => undefined,
    },
    secretBox: {
      status: async () => ({ available: false, reason: 'no keyring.' }),
      encrypt: async () => Buffer.alloc(0),
      decrypt: async () => '',
    },
    ...overrides,
  };
}
