/**
 * The renderer's only door to the main process: one named, typed function per channel of the
 * contract. Nothing generic (no invoke(anyChannel), no on(anyEvent)) crosses the bridge.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type {
  InvokeChannel,
  RequestOf,
  ResponseOf,
  RunEventMessage,
  SwarmlabApi,
  TerminalEvent,
} from '../contract/api';
// Channel names only: the schemas (and zod) stay in main.
import { channels } from '../contract/channels';

function call<C extends InvokeChannel>(channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  return ipcRenderer.invoke(channel, request) as Promise<ResponseOf<C>>;
}

const none = {};

const api: SwarmlabApi = {
  appInfo: () => call(channels.app.info, none),
  openExternal: (request) => call(channels.app.openExternal, request),
  inventory: {
    validate: (request) => call(channels.inventory.validate, request),
    expandRange: (request) => call(channels.inventory.expandRange, request),
    parseHostsLines: (request) => call(channels.inventory.parseHostsLines, request),
    parseYaml: (request) => call(channels.inventory.parseYaml, request),
    importFile: () => call(channels.inventory.importFile, none),
    exportFile: (request) => call(channels.inventory.exportFile, request),
  },
  connection: {
    test: (request) => call(channels.connection.test, request),
    forgetHostKey: (request) => call(channels.connection.forgetHostKey, request),
    pickKeyFile: () => call(channels.connection.pickKeyFile, none),
  },
  run: {
    stepCatalog: () => call(channels.run.stepCatalog, none),
    start: (request) => call(channels.run.start, request),
    cancel: (request) => call(channels.run.cancel, request),
    retryStep: (request) => call(channels.run.retryStep, request),
    continuePastHost: (request) => call(channels.run.continuePastHost, request),
    events: (request) => call(channels.run.events, request),
    onEvent: (listener) => {
      // The Electron event object stays here: it carries `sender`, which must not leak.
      const relay = (_event: IpcRendererEvent, message: RunEventMessage) => listener(message);
      ipcRenderer.on(channels.run.event, relay);
      return () => {
        ipcRenderer.removeListener(channels.run.event, relay);
      };
    },
  },
  profiles: {
    list: () => call(channels.profiles.list, none),
    save: (request) => call(channels.profiles.save, request),
    load: (request) => call(channels.profiles.load, request),
    remove: (request) => call(channels.profiles.remove, request),
    secretStorage: () => call(channels.profiles.secretStorage, none),
  },
  report: {
    build: (request) => call(channels.report.build, request),
    export: (request) => call(channels.report.export, request),
  },
  terminal: {
    open: (request) => call(channels.terminal.open, request),
    send: (frame) => call(channels.terminal.frame, frame),
    onEvent: (listener) => {
      const relay = (_event: IpcRendererEvent, message: TerminalEvent) => listener(message);
      ipcRenderer.on(channels.terminal.event, relay);
      return () => {
        ipcRenderer.removeListener(channels.terminal.event, relay);
      };
    },
  },
};

contextBridge.exposeInMainWorld('api', api);
