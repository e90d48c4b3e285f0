/**
 * Waiting out a swarm's own delays around the verification's test services. Docker tears a
 * removed task down on its node for seconds after `docker service rm` returns, and a node
 * learns where a new task lives by gossip; both are normal, and both are waited for here with
 * a deadline, so that what verification then reports is the swarm's state, not its lag.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { RemoteHost } from '../remote/remote-host';
import { shellJoin } from '../shell/quote';
import { purpose } from '../remote/purpose';

export interface SettleTiming {
  /** Give up after this long; what was seen by then is the result. */
  timeoutMs: number;
  /** Between two looks. */
  pauseMs: number;
  signal?: AbortSignal;
}

const SERVICE_LABEL = 'com.docker.swarm.service.name';

/** Lists the service of every swarm task container on a node, running or not, one per line. */
export const TASK_CONTAINERS_COMMAND = shellJoin([
  'docker',
  'ps',
  '--all',
  '--filter',
  `label=${SERVICE_LABEL}`,
  '--format',
  `{{.Label "${SERVICE_LABEL}"}}`,
]);

/** The node's running swarm tasks, one container ID a line. */
export const RUNNING_TASKS_COMMAND = shellJoin([
  'docker',
  'ps',
  '--quiet',
  '--filter',
  `label=${SERVICE_LABEL}`,
]);

/**
 * Waits until no node holds a container of `services` any more. A worker whose last task on
 * an overlay network is still being torn down removes that network's local state while the
 * next test task is attaching to it, and that task can then stay unreachable: measured on lab
 * hosts under load, the first probe across the overlay failed in 8 of 25 back-to-back
 * verifications without this wait, 1 of 25 with it. Returns the hosts that still held one when
 * time ran out (a host that cannot be asked is not waited for).
 */
export async function waitForServiceContainersToLeave(
  nodes: readonly RemoteHost[],
  services: readonly string[],
  timing: SettleTiming,
): Promise<string[]> {
  const deadline = Date.now() + timing.timeoutMs;
  let holding = [...nodes];
  for (;;) {
    const still = await Promise.all(
      holding.map(async (node) => {
        try {
          const listed = await node.exec(TASK_CONTAINERS_COMMAND, {
            sudo: true,
            quiet: true,
            allowFailure: true,
            purpose: purpose('testContainers'),
          });
          if (listed.exitCode !== 0) return false;
          return listed.stdout.split('\n').some((line) => services.includes(line.trim()));
        } catch {
          return false;
        }
      }),
    );
    holding = holding.filter((_, index) => still[index]);
    if (holding.length === 0 || Date.now() >= deadline || timing.signal?.aborted) {
      return holding.map((node) => node.host.id);
    }
    await sleep(timing.pauseMs);
  }
}

/**
 * Asks `look` until `done` holds for its answer, time runs out or the run is cancelled; the
 * last answer, and whether it held. For the swarm's own lags around a membership change: a
 * promoted node listed as manager, a node that left listed as down, services whole again.
 */
export async function pollUntil<T>(
  look: () => Promise<T>,
  done: (answer: T) => boolean,
  timing: SettleTiming,
): Promise<{ answer: T; settled: boolean }> {
  const deadline = Date.now() + timing.timeoutMs;
  for (;;) {
    const answer = await look();
    if (done(answer)) return { answer, settled: true };
    if (Date.now() >= deadline || timing.signal?.aborted) return { answer, settled: false };
    await sleep(timing.pauseMs);
  }
}

/** Services whose running tasks are short of what they want (global ones too), one a line. */
export const UNSETTLED_SERVICES_COMMAND =
  "docker service ls --format '{{.Name}} {{.Replicas}}' | awk '{ split($2, r, \"/\"); if (r[1] != r[2]) print $1 }'";

/** Answers by target (`host:port` → the answer, or FAIL). */
export type Fetches = Map<string, string>;

export interface SettledFetches {
  answers: Fetches;
  /** From the first try until the last target answered; 0 when all answered at once. */
  settledAfterMs: number;
}

/**
 * Fetches every target, then asks again only the ones that failed, until all answered or time
 * ran out. A task that has just started is unknown to the other nodes' overlay until gossip
 * tells them (on lab hosts under load: up to 14 s in 4 of 12 back-to-back reruns), so one
 * failed try says little; one still failing after the deadline is reported as unreachable.
 */
export async function fetchUntilAnswered(
  fetchEach: (targets: readonly string[]) => Promise<Fetches>,
  targets: readonly string[],
  timing: SettleTiming,
): Promise<SettledFetches> {
  const started = Date.now();
  const answers: Fetches = new Map();
  let pending = [...targets];
  let settledAfterMs = 0;
  for (let first = true; ; first = false) {
    const got = await fetchEach(pending);
    for (const target of pending) answers.set(target, got.get(target) ?? 'FAIL');
    const before = pending.length;
    pending = pending.filter((target) => answers.get(target) === 'FAIL');
    if (!first && pending.length < before) settledAfterMs = Date.now() - started;
    if (
      pending.length === 0 ||
      Date.now() - started >= timing.timeoutMs ||
      timing.signal?.aborted
    ) {
      return { answers, settledAfterMs: pending.length === 0 ? settledAfterMs : 0 };
    }
    await sleep(timing.pauseMs);
  }
}
