import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { changesFound } from '../../../electron/engine/change-preview';
import { Redactor } from '../../../electron/engine/redact';
import { runPlan } from '../../../electron/engine/run/runner';
import type { AnyStep } from '../../../electron/engine/steps/step';
import type { RunEvent } from '../../../electron/shared/run-events';
import { planHosts } from '../helpers/fake-swarm';

const text = (en: string) => ({ en, 'zh-CN': `中文 ${en}` });

describe('a dry run', () => {
  it('probes and decides only, and stops looking at a host after its first change unless that step stands alone', async () => {
    const applied: string[] = [];
    const verified: string[] = [];
    /** A step that would change the hosts listed, and finds the others as wanted. */
    const step = (id: string, changesOn: string[], standsAlone = false): AnyStep<unknown> => ({
      id,
      title: text(id),
      explanation: text(id),
      standsAlone,
      appliesTo: () => true,
      probe: async () => undefined,
      decide: (_probe, ctx) =>
        changesOn.includes(ctx.host.id)
          ? { kind: 'change', changes: [text(`${id} on ${ctx.host.id}`)] }
          : { kind: 'ok' },
      apply: async (ctx) => void applied.push(`${ctx.host.id} ${id}`),
      verify: async (ctx) => void verified.push(`${ctx.host.id} ${id}`),
    });
    const hosts = planHosts(1, 2);
    const events: RunEvent[] = [];
    const finished = await runPlan({
      hosts,
      steps: [
        step('hosts-block', ['node01', 'node02'], true),
        step('docker', ['node03']),
        step('daemon', ['node01', 'node03']),
      ],
      options: {},
      connections: {
        connectionFor: () => ({
          exec: async () => {
            throw new Error('a dry run of these steps sends no command');
          },
          uploadFile: async () => {
            throw new Error('a dry run writes no file');
          },
        }),
      },
      secrets: new Redactor(),
      journalPath: join(await mkdtemp(join(tmpdir(), 'swarmlab-dry-')), 'journal.jsonl'),
      dryRun: true,
      onEvent: (event) => events.push(event),
    });
    expect(finished.status).toBe('succeeded');
    expect(applied).toEqual([]);
    expect(verified).toEqual([]);

    const preview = changesFound(events);
    expect(
      preview.hosts.map((host) => [
        host.host,
        host.changes.flatMap((change) => change.changes.map((line) => line.en)),
        host.more,
      ]),
    ).toEqual([
      // hosts-block stands alone: node01's daemon change is still seen.
      ['node01', ['hosts-block on node01', 'daemon on node01'], false],
      ['node02', ['hosts-block on node02'], false],
      // Docker would change on node03: what daemon finds there depends on it.
      ['node03', ['docker on node03'], true],
    ]);
    expect(preview.hosts[0]?.changes[0]?.changes[0]?.['zh-CN']).toBe('中文 hosts-block on node01');
  });
});
