/**
 * Docker's static binaries (`install: offline` with docker-X.Y.Z.tgz): unpacked into
 * /usr/local/bin and run by the systemd units in units/.
 */
import { shellQuote } from '../../shell/quote';
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';
import { OFFLINE_STAGING_DIR, type OfflineBundle } from './offline-bundle';
import { CONFLICTS } from './packages';
import type { DockerInstallPlan, PlanFile } from './plan-shape';
import { script } from './script';
import type { DockerInstallOptions } from './sources';
import type { DockerSystem } from './system';
import { containerdService } from './units/containerd.service';
import { DOCKER_SOCKET } from './units/docker.socket';
import { dockerService } from './units/docker.service';
import { versionMatches } from './versions';

/** Where the static binaries go: /usr/local/bin stays clear of every package manager. */
export const STATIC_BIN_DIR = '/usr/local/bin';

const SYSTEMD_DIR = '/etc/systemd/system';

const UNIT_HEADER = '# Written by swarmlab for Docker’s static binaries (install: offline).';

/** systemd units for the static binaries, after the ones docker-ce and containerd.io ship. */
export function staticUnits(binDir: string = STATIC_BIN_DIR): PlanFile[] {
  const unit = (name: string, text: string): PlanFile => ({
    path: `${SYSTEMD_DIR}/${name}`,
    content: `${UNIT_HEADER}\n${text}`,
    mode: 0o644,
  });
  return [
    unit('containerd.service', containerdService(binDir)),
    unit('docker.socket', DOCKER_SOCKET),
    unit('docker.service', dockerService(binDir)),
  ];
}

export function staticPlan(
  system: DockerSystem,
  docker: DockerInstallOptions,
  bundle: Extract<OfflineBundle, { kind: 'static' }>,
  prepare: string,
): DockerInstallPlan {
  if (docker.version && !versionMatches(docker.version, { version: bundle.version })) {
    throw new StepFailure(
      localized('failures.docker-install.staticVersion', {
        version: docker.version,
        bundle: bundle.version,
      }),
      localized('failures.docker-install.staticVersionFix', { version: docker.version }),
    );
  }
  const tarball = shellQuote(`${OFFLINE_STAGING_DIR}/${bundle.fileName}`);
  const bin = shellQuote(STATIC_BIN_DIR);
  return {
    source: 'offline',
    summary: localized('plans.dockerSource.static', {
      version: bundle.version,
      file: bundle.fileName,
      folder: STATIC_BIN_DIR,
    }),
    format: system.format,
    installer: system.installer,
    enginePackage: undefined,
    dockerdPath: `${STATIC_BIN_DIR}/dockerd`,
    expectedVersion: bundle.version,
    conflicts: CONFLICTS.static[system.format],
    prepare,
    uploads: [
      { localPath: bundle.localPath, remotePath: `${OFFLINE_STAGING_DIR}/${bundle.fileName}` },
    ],
    files: staticUnits(),
    install: script([
      'work=$(mktemp -d)',
      `trap 'rm -rf "$work"' EXIT`,
      `tar -xzf ${tarball} -C "$work"`,
      // A running engine keeps its binaries busy; an upgrade stops it first.
      'for unit in docker.service docker.socket containerd.service; do',
      '  if systemctl is-active --quiet "$unit"; then systemctl stop "$unit"; fi',
      'done',
      'for binary in "$work"/docker/*; do',
      `  install -m 0755 "$binary" ${bin}/`,
      'done',
      // The socket unit hands /run/docker.sock to this group.
      'if ! getent group docker >/dev/null 2>&1; then groupadd --system docker; fi',
      'systemctl daemon-reload',
      'systemctl enable --now containerd.service docker.socket docker.service',
      `rm -rf ${shellQuote(OFFLINE_STAGING_DIR)}`,
    ]),
  };
}
