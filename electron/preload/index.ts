/**
 * The renderer's only door to the main process: window.api, built from the channel table
 * (contract/bridge.ts) with one named, typed function per channel. Nothing generic (no
 * invoke(anyChannel), no on(anyEvent)) crosses the bridge.
 *
 * The table carries the request schemas, so zod is bundled into this sandboxed preload
 * (electron.vite.config.ts bundles its dependencies): one declaration per channel is worth
 * more than the preload's size. Nothing here parses a payload; main does, with those schemas.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { createBridge } from '../contract/bridge';

const api = createBridge(
  (channel, request) => ipcRenderer.invoke(channel, request),
  (channel, listener) => {
    // The Electron event object stays here: it carries `sender`, which must not leak.
    const relay = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, relay);
    return () => {
      ipcRenderer.removeListener(channel, relay);
    };
  },
);

contextBridge.exposeInMainWorld('api', api);

// Files dropped on the file panel: the page sees File objects only; their paths on this computer
// (what main uploads from) come from Electron, one file at a time, and nothing else.
contextBridge.exposeInMainWorld('droppedFiles', {
  pathOf: (file: Parameters<typeof webUtils.getPathForFile>[0]) => webUtils.getPathForFile(file),
});
