import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunEventMessage, SwarmlabApi } from '../../../electron/contract/api';
import type { RunEvent } from '../../../electron/shared/run-events';
import { validateInventory } from '../../../electron/engine/inventory';
import { localized } from '../../../electron/shared/messages';
import { useApiForTests } from '../../../renderer/src/api';
import {
  alreadyListed,
  defaultAccess,
  defaultOptions,
  fromInventoryDocument,
  newHostRow,
  toInventoryDocument,
  tutorialOptions,
} from '../../../renderer/src/model/draft';
import {
  applyRunEvent,
  cellChanges,
  cellKey,
  cellMessage,
  emptyRunState,
  failedCells,
  MAX_OUTPUT_CHARS,
  progressOf,
} from '../../../renderer/src/model/run-state';
import { useInventoryStore } from '../../../renderer/src/stores/inventory';
import { useRunsStore } from '../../../renderer/src/stores/runs';
import { localeFromLanguage, useWizardStore } from '../../../renderer/src/stores/wizard';

/** A window.api whose answers the test sets; unused functions throw. */
function fakeApi(
  parts: { [K in keyof SwarmlabApi]?: Partial<SwarmlabApi[K]> } & Partial<
    Pick<SwarmlabApi, 'appInfo'>
  >,
): SwarmlabApi {
  const missing = () => {
    throw new Error('not faked');
  };
  return new Proxy({} as SwarmlabApi, {
    get: (_target, area: string) =>
      new Proxy((parts as Record<string, Record<string, unknown>>)[area] ?? {}, {
        get: (fns, name: string) => fns[name] ?? missing,
      }),
  });
}

beforeEach(() => setActivePinia(createPinia()));
afterEach(() => useApiForTests(undefined));

const t0 = 1_000;
const started: RunEvent = {
  type: 'run-started',
  at: t0,
  runId: 'engine-1',
  version: 't',
  resumed: false,
  hosts: [
    { id: 'node1', address: '10.0.0.1', port: 22, user: 'root', role: 'manager' },
    { id: 'node2', address: '10.0.0.2', port: 22, user: 'root', role: 'worker' },
  ],
  steps: [
    { id: 'preflight', title: { en: 'Preflight', 'zh-CN': '预检' }, hosts: ['node1', 'node2'] },
    { id: 'swarm-init', title: { en: 'Init', 'zh-CN': '初始化' }, hosts: ['node1'] },
  ],
};

