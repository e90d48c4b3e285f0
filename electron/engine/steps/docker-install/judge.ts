/**
 * Deciding what a host needs, from what it has and the plan. Pure.
 */
import { localized, localizedList } from '../../../shared/messages';
import { StepFailure, type Localized } from '../step';
import type { DockerInstallPlan } from './plan-shape';
import type { DockerHostState } from './probe';
import type { DockerInstallOptions } from './sources';
import { STATIC_BIN_DIR } from './static';
import { upstreamVersion, versionMatches } from './versions';

export type InstallAction = 'remove-conflicts' | 'write-files' | 'install' | 'start';

export interface InstallJudgement {
  actions: InstallAction[];
  /** Conflicting packages found (removed only with removeConflicting). */
  conflicts: string[];
  /** The version the host runs, when known. */
  installedVersion: string | undefined;
}

/**
 * What the host needs, from its state and the plan. Pure. Throws StepFailure when the host
 * holds conflicting packages and the user did not allow removing them, or when skip finds
 * no Docker.
 */
export function judgeDockerInstall(
  state: DockerHostState,
  plan: DockerInstallPlan,
  options: Pick<DockerInstallOptions, 'removeConflicting' | 'version'>,
  currentFiles: readonly (string | null)[],
): InstallJudgement {
  const packageVersion = plan.enginePackage
    ? state.packages.find((pkg) => pkg.name === plan.enginePackage)?.version
    : state.packages.find((pkg) => ['docker-ce', 'docker.io', 'moby-engine'].includes(pkg.name))
        ?.version;
  const installedVersion =
    state.serverVersion ??
    state.binaryVersion ??
    (packageVersion && upstreamVersion(packageVersion));
  const present = plan.enginePackage
    ? packageVersion !== undefined
    : plan.source === 'skip'
      ? state.dockerdPath !== undefined
      : state.dockerdPath === plan.dockerdPath;

  if (plan.source === 'skip') {
    if (!present) {
      throw new StepFailure(
        localized('failures.docker-install.skipNotInstalled'),
        localized('failures.docker-install.skipNotInstalledFix'),
      );
    }
    if (
      options.version &&
      !versionMatches(options.version, { version: installedVersion, packageVersion })
    ) {
      throw new StepFailure(
        localized('failures.docker-install.skipVersion', {
          installed: installedVersion ?? localized('failures.docker-install.unknownVersion'),
          pinned: options.version,
        }),
        localized('failures.docker-install.skipVersionFix'),
      );
    }
    return { actions: state.active ? [] : ['start'], conflicts: [], installedVersion };
  }

  const conflicts = state.packages
    .map((pkg) => pkg.name)
    .filter((name) => plan.conflicts.includes(name));
  if (plan.enginePackage && state.dockerdPath === `${STATIC_BIN_DIR}/dockerd`) {
    // PATH puts /usr/local/bin first: the packaged engine would never be the one that runs.
    throw new StepFailure(
      localized('failures.docker-install.staticShadows', {
        dir: STATIC_BIN_DIR,
        package: plan.enginePackage,
      }),
      localized('failures.docker-install.staticShadowsFix', { dir: STATIC_BIN_DIR }),
    );
  }
  if (conflicts.length > 0 && !options.removeConflicting) {
    throw new StepFailure(
      localized('failures.docker-install.conflicts', {
        summary: plan.summary,
        packages: localizedList(conflicts),
      }),
      localized('failures.docker-install.conflictsFix'),
    );
  }

  const versionOk =
    !plan.expectedVersion ||
    versionMatches(plan.expectedVersion, {
      version: plan.enginePackage
        ? (state.serverVersion ?? state.binaryVersion)
        : state.binaryVersion,
      packageVersion,
    });
  const filesOk = plan.files.every((file, index) => currentFiles[index] === file.content);
  const actions: InstallAction[] = [];
  if (conflicts.length > 0) actions.push('remove-conflicts');
  if (!present || !versionOk || conflicts.length > 0) {
    actions.push('install');
  } else {
    // Static units changed: reinstall, which reloads systemd; a repository file just changes.
    if (!filesOk) actions.push(plan.enginePackage ? 'write-files' : 'install');
    if (!state.active && !actions.includes('install')) actions.push('start');
  }
  return { actions, conflicts, installedVersion };
}

export function describeAction(
  action: InstallAction,
  plan: DockerInstallPlan,
  judgement: InstallJudgement,
): Localized {
  switch (action) {
    case 'remove-conflicts':
      return localized('outcomes.docker-install.removeConflicts', {
        packages: localizedList(judgement.conflicts),
      });
    case 'write-files':
      return localized('outcomes.docker-install.writeFiles', {
        paths: localizedList(plan.files.map((file) => file.path)),
      });
    case 'install':
      return judgement.installedVersion
        ? localized('outcomes.docker-install.replace', {
            installed: judgement.installedVersion,
            wanted: plan.summary,
          })
        : localized('outcomes.docker-install.install', { wanted: plan.summary });
    case 'start':
      return localized('outcomes.docker-install.start');
  }
}
