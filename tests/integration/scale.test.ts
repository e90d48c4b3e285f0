/**
 * A swarm of twelve: 3 managers and 9 workers from bare lab hosts, a rerun that changes
 * nothing, and a 13th host added. Every joining host used to ask the first manager over its one
 * SSH connection at the same moment, past sshd's MaxSessions; this is the run that failed.
 * It boots 10 hosts beyond the integration lab's 3, so it runs as a project of its own
 * (`npm run test:scale`), and gives the lab back with 3 hosts.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { labUp, resetHosts } from '../../electron/engine/lab';
import type { LabInfo } from '../../electron/engine/lab';
import { labInventory } from '../../electron/engine/lab/inventory';
import type { RunEvent } from '../../electron/shared/run-events';
import type { VerificationResult } from '../../electron/engine/steps/verify-swarm';
import {
  expectNoLabSecrets,
  freshAppHome,
  runOnLab,
  swarmNodeList,
  validInventory,
} from './helpers';

const MANAGERS = 3;
const FIRST_SIZE = 12;
const GROWN_SIZE = 13;
/** A first run installs Docker on 12 hosts at once: far longer than the usual test. */
const RUN_TIMEOUT_MS = 40 * 60_000;

const log = (line: string): void => {
  process.stderr.write(`[scale] ${line}\n`);
};

function expectedNodes(size: number): string[] {
  return Array.from({ length: size }, (_, index) => {
    const name = `node${String(index + 1).padStart(2, '0')}`;
    if (index === 0) return `${name} Ready Leader`;
    return index < MANAGERS ? `${name} Ready Reachable` : `${name} Ready`;
  }).sort();
}

function verification(events: readonly RunEvent[]): VerificationResult | undefined {
  const finished = events.find(
    (event) => event.type === 'step-finished' && event.step === 'verify-swarm',
  );
  return (finished?.type === 'step-finished' ? finished.data : undefined) as
    VerificationResult | undefined;
}

/** "host step" of every step that changed something. */
function changedSteps(events: readonly RunEvent[]): string[] {
  return events.flatMap((event) =>
    event.type === 'step-finished' && event.status === 'changed'
      ? [`${event.host} ${event.step}`]
      : [],
  );
}

function seconds(events: readonly RunEvent[]): string {
  const finished = events.find((event) => event.type === 'run-finished');
  return finished?.type === 'run-finished' ? `${(finished.durationMs / 1000).toFixed(1)} s` : '?';
}

describe('a swarm of 12 hosts, then 13', () => {
  const integrationLab = inject('lab');
  let lab: LabInfo;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    lab = await labUp({ hosts: GROWN_SIZE, log });
    // The integration lab's hosts may hold an earlier test's swarm: bare Debian again.
    await resetHosts(
      integrationLab.hosts.map((host) => host.name),
      log,
    );
    env = await freshAppHome();
  }, RUN_TIMEOUT_MS);

  afterAll(async () => {
    await labUp({ hosts: integrationLab.hosts.length, log });
  }, RUN_TIMEOUT_MS);

  const firstTwelve = (): LabInfo => ({ ...lab, hosts: lab.hosts.slice(0, FIRST_SIZE) });

  it(
    'turns 12 bare hosts into a verified swarm of 3 managers and 9 workers',
    async () => {
      const twelve = firstTwelve();
      const run = await runOnLab(
        twelve,
        validInventory(labInventory(twelve, { managers: 3 })),
        env,
      );
      log(`12 bare hosts → swarm in ${seconds(run.events)}`);

      expect(run.finished.failures).toEqual([]);
      expect(run.finished.status).toBe('succeeded');
      expect(await swarmNodeList(lab.hosts[0]?.name ?? '')).toEqual(expectedNodes(FIRST_SIZE));
      const result = verification(run.events);
      expect(result?.checks.every((check) => check.passed)).toBe(true);
      expect(result?.nodes).toHaveLength(FIRST_SIZE);
      await expectNoLabSecrets(twelve, [JSON.stringify(run.events)], [run.journalPath]);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'changes nothing when applied again',
    async () => {
      const twelve = firstTwelve();
      const run = await runOnLab(
        twelve,
        validInventory(labInventory(twelve, { managers: 3 })),
        env,
      );
      log(`rerun on 12 in ${seconds(run.events)}`);

      expect(run.finished.failures).toEqual([]);
      expect(changedSteps(run.events)).toEqual([]);
      expect(run.finished.summary.changed).toBe(0);
    },
    RUN_TIMEOUT_MS,
  );

  it(
    'grows to 13: the new host joins, the others only learn its name',
    async () => {
      const run = await runOnLab(lab, validInventory(labInventory(lab, { managers: 3 })), env);
      log(`grown to 13 in ${seconds(run.events)}`);

      expect(run.finished.failures).toEqual([]);
      expect(await swarmNodeList(lab.hosts[0]?.name ?? '')).toEqual(expectedNodes(GROWN_SIZE));
      const changed = changedSteps(run.events);
      // The new host is set up from scratch and joins as a worker...
      expect(changed).toContain('node13 docker-install');
      expect(changed).toContain('node13 swarm-join');
      // ...and every other host changes its /etc/hosts block (node13 in it), nothing else.
      const others = changed.filter((line) => !line.startsWith('node13 '));
      expect(others.sort()).toEqual(
        lab.hosts
          .slice(0, FIRST_SIZE)
          .map((_, index) => `node${String(index + 1).padStart(2, '0')} hosts-file`)
          .sort(),
      );
      expect(verification(run.events)?.nodes).toHaveLength(GROWN_SIZE);
    },
    RUN_TIMEOUT_MS,
  );
});
