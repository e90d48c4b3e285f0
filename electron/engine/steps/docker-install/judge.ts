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
        'Docker is not installed and docker.install is skip',
        'install Docker on this host first, or choose docker.install: official, mirror, distro or offline',
      );
    }
    if (
      options.version &&
      !versionMatches(options.version, { version: installedVersion, packageVersion })
    ) {
      throw new StepFailure(
        `the host runs Docker ${installedVersion ?? '(unknown version)'} but docker.version pins ${options.version}`,
        'remove docker.version, or choose an install source so swarmlab installs the pinned version',
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
      `Docker’s static binaries are installed in ${STATIC_BIN_DIR} and would shadow ${plan.enginePackage}`,
      `stop docker and remove ${STATIC_BIN_DIR}/dockerd, docker, containerd* , ctr, runc, docker-init, docker-proxy and their units in /etc/systemd/system, or keep docker.install: offline`,
    );
  }
  if (conflicts.length > 0 && !options.removeConflicting) {
    throw new StepFailure(
      `packages that conflict with ${plan.summary} are installed: ${conflicts.join(', ')}`,
      'remove them yourself, or set docker.removeConflicting: true to let swarmlab remove them (images and volumes in /var/lib/docker are kept)',
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
