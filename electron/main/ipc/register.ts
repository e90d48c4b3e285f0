/**
 * Wires the handler map to `ipcMain.handle`, refusing any sender that is not the app's own
 * page in its main frame (see sender-check.ts). Unknown channels have no handler, so Electron
 * rejects them; nothing generic is registered.
 */
import { ipcMain, type IpcMainInvokeEvent } from 'electron';
import type { InvokeChannel } from '../../contract/api';
import type { HandlerContext, HandlerMap } from './handlers';
import { checkSender, type TrustedRenderer } from './sender-check';

export function registerIpcHandlers(handlers: HandlerMap, renderer: TrustedRenderer): () => void {
  const channels = Object.keys(handlers) as InvokeChannel[];
  for (const channel of channels) {
    const handler = handlers[channel] as (
      payload: unknown,
      context: HandlerContext,
    ) => Promise<unknown>;
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
      const frame = event.senderFrame;
      const verdict = checkSender(
        frame ? { url: frame.url, isMainFrame: frame === event.sender.mainFrame } : null,
        renderer,
      );
      if (!verdict.trusted) throw new Error(`Refused ${channel}: ${verdict.reason}`);
      const sender = event.sender;
      return handler(payload, {
        sendEvent: (eventChannel, message) => {
          if (!sender.isDestroyed()) sender.send(eventChannel, message);
        },
      });
    });
  }
  return () => {
    for (const channel of channels) ipcMain.removeHandler(channel);
  };
}
