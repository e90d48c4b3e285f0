/**
 * window.api is derived from the channel table: every entry is on the bridge under its path
 * and reaches its own channel id, and nothing else is on the bridge. Checked for createBridge
 * and for the preload that hands it ipcRenderer.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { requestSchemas } from '../../../electron/contract/api';
import { createBridge, type SubscribeFn } from '../../../electron/contract/bridge';
import { tableEntries } from '../../../electron/contract/channel-kit';
import { channelTable } from '../../../electron/contract/channels';

/** Every function on a bridge, by its dotted path; anything but objects and functions throws. */
function functionPaths(node: unknown, prefix = ''): string[] {
  if (typeof node === 'function') return [prefix];
  if (typeof node !== 'object' || node === null || Array.isArray(node)) {
    throw new Error(`${prefix || 'the bridge'} is ${JSON.stringify(node)}, not a function`);
  }
  return Object.entries(node).flatMap(([name, child]) =>
    functionPaths(child, prefix ? `${prefix}.${name}` : name),
  );
}

function at(bridge: unknown, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>((node, name) => (node as Record<string, unknown> | undefined)?.[name], bridge);
}

type Call = [kind: 'invoke' | 'subscribe', channel: string, argument: unknown];

/** A bridge whose transport records what each function sent. */
function recordingBridge() {
  const calls: Call[] = [];
  const unsubscribers = new Map<string, () => void>();
  const listeners = new Map<string, (payload: unknown) => void>();
  const subscribe: SubscribeFn = (channel, listener) => {
    calls.push(['subscribe', channel, listener]);
    listeners.set(channel, listener);
    const stop = () => undefined;
    unsubscribers.set(channel, stop);
    return stop;
  };
  const bridge = createBridge(async (channel, request) => {
    calls.push(['invoke', channel, request]);
    return { answeredBy: channel };
  }, subscribe);
  return { bridge, calls, listeners, unsubscribers };
}

const entries = tableEntries(channelTable);

describe('the channel table and window.api', () => {
  it('declares each channel id once, and main has a schema for every invoke channel', () => {
    const ids = entries.map(([, entry]) => entry.id);
    expect(new Set(ids).size).toBe(ids.length);
    const invokeIds = entries.flatMap(([, entry]) => (entry.kind === 'invoke' ? [entry.id] : []));
    expect(Object.keys(requestSchemas).sort()).toEqual([...invokeIds].sort());
  });

  it('puts every entry on the bridge under its path, and nothing else', () => {
    const { bridge } = recordingBridge();
    expect(functionPaths(bridge).sort()).toEqual(entries.map(([path]) => path).sort());
  });

  it.each(entries)('%s reaches its own channel, and only it', async (path, entry) => {
    const { bridge, calls, listeners, unsubscribers } = recordingBridge();
    const fn = at(bridge, path) as (argument?: unknown) => unknown;
    if (entry.kind === 'event') {
      const received: unknown[] = [];
      const stop = fn((payload: unknown) => received.push(payload));
      expect(calls.map(([kind, channel]) => [kind, channel])).toEqual([['subscribe', entry.id]]);
      listeners.get(entry.id)?.({ delivered: entry.id });
      expect(received).toEqual([{ delivered: entry.id }]);
      expect(stop).toBe(unsubscribers.get(entry.id));
      return;
    }
    const request = { marker: path };
    const answer = await fn(entry.takesRequest ? request : undefined);
    expect(answer).toEqual({ answeredBy: entry.id });
    // A function that takes no request sends the empty one its schema accepts.
    expect(calls).toEqual([['invoke', entry.id, entry.takesRequest ? request : {}]]);
    expect(calls[0]?.[2] === request).toBe(entry.takesRequest);
  });
});

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoked: [] as [string, unknown][],
  handlers: new Map<string, (event: unknown, payload: unknown) => void>(),
  removed: [] as string[],
}));

vi.mock('electron', () => ({
  webUtils: { getPathForFile: (file: { name: string }) => `/on/disk/${file.name}` },
  contextBridge: {
    exposeInMainWorld: (key: string, value: unknown) => electron.exposed.set(key, value),
  },
  ipcRenderer: {
    invoke: async (channel: string, request: unknown) => {
      electron.invoked.push([channel, request]);
      return 'answer';
    },
    on: (channel: string, handler: (event: unknown, payload: unknown) => void) =>
      electron.handlers.set(channel, handler),
    removeListener: (channel: string, handler: unknown) => {
      if (electron.handlers.get(channel) === handler) electron.removed.push(channel);
    },
  },
}));

describe('the preload exposes exactly the table-derived bridge', () => {
  afterEach(() => vi.resetModules());

  it('as window.api, over ipcRenderer, keeping the Electron event object to itself', async () => {
    await import('../../../electron/preload/index');
    // Beside it only the path of a dropped file, from Electron, for the file panel.
    expect([...electron.exposed.keys()]).toEqual(['api', 'droppedFiles']);
    const dropped = electron.exposed.get('droppedFiles') as Record<string, unknown>;
    expect(Object.keys(dropped)).toEqual(['pathOf']);
    expect((dropped.pathOf as (file: { name: string }) => string)({ name: 'a.tar' })).toBe(
      '/on/disk/a.tar',
    );
    const api = electron.exposed.get('api');
    expect(functionPaths(api).sort()).toEqual(entries.map(([path]) => path).sort());

    for (const [path, entry] of entries) {
      const fn = at(api, path) as (argument?: unknown) => unknown;
      if (entry.kind === 'invoke') {
        const request = { marker: path };
        await expect(fn(request)).resolves.toBe('answer');
        expect(electron.invoked.at(-1)).toEqual([entry.id, entry.takesRequest ? request : {}]);
        continue;
      }
      const received: unknown[][] = [];
      const stop = fn((...args: unknown[]) => received.push(args)) as () => void;
      const sender = { sender: 'the main process webContents' };
      electron.handlers.get(entry.id)?.(sender, { delivered: entry.id });
      // The listener gets the payload alone: never the event, which carries `sender`.
      expect(received).toEqual([[{ delivered: entry.id }]]);
      stop();
      expect(electron.removed.at(-1)).toBe(entry.id);
    }
  });
});
