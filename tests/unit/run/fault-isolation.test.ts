import { appendFile, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionProvider, HostConnection } from '../../../electron/engine/run/connection';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import type { RunEvent } from '../../../electron/shared/run-events';
import { readJournal, RunJournal } from '../../../electron/engine/run/journal';
import { runPlan } from '../../../electron/engine/run/runner';
import { Redactor } from '../../../electron/engine/redact';
import { dockerDaemonStep } from '../../../electron/engine/steps/docker-daemon';
import { dockerInstallStep } from '../../../electron/engine/steps/docker-install';
import type { AnyStep } from '../../../electron/engine/steps/step';
import { StepFailure } from '../../../electron/engine/steps/step';

const hosts: PlanHostSummary[] = ['node01', 'node02', 'node03'].map((id, index) => ({
  id,
  address: `10.0.0.${index + 1}`,
  port: 22,
  user: 'root',
  role: index === 0 ? 'manager' : 'worker',
}));

const idle: HostConnection = {
  exec: async () => ({ exitCode: 0, stdout: '', stderr: '', durationMs: 0 }),
  uploadFile: async () => undefined,
};
const connections: ConnectionProvider = { connectionFor: () => idle };

/**
 * A real step's scheduling (id, waitsFor, appliesTo, proceedPastFailures) with a fake body:
 * what the runner does with the declaration is what is under test.
 */
function scheduledLike(step: AnyStep, failOn?: string): AnyStep {
  return {
    ...step,
    probe: async () => undefined,
    decide: () => ({
      kind: 'change',
      changes: [{ en: `${step.id} done`, 'zh-CN': `${step.id} 完成` }],
    }),
    apply: async (ctx) => {
      if (ctx.host.id === failOn) throw new StepFailure('Connection to node03 was lost');
    },
    verify: async () => undefined,
  };
}

describe('fault isolation between hosts', () => {
  it('a host that fails docker-install does not keep the other hosts from docker-daemon', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-isolation-'));
    const events: RunEvent[] = [];
    const finished = await runPlan({
      hosts,
      steps: [scheduledLike(dockerInstallStep, 'node03'), scheduledLike(dockerDaemonStep)],
      options: {},
      connections,
      secrets: new Redactor(),
      journalPath: join(dir, 'journal.jsonl'),
      onEvent: (event) => events.push(event),
    });
    const outcome = events.flatMap((event) =>
      event.type === 'step-finished' ? [`${event.host} ${event.step} ${event.status}`] : [],
    );
    expect(outcome.sort()).toEqual([
      'node01 docker-daemon changed',
      'node01 docker-install changed',
      'node02 docker-daemon changed',
      'node02 docker-install changed',
      'node03 docker-daemon skipped',
      'node03 docker-install failed',
    ]);
    expect(finished.failures).toEqual([
      { host: 'node03', step: 'docker-install', message: 'Connection to node03 was lost' },
    ]);
  });
});

describe('a journal torn by a killed process', () => {
  it('is continued on a fresh line, so a resumed run leaves a journal that reads back whole', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-torn-'));
    const path = join(dir, 'journal.jsonl');
    const first: RunEvent = { type: 'log', level: 'info', message: 'first', at: 1 };
    // SIGKILL in the middle of an append leaves half a line and no newline.
    await writeFile(path, `${JSON.stringify(first)}\n{"type":"step-fin`);
    expect(await readJournal(path)).toEqual([first]);

    const journal = new RunJournal(path);
    const next: RunEvent = { type: 'log', level: 'info', message: 'resumed', at: 2 };
    await journal.append(next);
    await journal.flush();
    expect(await readJournal(path)).toEqual([first, next]);
    // The torn fragment stays as evidence on its own line; it is not glued to the next event.
    expect((await readFile(path, 'utf8')).split('\n')).toContain('{"type":"step-fin');
  });

  it('reads a journal that has a torn line in the middle, from an earlier crash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-torn-'));
    const path = join(dir, 'journal.jsonl');
    const a: RunEvent = { type: 'log', level: 'info', message: 'a', at: 1 };
    const b: RunEvent = { type: 'log', level: 'info', message: 'b', at: 2 };
    await writeFile(path, `${JSON.stringify(a)}\n{"type":"comm\n`);
    await appendFile(path, `${JSON.stringify(b)}\n`);
    expect(await readJournal(path)).toEqual([a, b]);
  });
});

describe('a cancel while a step waits for another', () => {
  it('skips the waiting step as cancelled instead of starting it once the wait is over', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-cancel-'));
    const controller = new AbortController();
    const started: string[] = [];
    const slow: AnyStep = {
      ...scheduledLike({ ...dockerInstallStep, id: 'slow', waitsFor: [] }),
      appliesTo: (host) => host.id === 'node01',
      apply: async () => {
        // Cancelled while node02 and node03 wait at the barrier for this step.
        controller.abort();
        await new Promise((resolve) => setTimeout(resolve, 20));
      },
    };
    const waiting: AnyStep = {
      ...scheduledLike({ ...dockerDaemonStep, id: 'waiting', waitsFor: ['slow'] }),
      probe: async (ctx) => {
        started.push(ctx.host.id);
      },
    };
    const events: RunEvent[] = [];
    const finished = await runPlan({
      hosts,
      steps: [slow, waiting],
      options: {},
      connections,
      secrets: new Redactor(),
      journalPath: join(dir, 'journal.jsonl'),
      signal: controller.signal,
      onEvent: (event) => events.push(event),
    });
    expect(finished.status).toBe('cancelled');
    expect(started).toEqual([]);
    const waited = events.flatMap((event) =>
      event.type === 'step-finished' && event.step === 'waiting'
        ? [`${event.host} ${event.status} ${event.message}`]
        : [],
    );
    expect(waited.sort()).toEqual([
      'node01 skipped cancelled before it started',
      'node02 skipped cancelled before it started',
      'node03 skipped cancelled before it started',
    ]);
  });
});
