/**
 * The run's data is declared once, in electron/shared, and what the engine writes is what the
 * renderer receives: the contract's run-event message carries the shared event schema itself,
 * and the events of a real run (the engine against a fake sshd) and of the report tests' journal
 * parse with it unchanged. A field the engine emits that the schema does not declare would be
 * stripped by the parse, and fail the comparison.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runEventMessageSchema } from '../../../electron/contract/run';
import { buildRunReport } from '../../../electron/engine/report/run-report';
import { resolveHosts } from '../../../electron/engine/inventory/resolve';
import { validateInventory } from '../../../electron/engine/inventory/validate';
import { runSetup } from '../../../electron/engine/setup';
import type { AnyStep } from '../../../electron/engine/steps/step';
import { preflightCheckSchema, verificationResultSchema } from '../../../electron/shared/checks';
import { runEventSchema, type RunEvent } from '../../../electron/shared/run-events';
import { runReportSchema } from '../../../electron/shared/run-report';
import { FakeSshd } from '../ssh/fake-sshd';

const JOURNAL = join(import.meta.dirname, '..', 'report', 'fixtures', 'three-node-run.jsonl');
const PASSWORD = 'fake-host-password';

function journalEvents(): RunEvent[] {
  return readFileSync(JOURNAL, 'utf8')
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as RunEvent);
}

/** Each event as main sends it on `run:event`, parsed as the renderer's contract declares it. */
function expectReceivedUnchanged(runId: string, events: readonly RunEvent[]): void {
  for (const event of events) {
    const message = { runId, event };
    expect(runEventMessageSchema.parse(message)).toEqual(message);
  }
}

/** A step that sends a command in each phase, one with stdin, and returns a preflight row. */
const phasesStep: AnyStep = {
  id: 'every-phase',
  title: { en: 'Every phase', 'zh-CN': '每个阶段' },
  explanation: { en: 'Runs a command in each phase.', 'zh-CN': '每个阶段运行一条命令。' },
  appliesTo: () => true,
  probe: async (ctx) => (await ctx.remote.exec('probe')).stdout.trim(),
  decide: (seen) =>
    seen === 'absent'
      ? { kind: 'change', changes: [{ en: 'made it', 'zh-CN': '已完成' }] }
      : { kind: 'ok' },
  apply: async (ctx) => {
    await ctx.remote.exec('apply', { stdin: 'input', sudo: false });
  },
  verify: async (ctx) => {
    await ctx.remote.exec('verify');
    return {
      checks: [
        {
          id: 'made',
          status: 'pass',
          detail: 'made',
          translations: { 'zh-CN': { detail: '已完成' } },
        },
      ],
    };
  },
};

describe('one declaration of the run model', () => {
  const cleanup: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const step of cleanup.splice(0).reverse()) await step();
  });

  it('the contract sends the shared run-event schema itself', () => {
    expect(runEventMessageSchema.shape.event).toBe(runEventSchema);
  });

  it('a real run’s events reach the renderer with every field the engine wrote', async () => {
    const server = await new FakeSshd({
      users: { alice: { password: PASSWORD } },
      answer: (command) => {
        if (command.includes('probe')) return { stdout: 'absent\n', exitCode: 0 };
        if (command.includes('apply') || command.includes('verify'))
          return { stdout: 'done\n', exitCode: 0 };
        return undefined;
      },
    }).start();
    cleanup.push(() => server.stop());
    const folder = await mkdtemp(join(tmpdir(), 'swarmlab-one-declaration-'));
    cleanup.push(() => rm(folder, { recursive: true, force: true }));
    const validated = validateInventory({
      hosts: [{ address: '127.0.0.1', port: server.port, hostname: 'node01', role: 'manager' }],
      defaults: { user: 'alice', passwordEnv: 'FAKE_PASSWORD' },
      prepare: { keyExchange: false },
    });
    if (!validated.ok) throw new Error(JSON.stringify(validated.errors));
    const [host] = resolveHosts(validated.inventory);
    if (!host) throw new Error('no host resolved');
    const events: RunEvent[] = [];

    const finished = await runSetup({
      inventory: validated.inventory,
      secrets: { hosts: new Map([[host.id, { password: PASSWORD }]]), missing: [] },
      journalPath: join(folder, 'journal.jsonl'),
      steps: [phasesStep],
      onEvent: (event) => events.push(event),
      env: { SWARMLAB_HOME: folder },
    });

    expect(finished.status).toBe('succeeded');
    const phases = events.flatMap((event) =>
      event.type === 'command-started' ? [event.phase] : [],
    );
    expect(phases).toEqual(['probe', 'apply', 'verify']);
    expectReceivedUnchanged(finished.runId, events);
  });

  it('the report tests’ journal reaches the renderer unchanged, step data included', () => {
    const events = journalEvents();
    expect(events.some((event) => event.type === 'command-started' && event.upload)).toBe(true);
    expectReceivedUnchanged('three-node-run', events);

    const data = events.flatMap((event) => (event.type === 'step-finished' ? [event.data] : []));
    const checks = data.flatMap((value) => {
      const rows = Array.isArray(value)
        ? value
        : (value as { checks?: unknown } | undefined)?.checks;
      return Array.isArray(rows) && rows.every((row) => 'status' in row) ? rows : [];
    });
    expect(checks.length).toBeGreaterThan(0);
    for (const check of checks) expect(preflightCheckSchema.parse(check)).toEqual(check);
    const verification = data.find(
      (value) => typeof value === 'object' && value !== null && 'loadBalancing' in value,
    );
    expect(verificationResultSchema.parse(verification)).toEqual(verification);
  });

  it('the report the desktop receives is what the engine builds from the journal', () => {
    const report = buildRunReport(journalEvents());
    expect(runReportSchema.parse(report)).toEqual(report);
  });
});