describe('run state, folded from events', () => {
  it('tracks cells, commands, output and the outcome', () => {
    const run = emptyRunState('ui-1');
    const events: RunEvent[] = [
      started,
      { type: 'step-started', at: t0 + 1, host: 'node1', step: 'preflight' },
      { type: 'step-phase', at: t0 + 2, host: 'node1', step: 'preflight', phase: 'probe' },
      {
        type: 'command-started',
        at: t0 + 3,
        host: 'node1',
        step: 'preflight',
        commandId: 1,
        command: 'uname -a',
        sudo: false,
      },
      {
        type: 'command-output',
        at: t0 + 4,
        host: 'node1',
        step: 'preflight',
        commandId: 1,
        stream: 'stdout',
        text: 'Linux ',
      },
      {
        type: 'command-output',
        at: t0 + 5,
        host: 'node1',
        step: 'preflight',
        commandId: 1,
        stream: 'stdout',
        text: 'node1\n',
      },
      {
        type: 'command-finished',
        at: t0 + 6,
        host: 'node1',
        step: 'preflight',
        commandId: 1,
        exitCode: 0,
        durationMs: 5,
      },
      {
        type: 'step-finished',
        at: t0 + 7,
        host: 'node1',
        step: 'preflight',
        status: 'ok',
        message: '12 checks: all passed',
        durationMs: 6,
        changes: [],
        warnings: [],
        data: { checks: [] },
      },
    ];
    for (const event of events) applyRunEvent(run, event);
    const cell = run.cells[cellKey('node1', 'preflight')];
    expect(cell?.status).toBe('ok');
    expect(cell?.commands[0]).toMatchObject({
      command: 'uname -a',
      exitCode: 0,
      output: [{ stream: 'stdout', text: 'Linux node1\n' }],
    });
    expect(progressOf(run)).toEqual({ done: 1, total: 3 });
    expect(run.status).toBe('running');
  });

  it('counts a step that was never looked at (cancelled, or after a failure) as not done', () => {
    const run = emptyRunState('ui-2');
    const finished = (host: string, step: string, blocked: boolean): RunEvent => ({
      type: 'step-finished',
      at: t0 + 5,
      host,
      step,
      status: blocked ? 'skipped' : 'ok',
      message: blocked ? 'cancelled before it started' : 'ok',
      durationMs: blocked ? 0 : 5,
      changes: [],
      warnings: [],
      ...(blocked ? { blocked: true } : {}),
    });
    for (const event of [
      started,
      finished('node1', 'preflight', false),
      finished('node2', 'preflight', true),
      finished('node1', 'swarm-init', true),
    ])
      applyRunEvent(run, event);
    expect(progressOf(run)).toEqual({ done: 1, total: 3 });
    expect(run.cells['node2|preflight']?.blocked).toBe(true);
  });

  it('keeps the tail of very long output', () => {
    const run = emptyRunState('ui-1');
    applyRunEvent(run, started);
    applyRunEvent(run, { type: 'step-started', at: 1, host: 'node1', step: 'preflight' });
    applyRunEvent(run, {
      type: 'command-started',
      at: 1,
      host: 'node1',
      step: 'preflight',
      commandId: 7,
      command: 'apt-get install',
      sudo: true,
    });
    for (let i = 0; i < 30; i++) {
      applyRunEvent(run, {
        type: 'command-output',
        at: 1,
        host: 'node1',
        step: 'preflight',
        commandId: 7,
        stream: 'stdout',
        text: `${i}`.padEnd(10_000, '.'),
      });
    }
    const command = run.cells[cellKey('node1', 'preflight')]?.commands[0];
    const kept = command?.output.map((chunk) => chunk.text).join('') ?? '';
    expect(kept.length).toBe(MAX_OUTPUT_CHARS);
    expect(kept.startsWith('29') || kept.includes('29')).toBe(true);
    expect(command?.truncated).toBe(300_000 - MAX_OUTPUT_CHARS);
  });

  it('on a resumed attempt, keeps finished cells and their data, and re-runs failed ones', () => {
    const run = emptyRunState('ui-1');
    applyRunEvent(run, started);
    const finish = (
      host: string,
      step: string,
      status: 'ok' | 'failed',
      data?: unknown,
    ): RunEvent => ({
      type: 'step-finished',
      at: 2,
      host,
      step,
      status,
      message: status,
      durationMs: 1,
      changes: [],
      warnings: [],
      ...(data ? { data } : {}),
    });
    applyRunEvent(run, finish('node1', 'preflight', 'ok', { checks: [] }));
    applyRunEvent(run, finish('node2', 'preflight', 'failed'));
    expect(failedCells(run)).toEqual([{ host: 'node2', step: 'preflight', message: 'failed' }]);
    applyRunEvent(run, { ...started, at: 10, resumed: true });
    expect(run.attempts).toBe(2);
    expect(run.cells[cellKey('node2', 'preflight')]?.status).toBe('pending');
    // The engine reports the carried-over step without data: what the first attempt found stays.
    applyRunEvent(run, {
      type: 'step-finished',
      at: 11,
      host: 'node1',
      step: 'preflight',
      status: 'ok',
      message: 'done in the run this one resumes',
      durationMs: 0,
      changes: [],
      warnings: [],
    });
    expect(run.cells[cellKey('node1', 'preflight')]).toMatchObject({
      status: 'ok',
      message: 'ok',
      data: { checks: [] },
    });
  });

  it('shows a step’s outcome in the wizard’s language, and a host’s own words as they came', () => {
    const run = emptyRunState('ui-1');
    applyRunEvent(run, started);
    const written = localized('outcomes.docker-daemon.write', { path: '/etc/docker/daemon.json' });
    applyRunEvent(run, {
      type: 'step-finished',
      at: 2,
      host: 'node1',
      step: 'preflight',
      status: 'changed',
      message: written.en,
      durationMs: 1,
      changes: [written.en],
      warnings: [],
      localized: { message: written, changes: [written] },
    });
    const cell = run.cells[cellKey('node1', 'preflight')];
    if (!cell) throw new Error('the event made no cell');
    expect(cellMessage(cell, 'zh-CN')).toBe('写入 /etc/docker/daemon.json 并重启 Docker');
    expect(cellChanges(cell, 'zh-CN')).toEqual(['写入 /etc/docker/daemon.json 并重启 Docker']);
    expect(cellMessage(cell, 'en')).toBe('write /etc/docker/daemon.json and restart Docker');
    applyRunEvent(run, {
      type: 'step-finished',
      at: 3,
      host: 'node2',
      step: 'preflight',
      status: 'failed',
      message: 'E: Unable to locate package docker.io',
      durationMs: 1,
      changes: [],
      warnings: [],
    });
    expect(failedCells(run, 'zh-CN')).toEqual([
      { host: 'node2', step: 'preflight', message: 'E: Unable to locate package docker.io' },
    ]);
  });
});

