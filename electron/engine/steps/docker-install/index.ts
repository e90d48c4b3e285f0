/**
 * Installs Docker Engine, idempotently, from the source the inventory names:
 *
 * - `official`: Docker's docker-ce repository (download.docker.com);
 * - `mirror`: the same repository from a mirror (Aliyun, TUNA, USTC, Azure China or a URL);
 * - `distro`: the distribution's own package (Debian/Ubuntu `docker.io`, Fedora `moby-engine`);
 * - `offline`: a bundle on the operator's machine, copied over SFTP: Docker's static binary
 *   tarball (`docker-X.Y.Z.tgz`) or a folder of `.deb` / `.rpm` files;
 * - `skip`: Docker is already there; only check it (and start it when it is stopped).
 *
 * This file is the step; everything a host receives is built by pure functions in this folder
 * (`dockerInstallPlan` in plan.ts, one file per source and package family: apt.ts, rpm.ts,
 * distro.ts, offline.ts, static.ts), so golden tests pin every script for every supported
 * system. probe.ts reads a host, judge.ts decides what it needs.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { localized, localizedClauses } from '../../../shared/messages';
import type { Inventory } from '../../inventory/schema';
import { factsOf } from '../preflight';
import { StepFailure, type RemoteHost, type StepContext, type StepDefinition } from '../step';
import { oneNodeAtATime } from '../../swarm/rolling';
import { describeAction, judgeDockerInstall, type InstallJudgement } from './judge';
import { readOfflineBundle } from './offline-bundle';
import { dockerInstallPlan, type DockerInstallPlan, type PlanFile } from './plan';
import { dockerProbeScript, parseDockerProbe, type DockerHostState } from './probe';
import { ENABLE_DOCKER, removePackagesScript } from './script';
import { DOCKER_CE_PACKAGES } from './packages';
import { DOCKER_INSTALL_RECORD, STATE_DIR } from '../originals';
import { shellQuote } from '../../shell/quote';
import { purpose } from '../../remote/purpose';

interface InstallProbe {
  plan: DockerInstallPlan;
  state: DockerHostState;
  currentFiles: (string | null)[];
}

const INSTALL_TIMEOUT_MS = 20 * 60_000;

async function probeHost(ctx: StepContext<Inventory>): Promise<InstallProbe> {
  const facts = factsOf(ctx, ctx.host.id);
  const docker = ctx.options.docker;
  const bundle =
    docker.install === 'offline' && docker.offlineBundle
      ? await readOfflineBundle(docker.offlineBundle)
      : undefined;
  const plan = dockerInstallPlan(facts, docker, bundle);
  const result = await ctx.remote.exec(dockerProbeScript(plan.format), {
    sudo: true,
    allowFailure: true,
    quiet: true,
    purpose: purpose('docker'),
  });
  const currentFiles = await Promise.all(
    plan.files.map((file) => ctx.remote.readFile(file.path, { sudo: true })),
  );
  return { plan, state: parseDockerProbe(result.stdout), currentFiles };
}

async function writeFiles(remote: RemoteHost, files: readonly PlanFile[]): Promise<void> {
  for (const file of files) {
    await remote.uploadFile(file.path, file.content, { mode: file.mode, sudo: true });
  }
}

async function runInstall(ctx: StepContext<Inventory>, plan: DockerInstallPlan): Promise<void> {
  const { remote } = ctx;
  if (plan.prepare) await remote.exec(plan.prepare, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
  for (const upload of plan.uploads) {
    ctx.log(`uploading ${basename(upload.localPath)}`);
    await remote.uploadFile(upload.remotePath, await readFile(upload.localPath), {
      mode: 0o644,
      sudo: true,
    });
  }
  await writeFiles(remote, plan.files);
  await remote.exec(plan.install, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
}

async function applyActions(
  ctx: StepContext<Inventory>,
  plan: DockerInstallPlan,
  judgement: InstallJudgement,
): Promise<void> {
  for (const action of judgement.actions) {
    if (action === 'remove-conflicts') {
      await ctx.remote.exec(removePackagesScript(plan.installer, judgement.conflicts), {
        sudo: true,
        timeoutMs: INSTALL_TIMEOUT_MS,
      });
    } else if (action === 'install') {
      await runInstall(ctx, plan);
      // Docker was not there before: `swarmlab reset --uninstall-docker` may remove it again.
      if (!judgement.installedVersion) await recordInstall(ctx.remote, plan);
    } else if (action === 'write-files') {
      // The repository files name the key prepare fetches and checks: never one without it.
      if (plan.prepare) {
        await ctx.remote.exec(plan.prepare, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
      }
      await writeFiles(ctx.remote, plan.files);
    } else {
      await ctx.remote.exec(ENABLE_DOCKER, { sudo: true });
    }
  }
}

/** Installs Docker Engine from the chosen source, pinned when a version is given. */
export const dockerInstallStep: StepDefinition<InstallProbe, Inventory> = {
  id: 'docker-install',
  title: localized('steps.docker-install.title'),
  explanation: localized('steps.docker-install.explanation'),
  waitsFor: ['preflight'],
  appliesTo: () => true,

  probe: probeHost,

  decide(probe, ctx) {
    const judgement = judgeDockerInstall(
      probe.state,
      probe.plan,
      ctx.options.docker,
      probe.currentFiles,
    );
    if (judgement.actions.length === 0) {
      const version = judgement.installedVersion;
      return {
        kind: 'ok',
        message: version
          ? localized('outcomes.docker-install.installedVersion', { version })
          : localized('outcomes.docker-install.installed'),
      };
    }
    return {
      kind: 'change',
      changes: judgement.actions.map((action) => describeAction(action, probe.plan, judgement)),
    };
  },

  async apply(ctx, probe) {
    const { plan } = probe;
    const judgement = judgeDockerInstall(probe.state, plan, ctx.options.docker, probe.currentFiles);
    const install = () => applyActions(ctx, plan, judgement);
    // Replacing a running engine (a new version pin) restarts it: on a swarm node, one node at
    // a time, drained first.
    const replacesRunningDocker =
      probe.state.active &&
      judgement.installedVersion !== undefined &&
      judgement.actions.some((action) => action === 'install' || action === 'remove-conflicts');
    if (replacesRunningDocker) await oneNodeAtATime(ctx, install);
    else await install();
  },

  async verify(ctx, probe, changed) {
    const after = changed ? await probeHost(ctx) : probe;
    const judgement = judgeDockerInstall(
      after.state,
      after.plan,
      ctx.options.docker,
      after.currentFiles,
    );
    if (!after.state.serverVersion) {
      const status = await ctx.remote.exec(
        'systemctl status docker --no-pager -l 2>&1 | tail -n 15',
        {
          sudo: true,
          allowFailure: true,
        },
      );
      throw new StepFailure(
        localized('failures.docker-install.notAnswering'),
        localized('failures.docker-install.seeJournal'),
        { status: status.stdout },
      );
    }
    if (judgement.actions.length > 0) {
      throw new StepFailure(
        localized('failures.docker-install.notAsPlanned', {
          actions: localizedClauses(
            judgement.actions.map((action) => describeAction(action, after.plan, judgement)),
          ),
        }),
      );
    }
    return {
      source: after.plan.source,
      summary: after.plan.summary.en,
      version: after.state.serverVersion,
      dockerd: after.state.dockerdPath,
      packages: after.state.packages,
    };
  },

  async preview(_host, facts, options) {
    const docker = options.docker;
    const bundle =
      docker.install === 'offline' && docker.offlineBundle
        ? await readOfflineBundle(docker.offlineBundle)
        : undefined;
    const plan = dockerInstallPlan(facts, docker, bundle);
    const uploads = plan.uploads.map(
      (upload) => `${basename(upload.localPath)} → ${upload.remotePath}`,
    );
    return {
      before: plan.prepare ? [plan.prepare] : [],
      commands: plan.install ? [plan.install] : [],
      files: plan.files,
      note:
        uploads.length > 0
          ? localized('plans.notes.dockerUploads', {
              summary: plan.summary,
              uploads: uploads.join(', '),
            })
          : plan.summary,
    };
  },
};

/** What `swarmlab reset --uninstall-docker` removes: the packages this install added. */
export interface DockerInstallRecord {
  installer: DockerInstallPlan['installer'];
  packages: string[];
}

async function recordInstall(remote: RemoteHost, plan: DockerInstallPlan): Promise<void> {
  if (!plan.enginePackage) return;
  const record: DockerInstallRecord = {
    installer: plan.installer,
    packages: plan.enginePackage === 'docker-ce' ? [...DOCKER_CE_PACKAGES] : [plan.enginePackage],
  };
  await remote.exec(`install -d -m 0700 ${shellQuote(STATE_DIR)}`, { sudo: true });
  await remote.uploadFile(DOCKER_INSTALL_RECORD, `${JSON.stringify(record)}\n`, {
    mode: 0o600,
    sudo: true,
  });
}
