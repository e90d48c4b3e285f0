/**
 * The app's terminal transcripts, through the handlers as the window uses them: recorded beside
 * the run's journal, the run's and the inventory's secrets hidden, off when the person says so.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { HandlerContext, HandlerDeps } from '../../../electron/main/ipc/handlers';
import { createHandlers } from '../../../electron/main/ipc/handlers';
import { listTranscripts } from '../../../electron/engine/terminal/transcript';
import { testHandlerDeps } from '../helpers/handler-deps';
import { fakeFactory } from './fakes';

let home: string;
beforeEach(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-transcripts-'));
});
afterEach(async () => {
  await rm(home, { recursive: true, force: true });
});

const context: HandlerContext = { sendEvent: () => undefined };
const size = { cols: 100, rows: 30 };
const inventory = {
  hosts: [
    { address: '192.168.11.131', hostname: 'node01', role: 'manager', password: 'pw-131-secret' },
  ],
};

async function settle(): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 50));
}

describe('terminal transcripts', () => {
  it("records a node's session beside the run's journal, lists it for the report, and hides the inventory's password", async () => {
    const { factory, backends } = fakeFactory();
    const runOperation: HandlerDeps['runOperation'] = async () => new Promise(() => undefined);
    const { handlers, runs } = createHandlers(
      testHandlerDeps(home, { terminalBackends: factory, runOperation }),
    );
    const { runId } = await handlers['run:operate'](
      { inventory, operation: { kind: 'check' } },
      context,
    );
    const opened = await handlers['terminal:open'](
      { kind: 'node', inventory, node: { by: 'index', index: 0 }, via: 'ssh2', size },
      context,
    );
    const folder = runs.folderOf(runId);
    expect(opened.transcript).toMatch(
      new RegExp(`^${folder}/transcripts/node01-\\d{4}-\\d\\d-\\d\\dT[\\d-]+Z-[0-9a-f]{6}\\.cast$`),
    );
    backends[0]?.sink.onData(Buffer.from('root@node01:~# echo pw-131-'));
    backends[0]?.sink.onData(Buffer.from('secret\r\n[REDACTED]\r\n'));
    await handlers['terminal:frame'](
      { type: 'resize', id: opened.id, size: { cols: 80, rows: 24 } },
      context,
    );
    await handlers['terminal:frame']({ type: 'close', id: opened.id }, context);
    await settle();

    const text = await readFile(opened.transcript ?? '', 'utf8');
    expect(text).not.toContain('pw-131');
    const [header, ...events] = text
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown);
    expect(header).toMatchObject({
      version: 2,
      width: 100,
      height: 30,
      title: 'node01 (node-1, ssh2)',
    });
    expect(events.map((event) => (event as unknown[]).slice(1))).toEqual([
      ['o', 'root@node01:~# echo '],
      ['o', '[REDACTED]\r\n[REDACTED]\r\n'],
      ['r', '80x24'],
    ]);
    expect(await listTranscripts(folder)).toEqual([
      {
        file: `transcripts/${opened.transcript?.split('/').at(-1)}`,
        title: 'node01 (node-1, ssh2)',
        startedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
    expect(dirname(opened.transcript ?? '')).toBe(join(folder, 'transcripts'));
  });

  it("records into the app's own folder before any run, and not at all when the setting is off", async () => {
    const { factory } = fakeFactory();
    const { handlers } = createHandlers(testHandlerDeps(home, { terminalBackends: factory }));
    const local = await handlers['terminal:open']({ kind: 'local', size }, context);
    expect(local.transcript).toMatch(new RegExp(`^${home}/transcripts/local-.*\\.cast$`));
    const off = await handlers['terminal:open']({ kind: 'local', size, record: false }, context);
    expect(off.transcript).toBeUndefined();
  });
});
