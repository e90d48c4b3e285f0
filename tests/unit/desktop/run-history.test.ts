/**
 * The run history through the IPC handlers: a setup the app did not see to its end (the app
 * closed) is listed after a restart as unfinished, keeps its inventory without passwords, and
 * goes on from its journal once the wizard brings the passwords.
 */
import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  createHandlers,
  type HandlerContext,
  type HandlerDeps,
} from '../../../electron/main/ipc/handlers';
import type { SetupRequest } from '../../../electron/engine/setup';
import { testHandlerDeps } from '../helpers/handler-deps';
import type { RunEvent } from '../../../electron/shared/run-events';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-history-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const context: HandlerContext = { sendEvent: () => undefined };
const inventory = {
  name: 'classroom',
  hosts: [
    { address: '192.168.11.131', hostname: 'node01', role: 'manager', password: 'pw-secret-131' },
    { address: '192.168.11.132', hostname: 'node02', role: 'worker', password: 'pw-secret-132' },
  ],
};

function deps(runSetup: HandlerDeps['runSetup']): HandlerDeps {
  return testHandlerDeps(home, runSetup ? { runSetup } : {});
}

/** A run that writes its journal as the engine does, and stops after `steps` (no end: the app went away). */
function journaling(requests: SetupRequest[]): NonNullable<HandlerDeps['runSetup']> {
  return async (request) => {
    requests.push(request);
    const write = async (event: RunEvent) => {
      await mkdir(dirname(request.journalPath), { recursive: true });
      await appendFile(request.journalPath, `${JSON.stringify(event)}\n`);
      request.onEvent?.(event);
    };
    await write({
      type: 'run-started',
      at: Date.now(),
      runId: 'engine-run-1',
      version: '0.1.0',
      hosts: [
        {
          id: 'node01',
          address: '192.168.11.131',
          port: 22,
          user: 'root',
          hostname: 'node01',
          role: 'manager',
        },
        {
          id: 'node02',
          address: '192.168.11.132',
          port: 22,
          user: 'root',
          hostname: 'node02',
          role: 'worker',
        },
      ],
      steps: [
        {
          id: 'preflight',
          title: { en: 'Preflight', 'zh-CN': '预检' },
          hosts: ['node01', 'node02'],
        },
        {
          id: 'hostname',
          title: { en: 'Hostname', 'zh-CN': '主机名' },
          hosts: ['node01', 'node02'],
        },
      ],
      resumed: Boolean(request.resumeFrom),
      operation: 'setup',
    });
    await write({
      type: 'step-finished',
      at: Date.now(),
      host: 'node01',
      step: 'preflight',
      status: 'ok',
      message: 'read',
      durationMs: 1,
      changes: [],
      warnings: [],
    });
    return {
      type: 'run-finished',
      at: Date.now(),
      runId: 'engine-run-1',
      status: 'cancelled',
      summary: { ok: 1, changed: 0, failed: 0, skipped: 0 },
      durationMs: 1,
      failures: [],
    };
  };
}

describe('the run history', () => {
  it('lists an unfinished setup after a restart, and resumes it from its journal with the wizard’s passwords', async () => {
    const requests: SetupRequest[] = [];
    const before = createHandlers(deps(journaling(requests)));
    const { runId } = await before.handlers['run:start']({ inventory, mode: 'setup' }, context);
    await before.runs.settled(runId);
    const folder = dirname(requests[0]?.journalPath ?? '');
    await expect
      .poll(() => readFile(join(folder, 'inventory.yaml'), 'utf8').catch(() => ''))
      .toContain('192.168.11.132');
    expect(await readFile(join(folder, 'inventory.yaml'), 'utf8')).not.toContain('pw-secret');

    // The app restarts: a new set of handlers on the same data folder.
    const after = createHandlers(deps(journaling(requests)));
    const listed = await after.handlers['history:list']({}, context);
    expect(listed).toEqual([
      expect.objectContaining({
        runId: 'engine-run-1',
        status: 'interrupted',
        operation: 'setup',
        hosts: ['node01', 'node02'],
        inventoryName: 'classroom',
        resumable: true,
      }),
    ]);
    const entry = listed[0];
    if (!entry) throw new Error('no entry');
    const opened = await after.handlers['history:open']({ folder: entry.folder }, context);
    expect(opened.events.map((event) => event.type)).toEqual(['run-started', 'step-finished']);

    // Without node02 in the wizard, it is refused, saying what to do.
    await expect(
      after.handlers['history:resume'](
        { runId: opened.runId, inventory: { hosts: [inventory.hosts[0]] } },
        context,
      ),
    ).rejects.toThrow(/does not list node02 of this run: load the run's inventory/);
    // The kept inventory comes back without passwords, to be completed in the wizard.
    const kept = await after.handlers['history:inventory']({ folder: entry.folder }, context);
    expect(JSON.stringify(kept.inventory)).not.toContain('pw-secret');
    expect(kept.inventory).toMatchObject({ name: 'classroom' });

    await after.handlers['history:resume']({ runId: opened.runId, inventory }, context);
    await after.runs.settled(opened.runId);
    const resumed = requests[1];
    expect(resumed?.journalPath).toBe(requests[0]?.journalPath);
    expect(resumed?.resumeFrom?.map((event) => event.type)).toEqual([
      'run-started',
      'step-finished',
    ]);
    expect(resumed?.secrets.hosts.get('node02')).toMatchObject({ password: 'pw-secret-132' });
  });

  it('refuses a folder name that would leave the runs folder', async () => {
    const { handlers } = createHandlers(deps(undefined));
    await expect(handlers['history:open']({ folder: '../..' }, context)).rejects.toThrow(
      /not a run folder/,
    );
  });
});
