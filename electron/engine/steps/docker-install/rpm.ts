/**
 * Docker's docker-ce repository on Enterprise Linux (CentOS, Rocky, Alma, RHEL, …) and Fedora
 * (yum and dnf): its checked key, its repository file and the install script.
 */
import { dirname } from 'node:path';
import { commentText, repoUrl } from '../../shell/escape';
import { shellQuote } from '../../shell/quote';
import type { DockerInstallPlan } from './plan-shape';
import { checkedKeyLines, DOCKER_REPO_KEY_FINGERPRINTS, refusedKeyFix } from './repo-key';
import { ENABLE_DOCKER, pm, preamble, script } from './script';
import type { DockerInstallOptions } from './sources';
import type { DockerSystem } from './system';

const RPM_REPO = '/etc/yum.repos.d/docker-ce.repo';
/** yum and dnf read the key from here (gpgkey=file://…), never from the mirror. */
const RPM_KEY = '/etc/pki/rpm-gpg/docker-ce.gpg';

/** The yum/dnf repository file of docker-ce, with the release written out (not $releasever,
 * which is 22.03 on openEuler and 8.9 on some rebuilds: the wrong path in Docker's tree). */
export function dockerRpmRepo(system: DockerSystem, base: string): string {
  const root = `${base}/linux/${system.repoDistro}`;
  // $basearch is yum's own variable; the rest is a URL, with yum's syntax escaped.
  const tree = repoUrl(`${root}/${system.release}`, 'the Docker mirror URL');
  return [
    `# Written by swarmlab: Docker's docker-ce repository (${commentText(base)}).`,
    '[docker-ce-stable]',
    'name=Docker CE Stable - $basearch',
    `baseurl=${tree}/$basearch/stable`,
    'enabled=1',
    'gpgcheck=1',
    // The key prepare fetched and checked against Docker's fingerprint.
    `gpgkey=file://${RPM_KEY}`,
    '',
  ].join('\n');
}

/** The yum/dnf part of a docker-ce repository plan; `install` holds the package lines. */
export function rpmRepoPlan(
  system: DockerSystem,
  docker: DockerInstallOptions,
  base: string,
  install: readonly string[],
): Pick<DockerInstallPlan, 'prepare' | 'files' | 'install'> {
  return {
    prepare: script([
      ...preamble(system.installer),
      // Minimal images may lack them; rpm itself needs neither.
      'if ! command -v curl >/dev/null 2>&1 || ! command -v gpg >/dev/null 2>&1; then',
      ...pm(system.installer, 'install -y curl gnupg2')
        .split('\n')
        .map((line) => `  ${line}`),
      'fi',
      `install -m 0755 -d ${shellQuote(dirname(RPM_KEY))}`,
      ...checkedKeyLines({
        url: `${base}/linux/${system.repoDistro}/gpg`,
        keyPath: RPM_KEY,
        fingerprint: DOCKER_REPO_KEY_FINGERPRINTS.rpm,
        fix: refusedKeyFix(docker),
      }),
      // Imported now, from the checked file: yum and dnf never fetch a key themselves.
      `rpm --import ${shellQuote(RPM_KEY)}`,
    ]),
    files: [{ path: RPM_REPO, content: dockerRpmRepo(system, base), mode: 0o644 }],
    install: script([
      ...preamble(system.installer),
      pm(system.installer, 'makecache'),
      ...install,
      ENABLE_DOCKER,
    ]),
  };
}
