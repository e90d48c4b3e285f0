/**
 * One set of exec options flows from the runner down to the SSH session: what the runner sets
 * (the cancel signal among it) reaches HostSession.exec as it is, with no field copied by hand
 * and none dropped on the way.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory/validate';
import { runSetup } from '../../../electron/engine/setup';
import { HostSession } from '../../../electron/engine/ssh/host-session';
import type { AnyStep } from '../../../electron/engine/steps/step';
import type { ExecOptions } from '../../../electron/shared/exec';

/** A step that sends one command with a stdin, a timeout and sudo, and changes nothing. */
const oneCommandStep: AnyStep = {
  id: 'one-command',
  title: { en: 'One command', 'zh-CN': '一条命令' },
  explanation: { en: 'Sends one command.', 'zh-CN': '发送一条命令。' },
  appliesTo: () => true,
  probe: async (ctx) => {
    await ctx.remote.exec('cat', { stdin: 'hello', timeoutMs: 5_000, sudo: true });
  },
  decide: () => ({ kind: 'ok' }),
  apply: async () => {},
  verify: async () => undefined,
};

describe('exec options from the runner to the SSH layer', () => {
  let folder: string | undefined;
  afterEach(async () => {
    vi.restoreAllMocks();
    if (folder) await rm(folder, { recursive: true, force: true });
  });

  it('reach HostSession.exec whole, the run signal included', async () => {
    folder = await mkdtemp(join(tmpdir(), 'swarmlab-exec-options-'));
    const received: ExecOptions[] = [];
    vi.spyOn(HostSession.prototype, 'exec').mockImplementation(async (_script, options = {}) => {
      received.push(options);
      return { exitCode: 0, signal: null, stdout: '', stderr: '', durationMs: 1 };
    });
    const validated = validateInventory({
      hosts: [{ address: '127.0.0.1', hostname: 'node01', role: 'manager', user: 'root' }],
      prepare: { keyExchange: false },
    });
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    const controller = new AbortController();

    const finished = await runSetup({
      inventory: validated.inventory,
      secrets: { hosts: new Map(), missing: [] },
      journalPath: join(folder, 'journal.jsonl'),
      steps: [oneCommandStep],
      signal: controller.signal,
      env: { SWARMLAB_HOME: folder },
    });

    expect(finished.status).toBe('succeeded');
    expect(received).toHaveLength(1);
    const [options] = received;
    expect(options?.signal).toBe(controller.signal);
    expect(options).toMatchObject({ stdin: 'hello', timeoutMs: 5_000, sudo: true });
    expect(options?.onStdout).toBeTypeOf('function');
    expect(options?.onStderr).toBeTypeOf('function');
  });
});
