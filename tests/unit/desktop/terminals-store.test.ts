import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SwarmlabApi } from '../../../electron/contract/api';
import type { OpenedTerminal, TerminalSize } from '../../../electron/contract/terminal';
import { useApiForTests } from '../../../renderer/src/api';
import {
  useTerminalsStore,
  type TerminalTab,
  type TerminalViewPort,
} from '../../../renderer/src/stores/terminals';

/** What the store sent to main, and what the views were told, in order. */
interface Recorded {
  sent: unknown[];
  opened: unknown[];
  views: string[];
}

function fakeTerminalApi(recorded: Recorded, answers: OpenedTerminal[]): SwarmlabApi {
  const terminal = {
    open: (request: unknown) => {
      recorded.opened.push(request);
      const next = answers.shift();
      return next ? Promise.resolve(next) : Promise.reject(new Error('no terminal to open'));
    },
    send: (message: unknown) => {
      recorded.sent.push(message);
      return Promise.resolve();
    },
  };
  return new Proxy({} as SwarmlabApi, {
    get: (_target, area: string) => {
      if (area === 'terminal') return terminal;
      throw new Error(`not faked: ${area}`);
    },
  });
}

function fakeViews(recorded: Recorded, sizes: Record<string, TerminalSize> = {}): TerminalViewPort {
  return {
    createView: (id) => recorded.views.push(`create ${id}`),
    disposeView: (id) => recorded.views.push(`dispose ${id}`),
    sizeOf: (id) => sizes[id],
    noticeInView: (id, text) => recorded.views.push(`notice ${id}: ${text}`),
  };
}

const node01: OpenedTerminal = {
  id: 't1',
  kind: 'node',
  via: 'ssh2',
  label: 'root@10.0.0.1:22',
  hostId: 'node01',
};
const local: OpenedTerminal = { id: 't2', kind: 'local', via: 'pty', label: 'local' };
const node02: OpenedTerminal = { ...node01, id: 't3', label: 'root@10.0.0.2:22', hostId: 'node02' };

const noticeFor = (tab: TerminalTab) =>
  tab.state === 'connected' ? undefined : `${tab.state}${tab.detail ? ` (${tab.detail})` : ''}`;

let recorded: Recorded;

function setUp(answers: OpenedTerminal[], sizes?: Record<string, TerminalSize>) {
  recorded = { sent: [], opened: [], views: [] };
  useApiForTests(fakeTerminalApi(recorded, [...answers]));
  const store = useTerminalsStore();
  store.connect(fakeViews(recorded, sizes), noticeFor);
  return store;
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => useApiForTests(undefined));

