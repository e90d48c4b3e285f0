/**
 * window.api, built from the channel table: one named function per channel, nothing generic.
 * The preload (electron/preload/index.ts) hands in ipcRenderer; the e2e harness hands in its
 * IPC stand-in, so the test page gets exactly the preload's API.
 */
import type { BridgeOf, ChannelTree, Unsubscribe } from './channel-kit';
import { isChannelEntry } from './channel-kit';
import { channelTable } from './channels';

export type SwarmlabApi = BridgeOf<typeof channelTable>;

/** Sends one request on an invoke channel and answers main's reply. */
export type InvokeChannelFn = (channel: string, request: unknown) => Promise<unknown>;

/**
 * Listens on an event channel. The listener gets the payload only: the transport's own event
 * object (Electron's carries `sender`) must not reach the page.
 */
export type SubscribeFn = (channel: string, listener: (payload: unknown) => void) => Unsubscribe;

export function createBridge(invoke: InvokeChannelFn, subscribe: SubscribeFn): SwarmlabApi {
  return bridgeOf(channelTable, invoke, subscribe) as SwarmlabApi;
}

function bridgeOf(
  tree: ChannelTree,
  invoke: InvokeChannelFn,
  subscribe: SubscribeFn,
): Record<string, unknown> {
  const bridge: Record<string, unknown> = {};
  for (const [name, node] of Object.entries(tree)) {
    if (!isChannelEntry(node)) {
      bridge[name] = bridgeOf(node, invoke, subscribe);
    } else if (node.kind === 'event') {
      bridge[name] = (listener: (payload: unknown) => void) => subscribe(node.id, listener);
    } else if (node.takesRequest) {
      bridge[name] = (request: unknown) => invoke(node.id, request);
    } else {
      bridge[name] = () => invoke(node.id, {});
    }
  }
  return bridge;
}