describe('the wizard draft', () => {
  it('becomes an inventory the engine accepts, without empty strings', () => {
    const access = { ...defaultAccess(), password: 'secret' };
    const hosts = [
      newHostRow({
        address: ' 10.0.0.1 ',
        hostname: 'node1',
        role: 'manager',
        labels: 'zone=a, disk=ssd',
      }),
      newHostRow({ address: '10.0.0.2', login: 'password', password: 'other', port: 2222 }),
    ];
    const document = toInventoryDocument({ hosts, access, options: defaultOptions() });
    expect(document.hosts).toEqual([
      {
        address: '10.0.0.1',
        hostname: 'node1',
        role: 'manager',
        labels: { zone: 'a', disk: 'ssd' },
      },
      { address: '10.0.0.2', port: 2222, password: 'other', role: 'worker' },
    ]);
    expect(document.defaults).toEqual({ user: 'root', port: 22, password: 'secret' });
    const verdict = validateInventory(document);
    expect(verdict.errors).toEqual([]);
  });

  it('offers the tutorial choices as valid options', () => {
    const options = tutorialOptions(defaultOptions());
    const document = toInventoryDocument({
      hosts: [newHostRow({ address: '10.0.0.1', role: 'manager' })],
      access: defaultAccess(),
      options,
    });
    expect(document.docker).toMatchObject({
      install: 'mirror',
      mirror: 'aliyun',
      daemon: {
        'exec-opts': ['native.cgroupdriver=systemd'],
        'log-opts': { 'max-size': '100m', 'max-file': '3' },
      },
    });
    expect(validateInventory(document).errors).toEqual([]);
  });

  it('round-trips through an inventory document', () => {
    const draft = {
      hosts: [
        newHostRow({
          address: '10.0.0.1',
          hostname: 'n1',
          role: 'manager' as const,
          labels: 'zone=a',
        }),
      ],
      access: { ...defaultAccess(), user: 'ops', sudoPassword: 's' },
      options: tutorialOptions(defaultOptions()),
    };
    const again = fromInventoryDocument(toInventoryDocument(draft));
    expect(toInventoryDocument(again)).toEqual(toInventoryDocument(draft));
  });
});

