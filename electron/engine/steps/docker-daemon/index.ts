/**
 * The typed daemon.json editor: merges the inventory's `docker.daemon` into what the host
 * has, refuses what would stop dockerd (unknown keys, bad values, live-restore in swarm mode,
 * a setting given both as a flag in docker.service and in the file), validates with
 * `dockerd --validate` where the engine has it, restarts Docker and rolls back to the backup
 * by itself when the daemon does not come back.
 *
 * The decisions are pure functions in this folder (merge and render in daemon-json.ts, flag
 * parsing in command-line.ts and flags.ts, the plan in plan.ts, the restart judgement in
 * restart.ts), so unit tests pin them; this step only moves bytes and runs commands. On a node
 * of a swarm the restart goes one node at a time, drained first (swarm/rolling.ts).
 */
import { oneNodeAtATime } from '../../swarm/rolling';
import { keepOriginalScript } from '../originals';
import { localized, localizedList } from '../../../shared/messages';
import type { Inventory } from '../../inventory/schema';
import { shellQuote } from '../../shell/quote';
import { StepFailure, type Localized, type StepContext, type StepDefinition } from '../step';
import { splitCommandLine } from './command-line';
import { desiredEntries } from './daemon-json';
import { configFileOf, daemonFlags } from './flags';
import { HOSTS_DROP_IN } from './hosts-drop-in';
import { planDaemonConfig, type DaemonPlan } from './plan';
import { DAEMON_PROBE_SCRIPT, parseDaemonProbe, type DaemonHostState } from './probe';
import {
  judgeRestart,
  parseRestartOutput,
  restartAndWaitScript,
  RESTART_WAIT_SECONDS,
  type RestartOutcome,
} from './restart';
import { BACKUP_SUFFIX, rollbackFailure, rollbackScript, type DaemonBackup } from './rollback';
import { purpose } from '../../remote/purpose';

interface DaemonProbe {
  state: DaemonHostState;
  currentText: string | null;
}

function planFor(probe: DaemonProbe, ctx: StepContext<Inventory>): DaemonPlan {
  if (!probe.state.dockerd) {
    throw new StepFailure(
      localized('failures.docker-daemon.noDockerd'),
      localized('failures.docker-daemon.noDockerdFix'),
    );
  }
  return planDaemonConfig({
    currentText: probe.currentText,
    desired: ctx.options.docker.daemon,
    execStart: probe.state.execStart,
    env: probe.state.env,
  });
}

async function probeDaemon(ctx: StepContext<Inventory>): Promise<DaemonProbe> {
  const result = await ctx.remote.exec(DAEMON_PROBE_SCRIPT, {
    sudo: true,
    purpose: purpose('daemonConfig'),
    allowFailure: true,
    quiet: true,
  });
  const state = parseDaemonProbe(result.stdout);
  const path = configFileOf(daemonFlags(splitCommandLine(state.execStart ?? '', state.env)));
  return { state, currentText: await ctx.remote.readFile(path, { sudo: true }) };
}

/** `dockerd --validate` on the new content, before anything is replaced. */
async function validateOnHost(ctx: StepContext<Inventory>, plan: DaemonPlan): Promise<void> {
  const candidate = `${plan.path}.swarmlab-new`;
  await ctx.remote.uploadFile(candidate, plan.content, { mode: 0o644, sudo: true });
  const result = await ctx.remote.exec(
    `dockerd --validate --config-file ${shellQuote(candidate)} 2>&1; status=$?; rm -f ${shellQuote(candidate)}; exit "$status"`,
    { sudo: true, allowFailure: true },
  );
  if (result.exitCode !== 0) {
    throw new StepFailure(
      localized('failures.docker-daemon.validateRefused', {
        output: result.stdout.trim() || result.stderr.trim(),
      }),
      localized('failures.docker-daemon.validateRefusedFix'),
    );
  }
}

async function restartDocker(ctx: StepContext<Inventory>): Promise<RestartOutcome> {
  const result = await ctx.remote.exec(restartAndWaitScript(), {
    sudo: true,
    allowFailure: true,
    timeoutMs: (RESTART_WAIT_SECONDS + 120) * 1000,
  });
  return parseRestartOutput(result.stdout);
}

