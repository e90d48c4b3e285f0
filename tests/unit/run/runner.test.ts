import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { ConnectionProvider, HostConnection } from '../../../electron/engine/run/connection';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import type { RunEvent } from '../../../electron/shared/run-events';
import { readJournal } from '../../../electron/engine/run/journal';
import { runPlan } from '../../../electron/engine/run/runner';
import type { AnyStep, StepContext } from '../../../electron/engine/steps/step';
import { Redactor } from '../../../electron/engine/redact';

const hosts: PlanHostSummary[] = ['a', 'b', 'c'].map((id, index) => ({
  id,
  address: `10.0.0.${index + 1}`,
  port: 22,
  user: 'root',
  role: index === 0 ? 'manager' : 'worker',
}));

/** A host whose "state" is a set of flags that the test steps read and write. */
class FakeConnection implements HostConnection {
  readonly commands: string[] = [];
  constructor(
    readonly state: Set<string>,
    private readonly failing: Set<string> = new Set(),
  ) {}
  async exec(script: string, options: { onStdout?: (chunk: string) => void }) {
    this.commands.push(script);
    await new Promise((resolve) => setTimeout(resolve, 1));
    if (this.failing.has(script)) return { exitCode: 1, stdout: '', stderr: 'boom', durationMs: 1 };
    const [verb, flag = ''] = script.split(' ');
    if (verb === 'set') this.state.add(flag);
    options.onStdout?.(`${verb} ${flag} ${this.state.has(flag) ? 'yes' : 'no'}\n`);
    return { exitCode: 0, stdout: this.state.has(flag) ? 'yes' : 'no', stderr: '', durationMs: 1 };
  }
  async uploadFile() {}
}

function flagStep(id: string, extra: Partial<AnyStep> = {}): AnyStep {
  return {
    id,
    title: { en: id, 'zh-CN': id },
    explanation: { en: id, 'zh-CN': id },
    appliesTo: () => true,
    probe: async (ctx: StepContext) => (await ctx.remote.exec(`has ${id}`)).stdout === 'yes',
    decide: (present: boolean) =>
      present
        ? { kind: 'ok' }
        : { kind: 'change', changes: [{ en: `set ${id}`, 'zh-CN': `设置 ${id}` }] },
    apply: async (ctx: StepContext) => {
      await ctx.remote.exec(`set ${id}`);
    },
    verify: async (ctx: StepContext) => {
      if ((await ctx.remote.exec(`has ${id}`)).stdout !== 'yes') throw new Error(`${id} not set`);
    },
    ...extra,
  };
}

async function setup(failing: Record<string, string[]> = {}) {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-runner-'));
  const connections = new Map(
    hosts.map((host) => [host.id, new FakeConnection(new Set(), new Set(failing[host.id] ?? []))]),
  );
  const provider: ConnectionProvider = {
    connectionFor: (id) => {
      const connection = connections.get(id);
      if (!connection) throw new Error(id);
      return connection;
    },
  };
  return { dir, connections, provider, journalPath: join(dir, 'journal.jsonl') };
}

