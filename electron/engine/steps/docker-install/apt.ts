/**
 * Docker's docker-ce repository on Debian and Ubuntu (apt): its checked key, its source line
 * and the install script.
 */
import { APT } from '../../shell/package-locks';
import { aptLineUri, aptWord, commentText } from '../../shell/escape';
import type { DockerInstallPlan } from './plan-shape';
import { checkedKeyLines, DOCKER_REPO_KEY_FINGERPRINTS, refusedKeyFix } from './repo-key';
import { ENABLE_DOCKER, preamble, script } from './script';
import type { DockerInstallOptions } from './sources';
import type { DockerSystem } from './system';

const APT_KEYRING = '/etc/apt/keyrings/docker.asc';
const APT_LIST = '/etc/apt/sources.list.d/docker.list';

/** The apt source line of the docker-ce repository. */
export function dockerAptList(system: DockerSystem, base: string): string {
  const arch = system.debArch ? `arch=${aptWord(system.debArch, 'the architecture')} ` : '';
  const uri = aptLineUri(`${base}/linux/${system.repoDistro}`, 'the Docker mirror URL');
  const release = aptWord(system.release, 'the release codename');
  return [
    `# Written by swarmlab: Docker's docker-ce repository (${commentText(base)}).`,
    `deb [${arch}signed-by=${APT_KEYRING}] ${uri} ${release} stable`,
    '',
  ].join('\n');
}

/** The apt part of a docker-ce repository plan; `install` holds the package lines. */
export function aptRepoPlan(
  system: DockerSystem,
  docker: DockerInstallOptions,
  base: string,
  install: readonly string[],
): Pick<DockerInstallPlan, 'prepare' | 'files' | 'install'> {
  const key = `${base}/linux/${system.repoDistro}/gpg`;
  return {
    prepare: script([
      ...preamble('apt-get'),
      // curl and the CA bundle fetch the key, gpg checks it; install them only when missing.
      'if ! command -v curl >/dev/null 2>&1 || [ ! -e /etc/ssl/certs/ca-certificates.crt ] || ! command -v gpg >/dev/null 2>&1; then',
      '  apt_update',
      `  ${APT} install -y ca-certificates curl gpg`,
      'fi',
      'install -m 0755 -d /etc/apt/keyrings',
      ...checkedKeyLines({
        url: key,
        keyPath: APT_KEYRING,
        fingerprint: DOCKER_REPO_KEY_FINGERPRINTS.deb,
        fix: refusedKeyFix(docker),
      }),
      // Docker's newer guide writes docker.sources; two definitions of one repository with
      // different keys make apt refuse both.
      'if [ -e /etc/apt/sources.list.d/docker.sources ]; then',
      '  mv -f /etc/apt/sources.list.d/docker.sources /etc/apt/sources.list.d/docker.sources.swarmlab-backup',
      'fi',
    ]),
    files: [{ path: APT_LIST, content: dockerAptList(system, base), mode: 0o644 }],
    install: script([...preamble('apt-get'), 'apt_update', ...install, ENABLE_DOCKER]),
  };
}
