/**
 * `install: distro`: the distribution's own Docker package (Debian/Ubuntu `docker.io`, Fedora
 * `moby-engine`).
 */
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';
import { CONFLICTS } from './packages';
import type { DockerInstallPlan } from './plan-shape';
import { ENABLE_DOCKER, installPackagesLines, pm, preamble, script } from './script';
import type { DockerInstallOptions } from './sources';
import type { DockerSystem } from './system';

export function distroPlan(system: DockerSystem, docker: DockerInstallOptions): DockerInstallPlan {
  const pin = docker.version;
  let pkg: string;
  if (system.format === 'deb') pkg = 'docker.io';
  else if (system.repoDistro === 'fedora') pkg = 'moby-engine';
  else {
    throw new StepFailure(
      localized('failures.docker-install.noDistroPackage', { label: system.label }),
      localized('failures.docker-install.noDistroPackageFix'),
    );
  }
  const refresh = system.format === 'deb' ? 'apt_update' : pm(system.installer, 'makecache');
  return {
    source: 'distro',
    summary: localized('plans.dockerSource.distro', {
      package: `${pkg}${pin ? ` ${pin}` : ''}`,
      system: system.label,
    }),
    format: system.format,
    installer: system.installer,
    enginePackage: pkg,
    dockerdPath: system.format === 'deb' ? '/usr/sbin/dockerd' : '/usr/bin/dockerd',
    expectedVersion: pin,
    conflicts: CONFLICTS.distro[system.format],
    prepare: '',
    uploads: [],
    files: [],
    install: script([
      ...preamble(system.installer),
      refresh,
      ...installPackagesLines(system, [pkg], [pkg], pin),
      ENABLE_DOCKER,
    ]),
  };
}
