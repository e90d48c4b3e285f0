/**
 * Which system a host is, as Docker's repositories know it, and how it installs packages.
 */
import type { HostFacts } from '../../facts/facts';
import { localized } from '../../../shared/messages';
import { StepFailure } from '../step';

export type Format = 'deb' | 'rpm';
export type Installer = 'apt-get' | 'dnf' | 'yum';

/** How a host installs packages and where it finds docker-ce. */
export interface DockerSystem {
  format: Format;
  installer: Installer;
  /** Path of the docker-ce repository for this system: `debian`, `ubuntu`, `centos`, `fedora`. */
  repoDistro: 'debian' | 'ubuntu' | 'centos' | 'fedora';
  /** The release in the repository: a codename (bookworm) or a version (9, 40). */
  release: string;
  /** Enterprise Linux major version, for RHEL-like systems other than Fedora. */
  elVersion?: number;
  /** dpkg's name for the architecture, for the apt source line. */
  debArch?: string;
  label: string;
}

const DEB_ARCH: Readonly<Record<string, string>> = {
  x86_64: 'amd64',
  aarch64: 'arm64',
  armv7l: 'armhf',
  ppc64le: 'ppc64el',
  s390x: 's390x',
};

/** Reads the facts into the system Docker's repositories know, or says why not. */
export function dockerSystemOf(
  facts: Pick<HostFacts, 'os' | 'arch' | 'packageManager'>,
): DockerSystem {
  const { os } = facts;
  const label = os.prettyName || `${os.id} ${os.versionId}`.trim();
  if (os.id === 'debian' || os.id === 'ubuntu') {
    if (!os.codename) {
      throw new StepFailure(localized('failures.docker-install.noCodename', { os: os.id, label }));
    }
    const debArch = DEB_ARCH[facts.arch];
    return {
      format: 'deb',
      installer: 'apt-get',
      repoDistro: os.id,
      release: os.codename,
      ...(debArch ? { debArch } : {}),
      label,
    };
  }
  if (os.family === 'rhel') {
    const installer: Installer = facts.packageManager === 'yum' ? 'yum' : 'dnf';
    if (os.id === 'fedora') {
      return { format: 'rpm', installer, repoDistro: 'fedora', release: os.versionId, label };
    }
    const el = os.elVersion;
    if (el === undefined || el < 7) {
      throw new StepFailure(
        localized('failures.docker-install.unknownEl', { label }),
        localized('failures.docker-install.unknownElFix'),
      );
    }
    // CentOS 7 has no dnf; anything newer does, whatever the facts probe saw first.
    const elInstaller: Installer = el === 7 ? 'yum' : installer;
    return {
      format: 'rpm',
      installer: elInstaller,
      repoDistro: 'centos',
      release: String(el),
      elVersion: el,
      label,
    };
  }
  throw new StepFailure(
    localized('failures.docker-install.unsupported', { label }),
    localized('failures.docker-install.unsupportedFix'),
  );
}
