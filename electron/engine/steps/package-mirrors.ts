import { localized, localizedClauses } from '../../shared/messages';
import type { Inventory } from '../inventory/schema';
import { shellQuote } from '../shell/quote';
import {
  BACKUP_SUFFIX,
  leavesSourcesAlone,
  mirrorPlan,
  mirrorRoot,
  rockyMirrorCheck,
  type MirrorPlan,
} from './package-mirrors-plan';
import { factsOf } from './preflight';
import { StepFailure, type Localized, type StepDefinition } from './step';
import { purpose } from '../remote/purpose';

export {
  leavesSourcesAlone,
  mirrorPlan,
  PACKAGE_MIRROR_ROOTS,
  rockyMirrorCheck,
  rockyMirrorScript,
  type MirrorFile,
  type MirrorPlan,
} from './package-mirrors-plan';

interface MirrorProbe {
  /** What to write, or why the host's sources are left alone. */
  plan: MirrorPlan | Localized;
  /** Current content of each file the plan writes (null when missing). */
  current: (string | null)[];
  /** Which files to move aside still exist. */
  present: string[];
  /** For Rocky: whether the repo files already point at the mirror. */
  rockyDone: boolean;
}

/** Switches the OS package mirror (Aliyun, TUNA, USTC or a custom URL); CentOS 7 gets the vault. */
export const packageMirrorsStep: StepDefinition<MirrorProbe, Inventory> = {
  id: 'package-mirrors',
  title: localized('steps.package-mirrors.title'),
  explanation: localized('steps.package-mirrors.explanation'),
  waitsFor: ['preflight'],
  proceedPastFailures: true,
  appliesTo: () => true,

  async probe(ctx) {
    const facts = factsOf(ctx, ctx.host.id);
    const plan = mirrorPlan(facts, ctx.options.prepare);
    if (leavesSourcesAlone(plan)) return { plan, current: [], present: [], rockyDone: false };
    const current = await Promise.all(
      plan.files.map((file) => ctx.remote.readFile(file.path, { sudo: true })),
    );
    const present: string[] = [];
    for (const path of plan.moveAside) {
      const check = await ctx.remote.exec(`test -e ${shellQuote(path)}`, {
        allowFailure: true,
        purpose: purpose('mirrorFile'),
      });
      if (check.exitCode === 0) present.push(path);
    }
    let rockyDone = false;
    if (plan.files.length === 0) {
      const root = mirrorRoot(ctx.options.prepare) ?? '';
      const grep = await ctx.remote.exec(rockyMirrorCheck(root), {
        allowFailure: true,
        purpose: purpose('mirrorInUse'),
      });
      rockyDone = grep.exitCode === 0;
    }
    return { plan, current, present, rockyDone };
  },

  decide(probe) {
    if (leavesSourcesAlone(probe.plan)) return { kind: 'ok', message: probe.plan };
    const changes = [
      ...probe.plan.files
        .filter((file, index) => probe.current[index] !== file.content)
        .map((file) => localized('outcomes.package-mirrors.writeFile', { path: file.path })),
      ...probe.present.map((path) => localized('outcomes.package-mirrors.moveAside', { path })),
    ];
    if (probe.plan.files.length === 0 && !probe.rockyDone)
      changes.push(localized('outcomes.package-mirrors.pointRocky'));
    return changes.length === 0 ? { kind: 'ok' } : { kind: 'change', changes };
  },

  async apply(ctx, probe) {
    if (leavesSourcesAlone(probe.plan)) return;
    for (const [index, file] of probe.plan.files.entries()) {
      if (probe.current[index] === file.content) continue;
      if (probe.current[index] !== null) {
        const path = shellQuote(file.path);
        const backup = shellQuote(`${file.path}${BACKUP_SUFFIX}`);
        // Keep the system's original, not an earlier swarmlab version of the file.
        await ctx.remote.exec(`[ -e ${backup} ] || cp -p ${path} ${backup}`, { sudo: true });
      }
      await ctx.remote.uploadFile(file.path, file.content, { mode: 0o644, sudo: true });
    }
    for (const path of probe.present) {
      await ctx.remote.exec(`mv -f ${shellQuote(path)} ${shellQuote(`${path}${BACKUP_SUFFIX}`)}`, {
        sudo: true,
      });
    }
    await ctx.remote.exec(probe.plan.refresh, { sudo: true, timeoutMs: 600_000 });
  },

  async verify(ctx, before, changed) {
    const after = changed ? await packageMirrorsStep.probe(ctx) : before;
    const decision = await packageMirrorsStep.decide(after, ctx);
    if (decision.kind === 'change') {
      throw new StepFailure(
        localized('failures.package-mirrors.notAsWritten', {
          changes: localizedClauses(decision.changes),
        }),
      );
    }
    return leavesSourcesAlone(before.plan)
      ? { mirror: 'unchanged' }
      : { mirror: ctx.options.prepare.mirror, files: before.plan.files.map((file) => file.path) };
  },

  preview(_host, facts, options) {
    const plan = mirrorPlan(facts, options.prepare);
    if (leavesSourcesAlone(plan)) return { commands: [], files: [], note: plan };
    const backups = plan.files.map((file) => {
      const path = shellQuote(file.path);
      const backup = shellQuote(`${file.path}${BACKUP_SUFFIX}`);
      return `[ ! -e ${path} ] || [ -e ${backup} ] || cp -p ${path} ${backup}`;
    });
    const moves = plan.moveAside.map(
      (path) =>
        `[ ! -e ${shellQuote(path)} ] || mv -f ${shellQuote(path)} ${shellQuote(`${path}${BACKUP_SUFFIX}`)}`,
    );
    return {
      before: backups,
      commands: [...moves, plan.refresh],
      files: plan.files.map((file) => ({ ...file, mode: 0o644 })),
    };
  },
};
