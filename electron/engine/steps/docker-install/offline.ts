/**
 * `install: offline`: the bundle copied over SFTP and installed without a repository; a folder
 * of .deb / .rpm files here, the static tarball in static.ts.
 */
import { APT } from '../../shell/package-locks';
import { shellQuote } from '../../shell/quote';
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';
import { OFFLINE_STAGING_DIR, packageNameOfFile, type OfflineBundle } from './offline-bundle';
import { CONFLICTS } from './packages';
import type { DockerInstallPlan } from './plan-shape';
import { ENABLE_DOCKER, pm, preamble, script } from './script';
import type { DockerInstallOptions } from './sources';
import { staticPlan } from './static';
import type { DockerSystem } from './system';

export function offlinePlan(
  system: DockerSystem,
  docker: DockerInstallOptions,
  bundle: OfflineBundle | undefined,
): DockerInstallPlan {
  if (!bundle) {
    throw new StepFailure(
      localized('failures.docker-install.noBundle'),
      localized('failures.docker-install.noBundleFix'),
    );
  }
  const staging = shellQuote(OFFLINE_STAGING_DIR);
  // World-readable: apt reads local .deb files as its sandbox user `_apt`, and fails with
  // "Permission denied" on a 0700 folder. Packages hold nothing secret.
  const prepare = script([`rm -rf ${staging}`, `install -d -m 0755 ${staging}`]);
  if (bundle.kind === 'static') return staticPlan(system, docker, bundle, prepare);

  if (bundle.format !== system.format) {
    throw new StepFailure(
      localized('failures.docker-install.bundleFormat', {
        bundle: bundle.format,
        label: system.label,
        format: system.format,
      }),
      localized('failures.docker-install.bundleFormatFix', { format: system.format }),
    );
  }
  const names = bundle.files.map((file) => packageNameOfFile(file.fileName));
  const enginePackage = ['docker-ce', 'docker.io', 'moby-engine'].find((name) =>
    names.includes(name),
  );
  if (!enginePackage) {
    throw new StepFailure(
      localized('failures.docker-install.noEngine'),
      localized('failures.docker-install.noEngineFix'),
    );
  }
  const remote = bundle.files.map((file) => `${OFFLINE_STAGING_DIR}/${file.fileName}`);
  const files = remote.map(shellQuote).join(' ');
  const installLine =
    system.format === 'deb'
      ? // No `apt-get update`: the host may have no network; dependencies come from the folder.
        // Recommends (git, needrestart, …) are not in it and would be fetched from the mirror.
        `${APT} install -y --no-install-recommends --allow-downgrades ${files}`
      : // Repositories the host cannot reach are skipped instead of failing the install; dnf's
        // weak dependencies would be downloaded from them like apt's Recommends.
        pm(
          system.installer,
          `install -y --setopt=skip_if_unavailable=True${system.installer === 'dnf' ? ' --setopt=install_weak_deps=False' : ''} ${files}`,
        );
  return {
    source: 'offline',
    summary: localized('plans.dockerSource.offline', {
      package: enginePackage,
      count: bundle.files.length,
      format: bundle.format,
    }),
    format: system.format,
    installer: system.installer,
    enginePackage,
    dockerdPath: enginePackage === 'docker.io' ? '/usr/sbin/dockerd' : '/usr/bin/dockerd',
    expectedVersion: docker.version,
    conflicts: CONFLICTS[enginePackage === 'docker-ce' ? 'docker-ce' : 'distro'][system.format],
    prepare,
    uploads: bundle.files.map((file, index) => ({
      localPath: file.localPath,
      remotePath: remote[index] ?? '',
    })),
    files: [],
    install: script([
      ...preamble(system.installer),
      installLine,
      ENABLE_DOCKER,
      `rm -rf ${staging}`,
    ]),
  };
}
