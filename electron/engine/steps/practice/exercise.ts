/**
 * What every practice exercise shares: it runs on the first manager, shows each docker command
 * it runs with the command's real output, checks the result, and removes its services
 * afterwards unless asked to keep them. It changes nothing that outlives it (apart from kept
 * services), so the step is never `changed`.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { localized, type Localized } from '../../../shared/messages';
import type { ExerciseResult, PracticeExercise, ShownCommand } from '../../../shared/practice';
import type { HostFacts } from '../../facts/facts';
import type { Inventory } from '../../inventory/schema';
import { shellJoin } from '../../shell/quote';
import { isFirstManager } from '../../swarm/swarm-info';
import { runningTasks, taskStatesCommand, type TaskState } from '../../swarm/verification';
import { factsKey } from '../preflight';
import { StepFailure, type StepContext, type StepDefinition } from '../step';
import { purpose } from '../../remote/purpose';

export interface PracticeOptions extends Inventory {
  practice: {
    /** Leave each exercise's services running for the user to explore. */
    keep: boolean;
  };
}

export type PracticeContext = StepContext<PracticeOptions>;

/** Every practice service's name starts with this, so leftovers are easy to find. */
export const PRACTICE_PREFIX = 'swarmlab-practice-';

/** The longest output kept per command: a learner reads the first screen. */
const MAX_OUTPUT = 4_000;
const POLL_MS = 500;
const CONVERGE_MS = 90_000;

/** The commands one exercise ran on the manager, with their output. */
export class ExerciseLog {
  readonly shown: ShownCommand[] = [];

  constructor(private readonly ctx: PracticeContext) {}

  /** Runs a command the learner should see and keeps its output, whatever its exit code. */
  async attempt(
    command: string,
  ): Promise<{ exitCode: number | null; output: string; stdout: string }> {
    const result = await this.ctx.remote.exec(command, {
      sudo: true,
      allowFailure: true,
      purpose: purpose('practiceCommand'),
    });
    const output = `${result.stdout}${result.stderr ? `\n${result.stderr}` : ''}`.trim();
    this.shown.push({ command, output: output.slice(0, MAX_OUTPUT) });
    return { exitCode: result.exitCode, output, stdout: result.stdout };
  }

  /** Runs a command the learner should see, and keeps its output; a failure ends the exercise. */
  async run(command: string): Promise<string> {
    const { exitCode, output, stdout } = await this.attempt(command);
    if (exitCode !== 0) {
      throw new StepFailure(
        localized('failures.practice.commandFailed', {
          command,
          code: exitCode ?? '?',
          output: output.split('\n').slice(-3).join(' / '),
        }),
      );
    }
    return stdout;
  }

  /** `docker service ps` of a service, shown, with its running tasks. */
  async tasks(service: string): Promise<TaskState[]> {
    return runningTasks(await this.run(taskStatesCommand(service)));
  }
}

/**
 * Waits (quietly) until `count` tasks of a service run, then shows `docker service ps` once.
 * Gives up after the convergence time and shows what ran.
 */
export async function waitAndShowTasks(
  ctx: PracticeContext,
  log: ExerciseLog,
  service: string,
  count: (running: number) => boolean,
): Promise<TaskState[]> {
  const deadline = Date.now() + CONVERGE_MS;
  while (Date.now() < deadline && !ctx.signal.aborted) {
    const probe = await ctx.remote.exec(taskStatesCommand(service), {
      sudo: true,
      quiet: true,
      allowFailure: true,
      purpose: purpose('testTasks'),
    });
    if (count(runningTasks(probe.stdout).length)) break;
    await sleep(POLL_MS);
  }
  return log.tasks(service);
}

/** The node names of the swarm, in inventory order, as `docker node ls` shows them. */
export function nodeNames(ctx: PracticeContext): string[] {
  return ctx.hosts.map((host) => {
    const facts = ctx.shared.get(factsKey(host.id)) as HostFacts | undefined;
    return host.hostname ?? facts?.hostname ?? host.id;
  });
}

/** Every node's kernel has IPVS: the routing mesh and virtual IPs work. */
export function hasRoutingMesh(ctx: PracticeContext): boolean {
  return ctx.hosts.every(
    (host) => (ctx.shared.get(factsKey(host.id)) as HostFacts | undefined)?.ipvs === true,
  );
}

export interface ExerciseOutcome {
  passed: boolean;
  detail: Localized;
}

export interface ExerciseSpec {
  id: PracticeExercise;
  /** The services it creates, removed afterwards unless kept. */
  services: readonly string[];
  notice: (ctx: PracticeContext) => Localized;
  run(ctx: PracticeContext, log: ExerciseLog): Promise<ExerciseOutcome>;
}

/** One exercise as a step of the `practice` operation. */
export function exerciseStep(spec: ExerciseSpec): StepDefinition<undefined, PracticeOptions> {
  return {
    id: spec.id,
    title: localized(`steps.${spec.id}.title`),
    explanation: localized(`steps.${spec.id}.explanation`),
    waitsFor: ['test-image'],
    appliesTo: (host, hosts) => isFirstManager(host, hosts),
    probe: async () => undefined,
    decide: () => ({ kind: 'ok', message: localized('outcomes.practice.done') }),
    apply: async () => {},
    async verify(ctx) {
      const log = new ExerciseLog(ctx);
      await removeServices(ctx, spec.services);
      let outcome: ExerciseOutcome;
      try {
        outcome = await spec.run(ctx, log);
      } catch (error) {
        if (!(error instanceof StepFailure)) throw error;
        outcome = { passed: false, detail: error.reason };
      } finally {
        if (!ctx.options.practice.keep) await removeServices(ctx, spec.services, log);
      }
      const result: ExerciseResult = {
        exercise: spec.id,
        commands: log.shown,
        notice: spec.notice(ctx),
        passed: outcome.passed,
        detail: outcome.detail,
        kept: ctx.options.practice.keep ? [...spec.services] : [],
      };
      if (!outcome.passed) throw new StepFailure(outcome.detail, undefined, result);
      return result;
    },
  };
}

/** Removes the services (shown when `log` is given, quietly before the exercise starts). */
async function removeServices(
  ctx: PracticeContext,
  services: readonly string[],
  log?: ExerciseLog,
): Promise<void> {
  const command = `${shellJoin(['docker', 'service', 'rm', ...services])} 2>/dev/null || true`;
  if (log) await log.run(command);
  else
    await ctx.remote.exec(command, {
      sudo: true,
      quiet: true,
      purpose: purpose('removeTestServices'),
    });
}