/** Applies the inventory's daemon.json keys, with validation, backup and automatic rollback. */
export const dockerDaemonStep: StepDefinition<DaemonProbe, Inventory> = {
  id: 'docker-daemon',
  title: localized('steps.docker-daemon.title'),
  explanation: localized('steps.docker-daemon.explanation'),
  // No `waitsFor`: a host configures its own daemon right after its own install (the runner walks
  // a host's steps in order). Waiting for docker-install on every host would let one host that
  // lost its network mid-install leave every other host without its daemon settings.
  // Even with no keys to write, a host's own live-restore or flag clash is caught here, before
  // swarm init fails on it.
  appliesTo: () => true,

  probe: probeDaemon,

  decide(probe, ctx) {
    const plan = planFor(probe, ctx);
    for (const warning of plan.warnings) ctx.warn(warning);
    const changes: Localized[] = [];
    if (!plan.unchanged) {
      const keys = Object.keys(desiredEntries(ctx.options.docker.daemon));
      changes.push(
        keys.length > 0
          ? localized('outcomes.docker-daemon.writeKeys', {
              path: plan.path,
              keys: localizedList(keys),
            })
          : localized('outcomes.docker-daemon.write', { path: plan.path }),
      );
    }
    if (plan.dropIn)
      changes.push(localized('outcomes.docker-daemon.dropHostsFlag', { dropIn: HOSTS_DROP_IN }));
    if (changes.length > 0 && probe.state.inSwarm)
      changes.push(localized('outcomes.docker-daemon.rolling'));
    if (changes.length === 0)
      return {
        kind: 'ok',
        message: localized('outcomes.docker-daemon.alreadyHolds', { path: plan.path }),
      };
    return { kind: 'change', changes };
  },

  async apply(ctx, probe) {
    const plan = planFor(probe, ctx);
    const { remote } = ctx;
    const path = shellQuote(plan.path);
    await remote.exec(`install -d -m 0755 "$(dirname ${path})"`, { sudo: true });
    if (probe.state.validate) await validateOnHost(ctx, plan);
    else
      ctx.log(
        'this Docker has no `dockerd --validate` (before 23.0): the restart checks the file, with rollback',
      );

    // The file as it was before swarmlab's first change, for `swarmlab reset`.
    await remote.exec(keepOriginalScript(plan.path), { sudo: true });
    const backup: DaemonBackup = {
      path: plan.path,
      existed: probe.currentText !== null,
      wroteDropIn: plan.dropIn !== undefined,
    };
    if (backup.existed) {
      await remote.exec(`cp -p ${path} ${shellQuote(`${plan.path}${BACKUP_SUFFIX}`)}`, {
        sudo: true,
      });
    }
    await remote.uploadFile(plan.path, plan.content, { mode: 0o644, sudo: true });
    if (plan.dropIn) {
      await remote.exec(`install -d -m 0755 ${shellQuote(HOSTS_DROP_IN.replace(/\/[^/]+$/, ''))}`, {
        sudo: true,
      });
      await remote.uploadFile(HOSTS_DROP_IN, plan.dropIn, { mode: 0o644, sudo: true });
      await remote.exec('systemctl daemon-reload', { sudo: true });
    }

    await oneNodeAtATime(ctx, async () => {
      const judgement = judgeRestart(await restartDocker(ctx));
      if (judgement.kind === 'keep') return;

      const journal = await remote.exec(
        'journalctl -u docker.service --no-pager -n 30 -o cat 2>&1',
        { sudo: true, allowFailure: true },
      );
      ctx.warn(localized('failures.docker-daemon.restoring', { reason: judgement.reason }));
      await remote.exec(rollbackScript(backup), { sudo: true });
      const recovered = (await restartDocker(ctx)).answered;
      throw rollbackFailure(judgement.reason, recovered, journal.stdout);
    });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await probeDaemon(ctx) : before;
    const plan = planFor(after, ctx);
    if (!plan.unchanged)
      throw new StepFailure(localized('failures.docker-daemon.notMerged', { path: plan.path }));
    const settings = {
      path: plan.path,
      keys: Object.keys(plan.merged).sort(),
      validatedBy: after.state.validate ? 'dockerd --validate' : 'restart',
    };
    // Untouched, Docker was not restarted: the install step has just seen it answer.
    if (!changed) return settings;
    const info = await ctx.remote.exec("docker info --format '{{.ServerVersion}}'", {
      sudo: true,
      purpose: purpose('dockerAnswers'),
      allowFailure: true,
    });
    if (info.exitCode !== 0) {
      throw new StepFailure(
        localized('failures.docker-daemon.noDockerInfo'),
        localized('failures.docker-install.seeJournal'),
      );
    }
    return { ...settings, version: info.stdout.trim() };
  },

  preview(_host, _facts, options) {
    // A bare host: no daemon.json yet and the packaged unit's command line, which sets nothing
    // that clashes (a host's own file and flags are merged and checked during the run).
    const plan = planDaemonConfig({
      currentText: null,
      desired: options.docker.daemon,
      execStart: undefined,
      env: {},
    });
    if (plan.unchanged) {
      return {
        commands: [],
        files: [],
        note: localized('plans.notes.daemonUnchanged'),
      };
    }
    const candidate = shellQuote(`${plan.path}.swarmlab-new`);
    return {
      before: [
        `install -d -m 0755 "$(dirname ${shellQuote(plan.path)})"`,
        keepOriginalScript(plan.path),
        `# Docker 23.0 and later: the new content is checked first, written as ${candidate}\ndockerd --validate --config-file ${candidate}; rm -f ${candidate}`,
      ],
      commands: [restartAndWaitScript()],
      files: [{ path: plan.path, mode: 0o644, content: plan.content }],
      note: localized('plans.notes.daemonMerged'),
    };
  },
};