describe('runPlan', () => {
  it('changes what is missing, then reports every step ok on a second run', async () => {
    const { provider, journalPath } = await setup();
    const steps = [flagStep('one'), flagStep('two')];
    const common = { hosts, steps, options: {}, connections: provider, secrets: new Redactor() };
    const first = await runPlan({ ...common, journalPath });
    expect(first.summary).toEqual({ ok: 0, changed: 6, failed: 0, skipped: 0 });
    const second = await runPlan({ ...common, journalPath: `${journalPath}.2` });
    expect(second.summary).toEqual({ ok: 6, changed: 0, failed: 0, skipped: 0 });
    expect(second.status).toBe('succeeded');
  });

  it('tells verify whether apply ran, so an untouched host is not read twice', async () => {
    const { provider, journalPath } = await setup();
    const seen: [string, boolean][] = [];
    const step = flagStep('one', {
      appliesTo: (host) => host.id === 'a',
      verify: async (ctx: StepContext, _probe: unknown, changed: boolean) => {
        seen.push([ctx.host.id, changed]);
      },
    });
    const common = {
      hosts,
      steps: [step],
      options: {},
      connections: provider,
      secrets: new Redactor(),
    };
    await runPlan({ ...common, journalPath });
    await runPlan({ ...common, journalPath: `${journalPath}.2` });
    expect(seen).toEqual([
      ['a', true],
      ['a', false],
    ]);
  });

  it('stops only the failing host and says where and why', async () => {
    const { provider, journalPath, connections } = await setup({ b: ['set one'] });
    const steps = [flagStep('one'), flagStep('two')];
    const result = await runPlan({
      hosts,
      steps,
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
    });
    expect(result.status).toBe('failed');
    expect(result.summary).toEqual({ ok: 0, changed: 4, failed: 1, skipped: 1 });
    expect(result.failures).toEqual([
      { host: 'b', step: 'one', message: expect.stringContaining('`set one` exited with 1: boom') },
    ]);
    expect(connections.get('b')?.commands).not.toContain('set two');
    expect(connections.get('c')?.state.has('two')).toBe(true);
  });

  it('holds a step at its barrier until the step it waits for is done on every host', async () => {
    const { provider, journalPath } = await setup();
    const order: string[] = [];
    const slowInit = flagStep('init', {
      appliesTo: (host) => host.id === 'a',
      apply: async (ctx: StepContext) => {
        await new Promise((resolve) => setTimeout(resolve, 30));
        order.push('init');
        await ctx.remote.exec('set init');
      },
    });
    const join = flagStep('join', {
      waitsFor: ['init'],
      appliesTo: (host) => host.id !== 'a',
      apply: async (ctx: StepContext) => {
        order.push(`join ${ctx.host.id}`);
        await ctx.remote.exec('set join');
      },
    });
    const result = await runPlan({
      hosts,
      steps: [slowInit, join],
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
      concurrency: 1,
    });
    expect(result.status).toBe('succeeded');
    expect(order[0]).toBe('init');
    expect(order.slice(1).sort()).toEqual(['join b', 'join c']);
  });

  it('skips a waiting step on every host when what it waits for failed', async () => {
    const { provider, journalPath } = await setup({ a: ['set init'] });
    const init = flagStep('init', { appliesTo: (host) => host.id === 'a' });
    const join = flagStep('join', { waitsFor: ['init'], appliesTo: (host) => host.id !== 'a' });
    const result = await runPlan({
      hosts,
      steps: [init, join],
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
    });
    expect(result.summary).toEqual({ ok: 0, changed: 0, failed: 1, skipped: 2 });
    const events = await readJournal(journalPath);
    const skipped = events.filter((e) => e.type === 'step-finished' && e.status === 'skipped');
    expect(skipped.map((e) => e.type === 'step-finished' && e.message)).toEqual([
      'not run: it needs init, which did not complete on a',
      'not run: it needs init, which did not complete on a',
    ]);
  });

  it('says why the rest of a blocked host does not run, once, in every language', async () => {
    const { provider, journalPath } = await setup({ a: ['set init'] });
    const init = flagStep('init', { appliesTo: (host) => host.id === 'a' });
    const join = flagStep('join', { waitsFor: ['init'], appliesTo: (host) => host.id === 'b' });
    const label = flagStep('label', { appliesTo: (host) => host.id === 'b' });
    await runPlan({
      hosts,
      steps: [init, join, label],
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
    });
    const onB = (await readJournal(journalPath)).flatMap((event) =>
      event.type === 'step-finished' && event.host === 'b'
        ? [{ message: event.message, localized: event.localized?.message }]
        : [],
    );
    const reason = {
      en: 'not run: it needs init, which did not complete on a',
      'zh-CN': '未执行：它依赖的 init 未在 a 上完成',
    };
    // The step after the blocked one repeats the reason; it does not stack "not run: not run:".
    expect(onB).toEqual([
      { message: reason.en, localized: reason },
      { message: reason.en, localized: reason },
    ]);
  });

  it('keeps English in the journal and every language beside it, for what a step changed', async () => {
    const { provider, journalPath } = await setup({});
    await runPlan({
      hosts: hosts.slice(0, 1),
      steps: [flagStep('init')],
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
    });
    const finished = (await readJournal(journalPath)).find(
      (event) => event.type === 'step-finished',
    );
    expect(finished).toMatchObject({
      status: 'changed',
      message: 'set init',
      changes: ['set init'],
      localized: {
        message: { en: 'set init', 'zh-CN': '设置 init' },
        changes: [{ en: 'set init', 'zh-CN': '设置 init' }],
      },
    });
  });

  it('resumes from a journal without running finished steps again', async () => {
    const { provider, journalPath, connections } = await setup({ c: ['set two'] });
    const steps = [flagStep('one'), flagStep('two')];
    const common = { hosts, steps, options: {}, connections: provider, secrets: new Redactor() };
    const first = await runPlan({ ...common, journalPath });
    expect(first.failures.map((f) => `${f.host}/${f.step}`)).toEqual(['c/two']);
    const c = connections.get('c');
    c?.commands.splice(0);
    // The cause is gone (for example the host came back); resume.
    const repaired = new FakeConnection(c?.state ?? new Set());
    const resumed = await runPlan({
      ...common,
      connections: { connectionFor: (id) => (id === 'c' ? repaired : provider.connectionFor(id)) },
      journalPath,
      resumeFrom: await readJournal(journalPath),
    });
    expect(resumed.status).toBe('succeeded');
    expect(resumed.summary).toEqual({ ok: 5, changed: 1, failed: 0, skipped: 0 });
    expect(repaired.commands).toEqual(['has two', 'set two', 'has two']);
  });

  it('cancels: nothing starts after the signal and the run says cancelled', async () => {
    const { provider, journalPath, connections } = await setup();
    const controller = new AbortController();
    const events: RunEvent[] = [];
    const first = flagStep('one', {
      apply: async (ctx: StepContext) => {
        controller.abort();
        await ctx.remote.exec('set one');
      },
    });
    const result = await runPlan({
      hosts: hosts.slice(0, 1),
      steps: [first, flagStep('two')],
      options: {},
      connections: provider,
      secrets: new Redactor(),
      journalPath,
      signal: controller.signal,
      onEvent: (event) => events.push(event),
    });
    expect(result.status).toBe('cancelled');
    expect(connections.get('a')?.commands).not.toContain('set two');
    // The step that never started says so: the wizard does not count it as done.
    expect(
      events.flatMap((event) =>
        event.type === 'step-finished' ? [`${event.step} ${event.status} ${event.blocked}`] : [],
      ),
    ).toEqual(['one changed undefined', 'two skipped true']);
  });

  it('redacts secrets, also those learnt mid-run, from events and the journal', async () => {
    const { provider, journalPath } = await setup();
    const token = 'SWMTKN-1-abcdefghijklmnopqrstuvwxyz0123456789-abcdefghijklmnop';
    const leaky = flagStep('leaky', {
      apply: async (ctx: StepContext) => {
        ctx.addSecret('learnt-secret-value');
        ctx.log(`token is ${token} and learnt-secret-value and hunter2pw`);
        await ctx.remote.exec('set leaky');
      },
    });
    const events: RunEvent[] = [];
    await runPlan({
      hosts,
      steps: [leaky],
      options: {},
      connections: provider,
      secrets: new Redactor(['hunter2pw']),
      journalPath,
      onEvent: (event) => events.push(event),
    });
    const journalText = await readFile(journalPath, 'utf8');
    for (const text of [journalText, JSON.stringify(events)]) {
      expect(text).not.toContain(token);
      expect(text).not.toContain('learnt-secret-value');
      expect(text).not.toContain('hunter2pw');
      expect(text).toContain('REDACTED');
    }
  });
});
