/**
 * `install: offline`: the bundle copied over SFTP and installed without a repository; a folder
 * of .deb / .rpm files here, the static tarball in static.ts.
 */
import { APT } from '../../shell/package-locks';
import { shellQuote } from '../../shell/quote';
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
    throw new StepFailure('install is offline but no bundle was read', 'set docker.offlineBundle');
  }
  const staging = shellQuote(OFFLINE_STAGING_DIR);
  // World-readable: apt reads local .deb files as its sandbox user `_apt`, and fails with
  // "Permission denied" on a 0700 folder. Packages hold nothing secret.
  const prepare = script([`rm -rf ${staging}`, `install -d -m 0755 ${staging}`]);
  if (bundle.kind === 'static') return staticPlan(system, docker, bundle, prepare);

  if (bundle.format !== system.format) {
    throw new StepFailure(
      `the offline bundle holds .${bundle.format} files but ${system.label} installs .${system.format} packages`,
      `point docker.offlineBundle at a folder of .${system.format} files (or the static docker-X.Y.Z.tgz)`,
    );
  }
  const names = bundle.files.map((file) => packageNameOfFile(file.fileName));
  const enginePackage = ['docker-ce', 'docker.io', 'moby-engine'].find((name) =>
    names.includes(name),
  );
  if (!enginePackage) {
    throw new StepFailure(
      'the offline bundle holds no docker-ce, docker.io or moby-engine package',
      'add the engine package and its dependencies to the folder',
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
    summary: `${enginePackage} from ${bundle.files.length} .${bundle.format} files uploaded from this machine`,
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
