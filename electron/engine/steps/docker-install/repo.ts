/**
 * `install: official` and `install: mirror`: Docker's docker-ce repository, from
 * download.docker.com or a mirror, pinned when a version is given. The apt and yum/dnf halves
 * live in apt.ts and rpm.ts.
 */
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';
import { aptRepoPlan } from './apt';
import { CONFLICTS, DOCKER_CE_PACKAGES } from './packages';
import type { DockerInstallPlan } from './plan-shape';
import { rpmRepoPlan } from './rpm';
import { installPackagesLines } from './script';
import { CENTOS7_LAST_DOCKER, dockerRepoBase, type DockerInstallOptions } from './sources';
import type { DockerSystem } from './system';
import { majorMinor } from './versions';

export function repoPlan(system: DockerSystem, docker: DockerInstallOptions): DockerInstallPlan {
  const base = dockerRepoBase(docker);
  const pin = docker.version;
  if (system.elVersion === 7 && pin) {
    const [major, minor] = majorMinor(pin);
    const { major: lastMajor, minor: lastMinor } = CENTOS7_LAST_DOCKER;
    if (major > lastMajor || (major === lastMajor && minor > lastMinor)) {
      throw new StepFailure(
        localized('failures.docker-install.centos7', { pin, last: `${lastMajor}.${lastMinor}` }),
        localized('failures.docker-install.centos7Fix', { last: `${lastMajor}.${lastMinor}` }),
      );
    }
  }
  const install = installPackagesLines(
    system,
    DOCKER_CE_PACKAGES,
    ['docker-ce', 'docker-ce-cli'],
    pin,
  );
  const common = {
    source: docker.install,
    summary: localized('plans.dockerSource.repo', {
      pin: pin ? ` ${pin}` : '',
      base,
      system: `${system.repoDistro} ${system.release}`,
    }),
    format: system.format,
    installer: system.installer,
    enginePackage: 'docker-ce',
    dockerdPath: '/usr/bin/dockerd',
    expectedVersion: pin,
    conflicts: CONFLICTS['docker-ce'][system.format],
    uploads: [],
  };
  const family =
    system.format === 'deb'
      ? aptRepoPlan(system, docker, base, install)
      : rpmRepoPlan(system, docker, base, install);
  return { ...common, ...family };
}