describe('stores', () => {
  it('names the addresses the table has already, and those repeated in what was pasted', () => {
    const draft = fromInventoryDocument({ hosts: [{ address: '10.0.0.1', role: 'manager' }] });
    expect(alreadyListed(draft, [' 10.0.0.1 ', '10.0.0.2', '10.0.0.3', '10.0.0.2', ''])).toEqual([
      '10.0.0.1',
      '10.0.0.2',
    ]);
  });

  it('wizard: language follows the OS, and pages are reached in order', () => {
    expect(localeFromLanguage('zh-TW')).toBe('zh-CN');
    expect(localeFromLanguage('en-US')).toBe('en');
    expect(localeFromLanguage(undefined)).toBe('en');
    const wizard = useWizardStore();
    wizard.next();
    wizard.next();
    expect(wizard.page).toBe('options');
    wizard.back();
    expect(wizard.reached).toEqual(['hosts', 'access', 'options']);
    expect(JSON.parse(JSON.stringify(wizard.$state))).toMatchObject({ page: 'access' });
  });

  it('inventory: adds hosts once, first one as manager, and keeps the newest validation', async () => {
    let calls = 0;
    useApiForTests(
      fakeApi({
        inventory: {
          validate: async () => {
            calls += 1;
            const mine = calls;
            await new Promise((resolve) => setTimeout(resolve, mine === 1 ? 30 : 1));
            return {
              ok: mine !== 1,
              errors: mine === 1 ? [{ path: 'hosts', message: 'old', fix: '' }] : [],
              warnings: [],
            };
          },
        },
      }),
    );
    const inventory = useInventoryStore();
    expect(
      inventory.addHosts([
        { address: '10.0.0.1' },
        { address: '10.0.0.2' },
        { address: '10.0.0.1' },
      ]),
    ).toBe(2);
    expect(inventory.draft.hosts.map((host) => host.role)).toEqual(['manager', 'worker']);
    await Promise.all([inventory.validate(), inventory.validate()]);
    expect(inventory.errors).toEqual([]);
    expect(inventory.valid).toBe(true);
    // Plain data: survives JSON (no class instances, no functions).
    expect(JSON.parse(JSON.stringify(inventory.$state)).draft.hosts).toHaveLength(2);
  });

  it('inventory: a failed connection test is recorded, not thrown', async () => {
    useApiForTests(
      fakeApi({
        connection: {
          test: async () =>
            Promise.reject(
              new Error("Error invoking remote method 'connection:test': Error: boom"),
            ),
        },
      }),
    );
    const inventory = useInventoryStore();
    inventory.addHosts([{ address: '10.0.0.1' }]);
    const key = inventory.draft.hosts[0]?.key ?? '';
    await inventory.testConnection(key);
    expect(inventory.tests[key]).toEqual({
      state: 'done',
      result: { ok: false, code: 'error', message: 'boom' },
    });
  });

  it('runs: events that arrive before start() answers are not lost', async () => {
    let listener: ((message: RunEventMessage) => void) | undefined;
    useApiForTests(
      fakeApi({
        run: {
          onEvent: (callback) => {
            listener = callback;
            return () => (listener = undefined);
          },
          start: async () => {
            listener?.({ runId: 'r1', event: started });
            return { runId: 'r1' };
          },
        },
      }),
    );
    const runs = useRunsStore();
    await runs.start({ hosts: [] }, 'setup');
    expect(runs.setup?.hosts.map((host) => host.id)).toEqual(['node1', 'node2']);
    expect(runs.setupRunId).toBe('r1');
    runs.stopListening();
    expect(listener).toBeUndefined();
  });

  it('starting over: an empty table, the first page, and the finished run let go of', async () => {
    let listener: ((message: RunEventMessage) => void) | undefined;
    useApiForTests(
      fakeApi({
        run: {
          onEvent: (callback) => {
            listener = callback;
            return () => (listener = undefined);
          },
          start: async () => {
            listener?.({ runId: 'r1', event: started });
            return { runId: 'r1' };
          },
        },
        inventory: { validate: async () => ({ ok: true, errors: [], warnings: [] }) },
      }),
    );
    const inventory = useInventoryStore();
    const runs = useRunsStore();
    const wizard = useWizardStore();
    inventory.addHosts([{ address: '10.0.0.1' }, { address: '10.0.0.2' }]);
    inventory.draft.options.swarm.subnet = '10.99.0.0/24';
    await runs.start(inventory.document, 'setup');
    wizard.go('report');
    // Still running: nothing is let go of.
    runs.forgetFinished();
    expect(runs.setupRunId).toBe('r1');
    listener?.({
      runId: 'r1',
      event: {
        type: 'run-finished',
        at: t0 + 5,
        runId: 'engine-1',
        status: 'succeeded',
        summary: { ok: 2, changed: 1, failed: 0, skipped: 0 },
        durationMs: 5,
        failures: [],
      },
    });
    runs.forgetFinished();
    inventory.clear();
    wizard.restart();
    expect(runs.setup).toBeUndefined();
    expect(inventory.draft.hosts).toEqual([]);
    expect(inventory.draft.options).toEqual(defaultOptions());
    expect(wizard.page).toBe('hosts');
    expect(wizard.reached).toEqual(['hosts']);
    runs.stopListening();
  });

  it('wizard: a saved cluster opens on Health, with the pages that describe it reachable and the run pages not', () => {
    const wizard = useWizardStore();
    wizard.openSaved();
    expect(wizard.page).toBe('health');
    expect([...wizard.reached].sort()).toEqual(['access', 'health', 'hosts', 'options']);
  });

  it('runs: a preflight covers the inventory it checked, and no longer once the draft changes', async () => {
    useApiForTests(
      fakeApi({
        run: { onEvent: () => () => undefined, start: async () => ({ runId: 'p1' }) },
        inventory: { validate: async () => ({ ok: true, errors: [], warnings: [] }) },
      }),
    );
    const inventory = useInventoryStore();
    const runs = useRunsStore();
    inventory.addHosts([{ address: '10.0.0.1' }]);
    expect(runs.preflightCovers(inventory.document)).toBe(false);
    await runs.start(inventory.document, 'preflight');
    expect(runs.preflightCovers(inventory.document)).toBe(true);
    inventory.addHosts([{ address: '10.0.0.2' }]);
    expect(runs.preflightCovers(inventory.document)).toBe(false);
    inventory.removeHostsAt([{ address: '10.0.0.2', port: 22 }]);
    expect(runs.preflightCovers(inventory.document)).toBe(true);
    inventory.draft.options.swarm.subnet = '10.99.0.0/24';
    expect(runs.preflightCovers(inventory.document)).toBe(false);
    runs.stopListening();
  });

  it('runs: a removal that succeeded takes its hosts out of the table, one that failed does not', async () => {
    let listener: ((message: RunEventMessage) => void) | undefined;
    const finished = (runId: string, status: 'succeeded' | 'failed'): RunEventMessage => ({
      runId,
      event: {
        type: 'run-finished',
        at: t0 + 9,
        runId,
        status,
        summary: { ok: 0, changed: 1, failed: status === 'failed' ? 1 : 0, skipped: 0 },
        durationMs: 9,
        failures: [],
      },
    });
    let next = 0;
    useApiForTests(
      fakeApi({
        run: {
          onEvent: (callback) => {
            listener = callback;
            return () => (listener = undefined);
          },
          operate: async () => ({ runId: `op${(next += 1)}` }),
        },
      }),
    );
    const inventory = useInventoryStore();
    const runs = useRunsStore();
    inventory.addHosts([
      { address: '10.0.0.1' },
      { address: '10.0.0.2' },
      { address: '10.0.0.3', port: 2222 },
    ]);
    const removeOnSuccess = (address: string, port: number) => () =>
      inventory.removeHostsAt([{ address, port }]);

    await runs.startOperation(
      { hosts: [] },
      { kind: 'remove', hostIds: ['a'], force: false },
      removeOnSuccess('10.0.0.2', 22),
    );
    listener?.(finished('op1', 'failed'));
    expect(inventory.draft.hosts).toHaveLength(3);

    await runs.startOperation(
      { hosts: [] },
      { kind: 'remove', hostIds: ['b'], force: false },
      removeOnSuccess('10.0.0.2', 22),
    );
    listener?.(finished('op2', 'succeeded'));
    // The default port is the Access page's; a host on another port is matched by it.
    expect(inventory.removeHostsAt([{ address: '10.0.0.3', port: 22 }])).toEqual([]);
    expect(inventory.removeHostsAt([{ address: '10.0.0.3', port: 2222 }])).toEqual(['10.0.0.3']);
    expect(inventory.draft.hosts.map((host) => host.address)).toEqual(['10.0.0.1']);
    expect(runs.setupRunId).toBe('op2');
    runs.stopListening();
  });
});
