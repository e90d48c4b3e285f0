import { describe, expect, it } from 'vitest';
import type { ExecOptions, ExecResult, RemoteHost } from '../../../electron/engine/steps/step';
import {
  fetchUntilAnswered,
  TASK_CONTAINERS_COMMAND,
  waitForServiceContainersToLeave,
  type Fetches,
} from '../../../electron/engine/swarm/settling';

/** A node whose `docker ps` lists, call after call, the given service names (last one sticks). */
function nodeListing(id: string, listings: (string[] | 'error' | 'refused')[]) {
  const calls: { script: string; options?: ExecOptions }[] = [];
  const node: RemoteHost = {
    host: { id, address: '192.0.2.1', port: 22, user: 'root', role: 'worker', hostname: id },
    async exec(script, options): Promise<ExecResult> {
      calls.push({ script, ...(options ? { options } : {}) });
      const listing = listings[Math.min(calls.length - 1, listings.length - 1)];
      if (listing === 'refused') throw new Error('connection refused');
      if (listing === 'error')
        return { exitCode: 1, stdout: '', stderr: 'Cannot connect to Docker', durationMs: 1 };
      return { exitCode: 0, stdout: `${(listing ?? []).join('\n')}\n`, stderr: '', durationMs: 1 };
    },
    uploadFile: () => Promise.reject(new Error('not used')),
    readFile: () => Promise.reject(new Error('not used')),
  };
  return { node, calls };
}

const FAST = { timeoutMs: 2_000, pauseMs: 1 };
const SERVICES = ['swarmlab-verify', 'swarmlab-verify-pinned'];

describe('waiting for removed test services to leave every node', () => {
  it('asks each node until none lists a container of the services, as root', async () => {
    const a = nodeListing('node01', [['swarmlab-verify', 'web'], ['web']]);
    const b = nodeListing('node02', [
      ['swarmlab-verify-pinned'],
      ['swarmlab-verify-pinned'],
      ['swarmlab-verify-pinned'],
      [],
    ]);
    const left = await waitForServiceContainersToLeave([a.node, b.node], SERVICES, FAST);
    expect(left).toEqual([]);
    expect(a.calls).toHaveLength(2);
    expect(b.calls).toHaveLength(4);
    expect(a.calls[0]?.script).toBe(TASK_CONTAINERS_COMMAND);
    expect(a.calls[0]?.options?.sudo).toBe(true);
  });

  it('returns at once when no node holds one; other services do not count', async () => {
    const a = nodeListing('node01', [['web', 'swarmlab-verify-old']]);
    expect(await waitForServiceContainersToLeave([a.node], SERVICES, FAST)).toEqual([]);
    expect(a.calls).toHaveLength(1);
  });

  it('names the nodes that still hold one when time runs out', async () => {
    const a = nodeListing('node01', [[]]);
    const b = nodeListing('node02', [['swarmlab-verify']]);
    const left = await waitForServiceContainersToLeave([a.node, b.node], SERVICES, {
      timeoutMs: 30,
      pauseMs: 5,
    });
    expect(left).toEqual(['node02']);
    expect(b.calls.length).toBeGreaterThan(2);
  });

  it('does not wait for a node it cannot ask', async () => {
    const a = nodeListing('node01', ['refused']);
    const b = nodeListing('node02', ['error']);
    expect(await waitForServiceContainersToLeave([a.node, b.node], SERVICES, FAST)).toEqual([]);
  });

  it('stops when the run is cancelled', async () => {
    const controller = new AbortController();
    controller.abort();
    const a = nodeListing('node01', [['swarmlab-verify']]);
    const left = await waitForServiceContainersToLeave([a.node], SERVICES, {
      ...FAST,
      signal: controller.signal,
    });
    expect(left).toEqual(['node01']);
    expect(a.calls).toHaveLength(1);
  });
});

/** Targets answer FAIL until their turn: `answersFrom[target]` is the first try that answers. */
function fetcher(answersFrom: Record<string, number>) {
  const asked: string[][] = [];
  const fetchEach = (targets: readonly string[]): Promise<Fetches> => {
    asked.push([...targets]);
    const attempt = asked.length;
    return Promise.resolve(
      new Map(
        targets.map((target) => [
          target,
          attempt >= (answersFrom[target] ?? Infinity) ? `task-of-${target}` : 'FAIL',
        ]),
      ),
    );
  };
  return { fetchEach, asked };
}

describe('fetching tasks across the overlay until they answer', () => {
  it('asks once when every target answers', async () => {
    const { fetchEach, asked } = fetcher({ a: 1, b: 1 });
    const result = await fetchUntilAnswered(fetchEach, ['a', 'b'], FAST);
    expect(asked).toEqual([['a', 'b']]);
    expect(result.settledAfterMs).toBe(0);
    expect([...result.answers]).toEqual([
      ['a', 'task-of-a'],
      ['b', 'task-of-b'],
    ]);
  });

  it('asks again only the targets that failed, and says how long they took', async () => {
    const { fetchEach, asked } = fetcher({ a: 1, b: 3, c: 2 });
    const result = await fetchUntilAnswered(fetchEach, ['a', 'b', 'c'], {
      timeoutMs: 2_000,
      pauseMs: 10,
    });
    expect(asked).toEqual([['a', 'b', 'c'], ['b', 'c'], ['b']]);
    expect(result.answers.get('b')).toBe('task-of-b');
    expect(result.answers.get('c')).toBe('task-of-c');
    expect(result.settledAfterMs).toBeGreaterThanOrEqual(15);
  });

  it('keeps FAIL for a target still silent at the deadline, and for one not in the answer', async () => {
    const { fetchEach, asked } = fetcher({ a: 1 });
    const result = await fetchUntilAnswered(fetchEach, ['a', 'b'], { timeoutMs: 40, pauseMs: 5 });
    expect(result.answers.get('a')).toBe('task-of-a');
    expect(result.answers.get('b')).toBe('FAIL');
    expect(result.settledAfterMs).toBe(0);
    expect(asked.length).toBeGreaterThan(2);
    expect(asked.slice(1).every((targets) => targets.join() === 'b')).toBe(true);

    const silent = await fetchUntilAnswered(() => Promise.resolve(new Map()), ['x'], {
      timeoutMs: 0,
      pauseMs: 1,
    });
    expect(silent.answers.get('x')).toBe('FAIL');
  });
});