describe('the terminals store', () => {
  it('asks for a transcript by default, not once the person turned recording off, and shows where it goes', async () => {
    const store = setUp([{ ...node01, transcript: '/runs/r1/transcripts/node01.cast' }, local]);
    expect(store.recording).toBe(true);
    await store.openNode({ hosts: [] }, { by: 'index', index: 0 });
    store.setRecording(false);
    await store.openLocal();
    expect(recorded.opened.map((request) => (request as { record?: boolean }).record)).toEqual([
      true,
      false,
    ]);
    expect(store.tabs.map((tab) => tab.transcript)).toEqual([
      '/runs/r1/transcripts/node01.cast',
      undefined,
    ]);
  });

  it('broadcasts to the workers or the managers in one click, side by side, one left out by hand', async () => {
    const store = setUp([
      { ...node01, role: 'manager' },
      { ...node02, role: 'worker' },
      { ...node02, id: 't4', hostId: 'node03', label: 'root@10.0.0.3:22', role: 'worker' },
      local,
    ]);
    for (let index = 0; index < 3; index += 1)
      await store.openNode({ hosts: [] }, { by: 'index', index });
    await store.openLocal();
    expect(store.layout).toBe('tabs');
    store.broadcastTo('workers');
    expect(store.broadcast).toEqual({ active: true, members: ['t3', 't4'] });
    expect(store.layout).toBe('grid');
    store.broadcastTo('managers');
    expect(store.broadcast.members).toEqual(['t1']);
    store.broadcastTo('all');
    store.setBroadcastMember('t2', false);
    expect(store.broadcast.members).toEqual(['t1', 't3', 't4']);
  });

  it('samples the figures of node terminals on screen only, and says each change once', async () => {
    const store = setUp([node01, node02, local]);
    await store.openNode({ hosts: [] }, { by: 'index', index: 0 });
    await store.openNode({ hosts: [] }, { by: 'index', index: 1 });
    await store.openLocal();
    store.watchStats(new Set(['t1', 't2']));
    store.watchStats(new Set(['t1', 't2']));
    store.watchStats(new Set(['t3']));
    expect(recorded.sent).toEqual([
      { type: 'watch-stats', id: 't1', on: true },
      { type: 'watch-stats', id: 't1', on: false },
      { type: 'watch-stats', id: 't3', on: true },
    ]);
    store.setStats('t3', {
      load1: 0.5,
      memoryUsedPercent: 40,
      memoryTotalMiB: 1024,
      dockerDiskUsedPercent: 12,
      rxBytesPerSecond: 10,
      txBytesPerSecond: 20,
    });
    expect(store.tabs.find((tab) => tab.id === 't3')?.stats?.memoryUsedPercent).toBe(40);
  });

  it('opens no panel when the terminal cannot be opened', async () => {
    const store = setUp([]);
    await expect(store.openLocal()).rejects.toThrow(/no terminal to open/);
    expect(store.panelOpen).toBe(false);
    expect(store.tabs).toEqual([]);
    expect(recorded.views).toEqual([]);
  });

  it('opens a tab per terminal, connecting, active, with the panel open and its view made', async () => {
    const store = setUp([node01, local]);
    expect(store.panelOpen).toBe(false);
    await store.openLocal();
    await store.openLocal();
    expect(store.tabs).toEqual([
      {
        id: 't1',
        kind: 'node',
        via: 'ssh2',
        label: 'root@10.0.0.1:22',
        hostId: 'node01',
        name: 'node01',
        state: 'connecting',
      },
      { id: 't2', kind: 'local', via: 'pty', label: 'local', name: 'local', state: 'connecting' },
    ]);
    expect(store.activeId).toBe('t2');
    expect(store.active?.label).toBe('local');
    expect(store.panelOpen).toBe(true);
    expect(recorded.views).toEqual(['create t1', 'create t2']);
    expect(recorded.opened).toEqual([
      { kind: 'local', size: { cols: 80, rows: 24 }, record: true },
      { kind: 'local', size: { cols: 80, rows: 24 }, record: true },
    ]);
  });

  it('asks for a node terminal with the last size a pane measured', async () => {
    const store = setUp([local, node01]);
    await store.openLocal();
    store.resized('t2', { cols: 120, rows: 40 });
    const inventory = { hosts: [] } as unknown as Parameters<typeof store.openNode>[0];
    await store.openNode(inventory, { by: 'id', id: 'node01' });
    expect(store.lastSize).toEqual({ cols: 120, rows: 40 });
    expect(recorded.sent).toEqual([{ type: 'resize', id: 't2', size: { cols: 120, rows: 40 } }]);
    expect(recorded.opened[1]).toEqual({
      kind: 'node',
      inventory,
      node: { by: 'id', id: 'node01' },
      via: 'ssh2',
      size: { cols: 120, rows: 40 },
      record: true,
    });
  });

  it('keeps a state that arrived before its tab and applies it once the tab exists', async () => {
    const store = setUp([node01]);
    store.setState('t1', 'failed', 'connection refused');
    expect(store.tabs).toEqual([]);
    await store.openLocal();
    expect(store.tabs[0]?.state).toBe('failed');
    expect(store.tabs[0]?.detail).toBe('connection refused');
    expect(recorded.views).toEqual(['create t1', 'notice t1: failed (connection refused)']);
  });

  it('drops the detail when a terminal connects again, and says what happened in the view', async () => {
    const store = setUp([node01]);
    await store.openLocal();
    store.setState('t1', 'lost', 'network down');
    store.setState('t1', 'connecting');
    expect(store.tabs[0]?.detail).toBeUndefined();
    store.setState('t1', 'lost', 'again');
    store.setState('t1', 'connected');
    expect(store.tabs[0]).toMatchObject({ state: 'connected' });
    expect(store.tabs[0]?.detail).toBeUndefined();
    store.setExit('t1', 3, undefined);
    expect(store.tabs[0]?.detail).toBe('exit 3');
    store.setExit('t1', null, 'TERM');
    expect(store.tabs[0]?.detail).toBe('signal TERM');
    store.setExit('t1', null, undefined);
    expect(store.tabs[0]?.detail).toBe('exit ?');
    expect(recorded.views).toEqual([
      'create t1',
      'notice t1: lost (network down)',
      'notice t1: connecting',
      'notice t1: lost (again)',
    ]);
  });

  it('sends keystrokes to their own terminal, or to every connected member of the broadcast', async () => {
    const store = setUp([node01, node02, local]);
    await store.openLocal();
    await store.openLocal();
    await store.openLocal();
    for (const id of ['t1', 't2', 't3']) store.setState(id, 'connected');
    store.input('t1', 'ls\r');
    store.toggleBroadcast();
    expect(store.broadcast).toEqual({ active: true, members: ['t1', 't3', 't2'] });
    store.setBroadcastMember('t2', false);
    store.setState('t3', 'lost');
    expect(store.broadcasting).toBe(true);
    store.input('t1', 'x');
    store.input('t2', 'y');
    expect(recorded.sent).toEqual([
      { type: 'input', ids: ['t1'], data: Buffer.from('ls\r').toString('base64') },
      { type: 'input', ids: ['t1'], data: Buffer.from('x').toString('base64') },
      { type: 'input', ids: ['t2'], data: Buffer.from('y').toString('base64') },
    ]);
    store.setBroadcastMember('t3', true);
    expect(store.broadcast.members).toEqual(['t1', 't3']);
    store.toggleBroadcast();
    expect(store.broadcasting).toBe(false);
  });

  it('reconnects a dropped terminal on Enter, at its pane’s size, and swallows other keys', async () => {
    const store = setUp([node01, node02], { t1: { cols: 100, rows: 30 } });
    await store.openLocal();
    await store.openLocal();
    store.setState('t1', 'lost');
    store.setState('t3', 'exited');
    store.input('t1', 'abc');
    store.input('t1', '\r');
    store.input('t3', '\r');
    expect(recorded.sent).toEqual([
      { type: 'reconnect', id: 't1', size: { cols: 100, rows: 30 } },
      { type: 'reconnect', id: 't3', size: { cols: 80, rows: 24 } },
    ]);
  });

  it('closes a terminal: told to main, view gone, out of the broadcast, the last tab active', async () => {
    const store = setUp([node01, local, node02]);
    await store.openLocal();
    await store.openLocal();
    await store.openLocal();
    store.toggleBroadcast();
    store.activeId = 't2';
    store.close('t2');
    expect(store.tabs.map((tab) => tab.id)).toEqual(['t1', 't3']);
    expect(store.activeId).toBe('t3');
    expect(store.broadcast.members).toEqual(['t1', 't3']);
    store.close('t1');
    expect(store.activeId).toBe('t3');
    store.close('t3');
    expect(store.activeId).toBeUndefined();
    expect(store.panelOpen).toBe(false);
    expect(recorded.sent).toEqual([
      { type: 'close', id: 't2' },
      { type: 'close', id: 't1' },
      { type: 'close', id: 't3' },
    ]);
    expect(recorded.views.filter((line) => line.startsWith('dispose'))).toEqual([
      'dispose t2',
      'dispose t1',
      'dispose t3',
    ]);
  });

  it('switches between tabs and a grid', () => {
    const store = setUp([]);
    expect(store.layout).toBe('tabs');
    store.setLayout('grid');
    expect(store.layout).toBe('grid');
  });
});
