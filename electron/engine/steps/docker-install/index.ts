/**
 * Installs Docker Engine, idempotently, from the source the inventory names:
 *
 * - `official`: Docker's docker-ce repository (download.docker.com);
 * - `mirror`: the same repository from a mirror (Aliyun, TUNA, USTC, Azure China or a URL);
 * - `distro`: the distribution's own package (Debian/Ubuntu `docker.io`, Fedora `moby-engine`);
 * - `offline`: a bundle on the operator's machine, copied over SFTP: Docker's static binary
 *   tarball (`docker-X.Y.Z.tgz`) or a folder of `.deb` / `.rpm` files;
 * - `skip`: Docker is already there; only check it (and start it when it is stopped).
 *
 * Everything a host receives is built by pure functions below (`dockerInstallPlan`,
 * `dockerInstallScript`, …) so golden tests pin every script for every supported system.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import type { HostFacts } from '../../facts/facts';
import type { DockerOptions, Inventory } from '../../inventory/schema';
import { APT, APT_UPDATE_FUNCTION, YUM_WAIT_FUNCTION } from '../../shell/package-locks';
import {
  aptLineUri,
  aptWord,
  awkEnvironment,
  commentText,
  ereLiteral,
  heredocDelimiter,
  repoUrl,
  systemdCommandLine,
} from '../../shell/escape';
import { shellQuote } from '../../shell/quote';
import { factsOf } from '../preflight';
import { StepFailure, type RemoteHost, type StepContext, type StepDefinition } from '../step';

// ---------------------------------------------------------------------------------------
// Sources

export const DOCKER_OFFICIAL_BASE = 'https://download.docker.com';

/** docker-ce mirrors that users in China reach fastest; each mirrors download.docker.com. */
export const DOCKER_CE_MIRRORS: Readonly<Record<string, string>> = {
  aliyun: 'https://mirrors.aliyun.com/docker-ce',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn/docker-ce',
  ustc: 'https://mirrors.ustc.edu.cn/docker-ce',
  azure: 'https://mirror.azure.cn/docker-ce',
};

/** The options this step reads; `offlineBundle` is read from disk separately. */
export type DockerInstallOptions = Pick<
  DockerOptions,
  'install' | 'mirror' | 'version' | 'removeConflicting'
>;

/** CentOS 7's docker-ce repository stopped at 26.1: newer pins cannot be installed there. */
export const CENTOS7_LAST_DOCKER = { major: 26, minor: 1 } as const;

/** The base URL of the docker-ce repository (without `/linux/…`), for official and mirror. */
export function dockerRepoBase(docker: Pick<DockerOptions, 'install' | 'mirror'>): string {
  if (docker.install !== 'mirror') return DOCKER_OFFICIAL_BASE;
  const mirror = docker.mirror ?? '';
  return (DOCKER_CE_MIRRORS[mirror] ?? mirror).replace(/\/+$/, '');
}

// ---------------------------------------------------------------------------------------
// Offline bundles

/** Where bundle files wait on the host between upload and install. */
export const OFFLINE_STAGING_DIR = '/var/tmp/swarmlab-docker-offline';

/** Where the static binaries go: /usr/local/bin stays clear of every package manager. */
export const STATIC_BIN_DIR = '/usr/local/bin';

/** An offline bundle, as found on the operator's machine. */
export type OfflineBundle =
  | { kind: 'static'; localPath: string; fileName: string; version: string }
  | { kind: 'packages'; format: 'deb' | 'rpm'; files: { localPath: string; fileName: string }[] };

const STATIC_TARBALL = /^docker-(\d+\.\d+\.\d+(?:-[A-Za-z0-9.]+)?)\.(?:tgz|tar\.gz)$/;
/**
 * Package file names travel into scripts (quoted); refuse anything odd all the same. `%` is
 * there because apt and `apt-get download` write an epoch's colon as `%3a` (git_1%3a2.39…).
 */
const PACKAGE_FILE = /^[A-Za-z0-9][A-Za-z0-9._+~:%-]*\.(deb|rpm)$/;

function expandHome(path: string): string {
  return path === '~' || path.startsWith('~/') ? join(homedir(), path.slice(1)) : path;
}

/**
 * Reads what the offline bundle path holds: a `docker-X.Y.Z.tgz` file (or a folder holding one
 * and nothing else Docker-like), or a folder of `.deb` or `.rpm` files.
 */
export async function readOfflineBundle(path: string): Promise<OfflineBundle> {
  const localPath = expandHome(path);
  const info = await stat(localPath).catch(() => undefined);
  if (!info) {
    throw new StepFailure(
      `the offline bundle ${path} does not exist on this machine`,
      'set docker.offlineBundle to a docker-X.Y.Z.tgz file or a folder of .deb/.rpm files',
    );
  }
  if (info.isFile()) return staticBundle(localPath);
  const names = (await readdir(localPath)).sort();
  const packages = names.filter((name) => PACKAGE_FILE.test(name));
  // A package left out silently would surface later as a puzzling missing dependency.
  const odd = names.filter((name) => /\.(deb|rpm)$/.test(name) && !PACKAGE_FILE.test(name));
  if (odd.length > 0) {
    throw new StepFailure(
      `the offline bundle ${path} holds package files with unexpected names: ${odd.join(', ')}`,
      'keep the names the packages were downloaded with (letters, digits and . _ + ~ : % -)',
    );
  }
  const formats = new Set(packages.map((name) => (name.endsWith('.deb') ? 'deb' : 'rpm')));
  if (formats.size > 1) {
    throw new StepFailure(
      `the offline bundle ${path} mixes .deb and .rpm files`,
      'keep one folder per package format',
    );
  }
  const [format] = [...formats];
  if (format) {
    return {
      kind: 'packages',
      format,
      files: packages.map((fileName) => ({ localPath: join(localPath, fileName), fileName })),
    };
  }
  const tarballs = names.filter((name) => STATIC_TARBALL.test(name));
  if (tarballs.length === 1 && tarballs[0]) return staticBundle(join(localPath, tarballs[0]));
  throw new StepFailure(
    `the offline bundle ${path} holds no .deb or .rpm files and no single docker-X.Y.Z.tgz`,
    'download the static tarball from download.docker.com/linux/static/stable/ or the packages for the hosts’ system into that folder',
  );
}

function staticBundle(localPath: string): OfflineBundle {
  const fileName = basename(localPath);
  const match = STATIC_TARBALL.exec(fileName);
  if (!match?.[1]) {
    throw new StepFailure(
      `${fileName} is not named like Docker's static tarball (docker-X.Y.Z.tgz)`,
      'keep the name it had on download.docker.com/linux/static/stable/<arch>/',
    );
  }
  return { kind: 'static', localPath, fileName, version: match[1] };
}

/** The package name in a .deb (`name_version_arch.deb`) or .rpm (`name-version-release.arch.rpm`). */
export function packageNameOfFile(fileName: string): string {
  if (fileName.endsWith('.deb')) return fileName.split('_')[0] ?? fileName;
  return /^(.+)-[^-]+-[^-]+\.[^.]+\.rpm$/.exec(fileName)?.[1] ?? fileName;
}

// ---------------------------------------------------------------------------------------
// Versions

/** The upstream part of a package version: `5:24.0.7-1~debian.12~bookworm` → `24.0.7`. */
export function upstreamVersion(version: string): string {
  return version.replace(/^\d+:/, '').split(/[-~+]/)[0] ?? version;
}

/** True for a full package version (`5:24.0.7-1~…`, `3:24.0.7-1.el9`) rather than `24.0.7`. */
function isPackageVersion(pin: string): boolean {
  return /^\d+:/.test(pin) || pin.includes('-');
}

/**
 * Whether what the host runs satisfies the pin. `24.0` accepts 24.0.9; `20.10.24` accepts
 * Debian's `20.10.24+dfsg1`; a full package version must equal the installed package's.
 */
export function versionMatches(
  pin: string,
  installed: { version?: string | undefined; packageVersion?: string | undefined },
): boolean {
  if (isPackageVersion(pin)) {
    const strip = (value: string) => value.replace(/^\d+:/, '');
    return installed.packageVersion !== undefined && strip(installed.packageVersion) === strip(pin);
  }
  const actual = installed.version ?? installed.packageVersion;
  if (actual === undefined) return false;
  const upstream = upstreamVersion(actual);
  return upstream === pin || upstream.startsWith(`${pin}.`);
}

/** An extended regular expression that finds the pin in a list of package versions. */
export function pinPattern(pin: string): string {
  return `^([0-9]+:)?${ereLiteral(pin, 'docker.version')}([-~+.]|$)`;
}

function majorMinor(version: string): [number, number] {
  const [major = '0', minor = '0'] = upstreamVersion(version).split('.');
  return [Number.parseInt(major, 10), Number.parseInt(minor, 10)];
}

// ---------------------------------------------------------------------------------------
// Which system, which packages

type Format = 'deb' | 'rpm';
type Installer = 'apt-get' | 'dnf' | 'yum';

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
      throw new StepFailure(`cannot tell which ${os.id} release ${label} is (no VERSION_CODENAME)`);
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
        `cannot tell which Enterprise Linux version ${label} corresponds to`,
        'Docker’s CentOS repository serves EL 7 to 10; use install: offline with packages built for this system',
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
    `installing Docker on ${label} is not supported`,
    'install Docker yourself and set docker.install: skip',
  );
}

/** The packages of a docker-ce install; swarm needs the engine, its CLI and containerd. */
const DOCKER_CE_PACKAGES = ['docker-ce', 'docker-ce-cli', 'containerd.io'];

/**
 * Packages that must go before each kind of install, as Docker's install guides list them
 * (plus the other engine flavours). Only these names are ever removed, and only when the
 * user set docker.removeConflicting.
 */
const CONFLICTS = {
  'docker-ce': {
    deb: [
      'docker.io',
      'docker-doc',
      'docker-compose',
      'docker-compose-v2',
      'podman-docker',
      'containerd',
      'runc',
      'docker-engine',
    ],
    rpm: [
      'docker',
      'docker-client',
      'docker-client-latest',
      'docker-common',
      'docker-latest',
      'docker-latest-logrotate',
      'docker-logrotate',
      'docker-selinux',
      'docker-engine-selinux',
      'docker-engine',
      'podman-docker',
      'moby-engine',
      'runc',
    ],
  },
  distro: {
    deb: ['docker-ce', 'docker-ce-cli', 'containerd.io', 'docker-engine', 'podman-docker'],
    rpm: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker',
      'docker-engine',
      'podman-docker',
    ],
  },
  static: {
    deb: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker.io',
      'docker-engine',
      'podman-docker',
      'containerd',
    ],
    rpm: [
      'docker-ce',
      'docker-ce-cli',
      'containerd.io',
      'docker',
      'moby-engine',
      'docker-engine',
      'podman-docker',
    ],
  },
} as const;

/** Every package name the probe asks about on a system of this format. */
export function packagesToProbe(format: Format): string[] {
  const names = new Set<string>([
    'docker-ce',
    'docker-ce-cli',
    'containerd.io',
    'docker.io',
    'moby-engine',
  ]);
  for (const kind of Object.values(CONFLICTS)) for (const name of kind[format]) names.add(name);
  return [...names].sort();
}

// ---------------------------------------------------------------------------------------
// The plan: what a host receives

/** A file the step writes whole (over SFTP, atomically). */
export interface PlanFile {
  path: string;
  content: string;
  mode: number;
}

/** A file copied from the operator's machine. */
export interface PlanUpload {
  localPath: string;
  remotePath: string;
}

export interface DockerInstallPlan {
  source: DockerOptions['install'];
  /** One line for people: what is installed from where. */
  summary: string;
  format: Format;
  installer: Installer;
  /** The package whose presence means "Docker is installed from this source" (none for static). */
  enginePackage: string | undefined;
  /** Where dockerd lives after this install. */
  dockerdPath: string;
  /** The version a host must run afterwards: the pin, or the static tarball's own version. */
  expectedVersion: string | undefined;
  /** Installed packages from this list block the install. */
  conflicts: readonly string[];
  /** Runs first: prerequisites, the repository key, the staging folder. Empty when none. */
  prepare: string;
  uploads: PlanUpload[];
  files: PlanFile[];
  /** Installs and starts Docker. Empty for skip. */
  install: string;
}

const APT_KEYRING = '/etc/apt/keyrings/docker.asc';
const APT_LIST = '/etc/apt/sources.list.d/docker.list';
const RPM_REPO = '/etc/yum.repos.d/docker-ce.repo';
/** yum and dnf read the key from here (gpgkey=file://…), never from the mirror. */
const RPM_KEY = '/etc/pki/rpm-gpg/docker-ce.gpg';
const SYSTEMD_DIR = '/etc/systemd/system';

const ENABLE_DOCKER = 'systemctl enable --now docker';

function script(lines: readonly string[]): string {
  return ['set -eu', ...lines].join('\n') + '\n';
}

/** A package manager command, waiting for the lock its own way. */
function pm(installer: Installer, args: string): string {
  if (installer === 'apt-get') return `${APT} ${args}`;
  if (installer === 'yum') return `yum_wait\nyum ${args}`;
  return `dnf ${args}`;
}

function preamble(installer: Installer): string[] {
  if (installer === 'apt-get')
    return ['export DEBIAN_FRONTEND=noninteractive', APT_UPDATE_FUNCTION];
  if (installer === 'yum') return [YUM_WAIT_FUNCTION];
  return [];
}

/**
 * Finds the newest version of `pkg` matching the pin in the enabled repositories, into
 * `$version`, or stops listing what the repositories do have.
 */
function resolvePinLines(system: DockerSystem, pkg: string, pin: string): string[] {
  const list =
    system.format === 'deb'
      ? `apt-cache madison ${shellQuote(pkg)} | awk '{print $3}'`
      : // The prefix reaches awk through its environment: -v would read backslash escapes in it.
        `${system.installer} list --showduplicates --quiet ${shellQuote(pkg)} 2>/dev/null | ${awkEnvironment({ prefix: `${pkg}.` })} awk 'index($1, ENVIRON["prefix"]) == 1 {print $2}'`;
  // apt-cache lists newest first; yum and dnf oldest first.
  const newest = system.format === 'deb' ? 'head -n 1' : 'sort -V | tail -n 1';
  const message = `${pkg} ${pin} is not in the enabled repositories. Versions they have:`;
  return [
    ...(system.installer === 'yum' ? ['yum_wait'] : []),
    `version=$(${list} | grep -E ${shellQuote(pinPattern(pin))} | ${newest})`,
    'if [ -z "$version" ]; then',
    `  echo ${shellQuote(message)} >&2`,
    `  ${list} | sort -u | tail -n 20 >&2`,
    '  exit 1',
    'fi',
  ];
}

/** `pkg=$version` for apt, `pkg-$version` for yum and dnf. */
function pinned(system: DockerSystem, pkg: string): string {
  return system.format === 'deb' ? `"${pkg}=$version"` : `"${pkg}-$version"`;
}

function installPackagesLines(
  system: DockerSystem,
  packages: readonly string[],
  pinnedPackages: readonly string[],
  pin: string | undefined,
): string[] {
  const first = pinnedPackages[0];
  if (!pin || !first) {
    return [pm(system.installer, `install -y ${packages.map(shellQuote).join(' ')}`)];
  }
  const words = packages.map((pkg) =>
    pinnedPackages.includes(pkg) ? pinned(system, pkg) : shellQuote(pkg),
  );
  // A pin may be older than what is installed: apt goes down only when told; dnf and yum
  // downgrade by themselves when given an explicit older version.
  const downgrade = system.format === 'deb' ? ' --allow-downgrades' : '';
  return [
    ...resolvePinLines(system, first, pin),
    pm(system.installer, `install -y${downgrade} ${words.join(' ')}`),
  ];
}

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

/**
 * The primary-key fingerprints of Docker's repository signing keys, as Docker's install guides
 * publish them (docs.docker.com/engine/install/debian and /centos). Mirrors serve the same
 * files; a key with any other fingerprint is refused before anything trusts it.
 */
export const DOCKER_REPO_KEY_FINGERPRINTS: Readonly<Record<Format, string>> = {
  deb: '9DC858229FC7DD38854AE2D88D81803C0EBFCD88',
  rpm: '060A61C51B558A7F742B77AAC52FEB6B621E9F35',
};

/** A repository signing key to download and install only if it is the pinned one. */
export interface CheckedKeyDownload {
  url: string;
  /** Where the key goes once checked; it is downloaded next to it first. */
  keyPath: string;
  /** The one primary-key fingerprint the file may hold (40 hex digits). */
  fingerprint: string;
  /** What to do when the key is refused, for the message. */
  fix: string;
}

/**
 * Shell lines that download a key to a temporary file, read its primary-key fingerprints with
 * gpg (in a throwaway home, so root's keyring is untouched) and move it to `keyPath` only when
 * the file holds exactly the pinned key. Subkeys need no pin: gpg and apt accept a subkey only
 * with a binding signature made by its primary key.
 */
export function checkedKeyLines(key: CheckedKeyDownload): string[] {
  if (!/^[0-9A-F]{40}$/.test(key.fingerprint)) {
    throw new TypeError(
      `checkedKeyLines: ${key.fingerprint} is not a 40-digit uppercase fingerprint`,
    );
  }
  const temporary = shellQuote(`${key.keyPath}.swarmlab-tmp`);
  const gpg = `gpg --homedir "$gnupg_home" --batch --with-colons`;
  const message =
    'swarmlab: refused the repository signing key from %s: its fingerprint is %s, but Docker publishes %s. Nothing was trusted. %s\\n';
  return [
    `curl -fsSL ${shellQuote(key.url)} -o ${temporary}`,
    'gnupg_home=$(mktemp -d)',
    // gpg 2.0 (CentOS 7) has no --show-keys; given only a file, it lists the keys in it.
    `seen=$({ ${gpg} --show-keys ${temporary} 2>/dev/null || ${gpg} --with-fingerprint ${temporary} 2>/dev/null; } | awk -F: '$1 == "pub" {primary = 1; next} primary && $1 == "fpr" {printf "%s%s", sep, $10; sep = " "; primary = 0}')`,
    'rm -rf "$gnupg_home"',
    `if [ "$seen" != ${key.fingerprint} ]; then`,
    `  rm -f ${temporary}`,
    `  printf ${shellQuote(message)} ${shellQuote(key.url)} "\${seen:-none (not an OpenPGP key)}" ${key.fingerprint} ${shellQuote(key.fix)} >&2`,
    '  exit 1',
    'fi',
    `chmod 0644 ${temporary}`,
    `mv -f ${temporary} ${shellQuote(key.keyPath)}`,
  ];
}

/** What to do when the repository's key is not Docker's: depends on who served it. */
function refusedKeyFix(docker: Pick<DockerOptions, 'install' | 'mirror'>): string {
  // Plain ASCII: the message travels in a shell word, where shellcheck flags curly quotes.
  return docker.install === 'mirror'
    ? 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.'
    : 'Something between this host and download.docker.com (a proxy?) served another key: check the network path of this host.';
}

function repoPlan(system: DockerSystem, docker: DockerInstallOptions): DockerInstallPlan {
  const base = dockerRepoBase(docker);
  const pin = docker.version;
  if (system.elVersion === 7 && pin) {
    const [major, minor] = majorMinor(pin);
    const { major: lastMajor, minor: lastMinor } = CENTOS7_LAST_DOCKER;
    if (major > lastMajor || (major === lastMajor && minor > lastMinor)) {
      throw new StepFailure(
        `Docker ${pin} is not built for CentOS 7: its docker-ce repository ends at ${lastMajor}.${lastMinor}`,
        `pin docker.version to "${lastMajor}.${lastMinor}" or older, or move the host to EL 8 or 9`,
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
    summary: `docker-ce${pin ? ` ${pin}` : ''} from ${base} (${system.repoDistro} ${system.release})`,
    format: system.format,
    installer: system.installer,
    enginePackage: 'docker-ce',
    dockerdPath: '/usr/bin/dockerd',
    expectedVersion: pin,
    conflicts: CONFLICTS['docker-ce'][system.format],
    uploads: [],
  };
  if (system.format === 'deb') {
    const key = `${base}/linux/${system.repoDistro}/gpg`;
    return {
      ...common,
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
  return {
    ...common,
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

function distroPlan(system: DockerSystem, docker: DockerInstallOptions): DockerInstallPlan {
  const pin = docker.version;
  let pkg: string;
  if (system.format === 'deb') pkg = 'docker.io';
  else if (system.repoDistro === 'fedora') pkg = 'moby-engine';
  else {
    throw new StepFailure(
      `${system.label} ships no Docker package of its own`,
      'set docker.install: mirror (with docker.mirror: aliyun, tuna, ustc or azure) or docker.install: official',
    );
  }
  const refresh = system.format === 'deb' ? 'apt_update' : pm(system.installer, 'makecache');
  return {
    source: 'distro',
    summary: `${pkg}${pin ? ` ${pin}` : ''} from the distribution’s repositories (${system.label})`,
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

function offlinePlan(
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

const UNIT_HEADER = '# Written by swarmlab for Docker’s static binaries (install: offline).';

/** systemd units for the static binaries, after the ones docker-ce and containerd.io ship. */
export function staticUnits(binDir: string = STATIC_BIN_DIR): PlanFile[] {
  const unit = (name: string, lines: string[]): PlanFile => ({
    path: `${SYSTEMD_DIR}/${name}`,
    content: [UNIT_HEADER, ...lines, ''].join('\n'),
    mode: 0o644,
  });
  return [
    unit('containerd.service', [
      '[Unit]',
      'Description=containerd container runtime',
      'Documentation=https://containerd.io',
      'After=network.target local-fs.target',
      '',
      '[Service]',
      'ExecStartPre=-/sbin/modprobe overlay',
      `ExecStart=${systemdCommandLine([`${binDir}/containerd`])}`,
      'Type=notify',
      'Delegate=yes',
      'KillMode=process',
      'Restart=always',
      'RestartSec=5',
      'LimitNPROC=infinity',
      'LimitCORE=infinity',
      'TasksMax=infinity',
      'OOMScoreAdjust=-999',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
    ]),
    unit('docker.socket', [
      '[Unit]',
      'Description=Docker Socket for the API',
      '',
      '[Socket]',
      'ListenStream=/run/docker.sock',
      'SocketMode=0660',
      'SocketUser=root',
      'SocketGroup=docker',
      '',
      '[Install]',
      'WantedBy=sockets.target',
    ]),
    unit('docker.service', [
      '[Unit]',
      'Description=Docker Application Container Engine',
      'Documentation=https://docs.docker.com',
      'After=network-online.target docker.socket firewalld.service containerd.service time-set.target',
      'Wants=network-online.target containerd.service',
      'Requires=docker.socket',
      '',
      '[Service]',
      'Type=notify',
      `ExecStart=${systemdCommandLine([`${binDir}/dockerd`, '-H', 'fd://', '--containerd=/run/containerd/containerd.sock'])}`,
      'ExecReload=/bin/kill -s HUP $MAINPID',
      'TimeoutStartSec=0',
      'RestartSec=2',
      'Restart=always',
      'StartLimitBurst=3',
      'StartLimitInterval=60s',
      'LimitNPROC=infinity',
      'LimitCORE=infinity',
      'TasksMax=infinity',
      'Delegate=yes',
      'KillMode=process',
      'OOMScoreAdjust=-500',
      '',
      '[Install]',
      'WantedBy=multi-user.target',
    ]),
  ];
}

function staticPlan(
  system: DockerSystem,
  docker: DockerInstallOptions,
  bundle: Extract<OfflineBundle, { kind: 'static' }>,
  prepare: string,
): DockerInstallPlan {
  if (docker.version && !versionMatches(docker.version, { version: bundle.version })) {
    throw new StepFailure(
      `docker.version is ${docker.version} but the offline bundle is Docker ${bundle.version}`,
      `remove docker.version or use docker-${docker.version}.tgz`,
    );
  }
  const tarball = shellQuote(`${OFFLINE_STAGING_DIR}/${bundle.fileName}`);
  const bin = shellQuote(STATIC_BIN_DIR);
  return {
    source: 'offline',
    summary: `Docker ${bundle.version} static binaries (${bundle.fileName}) into ${STATIC_BIN_DIR}`,
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

function skipPlan(system: DockerSystem): DockerInstallPlan {
  return {
    source: 'skip',
    summary: 'Docker installed beforehand (install: skip)',
    format: system.format,
    installer: system.installer,
    enginePackage: undefined,
    dockerdPath: '',
    expectedVersion: undefined,
    conflicts: [],
    prepare: '',
    uploads: [],
    files: [],
    install: '',
  };
}

/**
 * What to send to a host to install Docker from the chosen source. Pure; throws StepFailure
 * (with the fix) for combinations that cannot work.
 */
export function dockerInstallPlan(
  facts: Pick<HostFacts, 'os' | 'arch' | 'packageManager'>,
  docker: DockerInstallOptions,
  bundle?: OfflineBundle,
): DockerInstallPlan {
  const system = dockerSystemOf(facts);
  switch (docker.install) {
    case 'official':
    case 'mirror':
      return repoPlan(system, docker);
    case 'distro':
      return distroPlan(system, docker);
    case 'offline':
      return offlinePlan(system, docker, bundle);
    case 'skip':
      return skipPlan(system);
  }
}

/** Removes the given packages (names from the plan's conflict list only). */
export function removePackagesScript(installer: Installer, packages: readonly string[]): string {
  const names = packages.map(shellQuote).join(' ');
  // Images and volumes in /var/lib/docker stay: package removal leaves them alone.
  return script([...preamble(installer), pm(installer, `remove -y ${names}`)]);
}

/**
 * The whole install as one standalone script, in the order the step runs it: the form the
 * golden tests pin and the one a person can read (or run by hand) to reproduce the step.
 * Files the step writes over SFTP appear as here-documents; uploads as comments.
 */
export function dockerInstallScript(plan: DockerInstallPlan): string {
  const body = (text: string) => text.replace(/^set -eu\n/, '');
  const parts = ['#!/bin/sh', `# swarmlab docker-install: ${commentText(plan.summary)}`, 'set -eu'];
  if (plan.prepare) parts.push('', '# -- prepare', body(plan.prepare).trimEnd());
  if (plan.uploads.length > 0) {
    parts.push('', '# -- copied over SFTP from this machine:');
    for (const upload of plan.uploads) {
      parts.push(`#    ${commentText(`${basename(upload.localPath)} -> ${upload.remotePath}`)}`);
    }
  }
  for (const file of plan.files) {
    const mode = file.mode.toString(8).padStart(4, '0');
    const body = file.content.trimEnd();
    // A line equal to the delimiter would end the document early; the rest would run.
    const delimiter = heredocDelimiter(body);
    parts.push(
      '',
      `# -- written over SFTP (mode ${mode})`,
      `cat > ${shellQuote(file.path)} <<'${delimiter}'`,
      body,
      delimiter,
      `chmod ${mode} ${shellQuote(file.path)}`,
    );
  }
  if (plan.install) parts.push('', '# -- install', body(plan.install).trimEnd());
  return parts.join('\n') + '\n';
}

// ---------------------------------------------------------------------------------------
// Probe

export interface InstalledPackage {
  name: string;
  version: string;
}

/** What the host has now. */
export interface DockerHostState {
  packages: InstalledPackage[];
  /** `command -v dockerd` */
  dockerdPath: string | undefined;
  /** From `dockerd --version`, without a running daemon. */
  binaryVersion: string | undefined;
  /** From `docker version`, when the daemon answers. */
  serverVersion: string | undefined;
  active: boolean;
}

/** Reads package state, binary and daemon in one round trip; changes nothing. */
export function dockerProbeScript(format: Format): string {
  const names = packagesToProbe(format).map(shellQuote).join(' ');
  const packages =
    format === 'deb'
      ? [
          '# shellcheck disable=SC2016 # dpkg-query expands ${…} itself',
          `dpkg-query -W -f='pkg \${db:Status-Abbrev} \${Package} \${Version}\\n' ${names} 2>/dev/null`,
        ]
      : [
          `rpm -q --qf 'pkg ii %{NAME} %|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\\n' ${names} 2>/dev/null | grep '^pkg '`,
        ];
  return [
    'set +e',
    'LC_ALL=C',
    'export LC_ALL',
    ...packages,
    'echo "dockerd=$(command -v dockerd 2>/dev/null)"',
    'echo "binary=$(dockerd --version 2>/dev/null)"',
    `echo "server=$(docker version --format '{{.Server.Version}}' 2>/dev/null)"`,
    'echo "active=$(systemctl is-active docker 2>/dev/null)"',
    'exit 0',
    '',
  ].join('\n');
}

/** Parses the probe's output. dpkg's status `ii` (or `hi`, held) means installed. */
export function parseDockerProbe(output: string): DockerHostState {
  const packages: InstalledPackage[] = [];
  const values = new Map<string, string>();
  for (const line of output.split('\n')) {
    const words = line.trim().split(/\s+/);
    if (words[0] === 'pkg') {
      const [, status = '', name = '', version = ''] = words;
      if (status[1] === 'i' && name) packages.push({ name, version });
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) values.set(line.slice(0, equals), line.slice(equals + 1).trim());
  }
  const binary = /version ([^\s,]+)/i.exec(values.get('binary') ?? '')?.[1];
  return {
    packages,
    dockerdPath: values.get('dockerd') || undefined,
    binaryVersion: binary,
    serverVersion: values.get('server') || undefined,
    active: values.get('active') === 'active',
  };
}

// ---------------------------------------------------------------------------------------
// Decide

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

function describeAction(
  action: InstallAction,
  plan: DockerInstallPlan,
  judgement: InstallJudgement,
): string {
  switch (action) {
    case 'remove-conflicts':
      return `remove conflicting packages: ${judgement.conflicts.join(', ')}`;
    case 'write-files':
      return `write ${plan.files.map((file) => file.path).join(', ')}`;
    case 'install':
      return judgement.installedVersion
        ? `replace Docker ${judgement.installedVersion} with ${plan.summary}`
        : `install ${plan.summary}`;
    case 'start':
      return 'enable and start the docker service';
  }
}

// ---------------------------------------------------------------------------------------
// The step

interface InstallProbe {
  plan: DockerInstallPlan;
  state: DockerHostState;
  currentFiles: (string | null)[];
}

const INSTALL_TIMEOUT_MS = 20 * 60_000;

async function probeHost(ctx: StepContext<Inventory>): Promise<InstallProbe> {
  const facts = factsOf(ctx, ctx.host.id);
  const docker = ctx.options.docker;
  const bundle =
    docker.install === 'offline' && docker.offlineBundle
      ? await readOfflineBundle(docker.offlineBundle)
      : undefined;
  const plan = dockerInstallPlan(facts, docker, bundle);
  const result = await ctx.remote.exec(dockerProbeScript(plan.format), {
    sudo: true,
    allowFailure: true,
    quiet: true,
  });
  const currentFiles = await Promise.all(
    plan.files.map((file) => ctx.remote.readFile(file.path, { sudo: true })),
  );
  return { plan, state: parseDockerProbe(result.stdout), currentFiles };
}

async function writeFiles(remote: RemoteHost, files: readonly PlanFile[]): Promise<void> {
  for (const file of files) {
    await remote.uploadFile(file.path, file.content, { mode: file.mode, sudo: true });
  }
}

async function runInstall(ctx: StepContext<Inventory>, plan: DockerInstallPlan): Promise<void> {
  const { remote } = ctx;
  if (plan.prepare) await remote.exec(plan.prepare, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
  for (const upload of plan.uploads) {
    ctx.log(`uploading ${basename(upload.localPath)}`);
    await remote.uploadFile(upload.remotePath, await readFile(upload.localPath), {
      mode: 0o644,
      sudo: true,
    });
  }
  await writeFiles(remote, plan.files);
  await remote.exec(plan.install, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
}

/** Installs Docker Engine from the chosen source, pinned when a version is given. */
export const dockerInstallStep: StepDefinition<InstallProbe, Inventory> = {
  id: 'docker-install',
  title: { en: 'Install Docker', 'zh-CN': '安装 Docker' },
  explanation: {
    en: 'Installs Docker Engine from the source you chose: Docker’s own repository, the same repository from a mirror (Aliyun, Tsinghua TUNA, USTC, Azure China), your distribution’s package, or an offline bundle copied from this machine. A version pin installs exactly that version. Packages that conflict (podman-docker, docker.io next to docker-ce, old docker-engine) are removed only if you allow it. Hosts that already run the right Docker are left alone.',
    'zh-CN':
      '按你选择的来源安装 Docker Engine：Docker 官方仓库、镜像站上的同一仓库（阿里云、清华 TUNA、中科大、Azure 中国）、发行版自带的软件包，或从本机上传的离线安装包。指定版本时只安装该版本。冲突的软件包（podman-docker、与 docker-ce 并存的 docker.io、旧的 docker-engine）只有在你允许时才会被卸载。已运行正确版本 Docker 的主机不会被改动。',
  },
  waitsFor: ['preflight'],
  appliesTo: () => true,

  probe: probeHost,

  decide(probe, ctx) {
    const judgement = judgeDockerInstall(
      probe.state,
      probe.plan,
      ctx.options.docker,
      probe.currentFiles,
    );
    if (judgement.actions.length === 0) {
      const version = judgement.installedVersion ? ` ${judgement.installedVersion}` : '';
      return { kind: 'ok', message: `Docker${version} is installed and running` };
    }
    return {
      kind: 'change',
      changes: judgement.actions.map((action) => describeAction(action, probe.plan, judgement)),
    };
  },

  async apply(ctx, probe) {
    const { plan } = probe;
    const judgement = judgeDockerInstall(probe.state, plan, ctx.options.docker, probe.currentFiles);
    for (const action of judgement.actions) {
      if (action === 'remove-conflicts') {
        await ctx.remote.exec(removePackagesScript(plan.installer, judgement.conflicts), {
          sudo: true,
          timeoutMs: INSTALL_TIMEOUT_MS,
        });
      } else if (action === 'install') {
        await runInstall(ctx, plan);
      } else if (action === 'write-files') {
        // The repository files name the key prepare fetches and checks: never one without it.
        if (plan.prepare) {
          await ctx.remote.exec(plan.prepare, { sudo: true, timeoutMs: INSTALL_TIMEOUT_MS });
        }
        await writeFiles(ctx.remote, plan.files);
      } else {
        await ctx.remote.exec(ENABLE_DOCKER, { sudo: true });
      }
    }
  },

  async verify(ctx, probe, changed) {
    const after = changed ? await probeHost(ctx) : probe;
    const judgement = judgeDockerInstall(
      after.state,
      after.plan,
      ctx.options.docker,
      after.currentFiles,
    );
    if (!after.state.serverVersion) {
      const status = await ctx.remote.exec(
        'systemctl status docker --no-pager -l 2>&1 | tail -n 15',
        {
          sudo: true,
          allowFailure: true,
        },
      );
      throw new StepFailure(
        'Docker is installed but its daemon does not answer `docker version`',
        'see `journalctl -u docker` on the host',
        { status: status.stdout },
      );
    }
    if (judgement.actions.length > 0) {
      throw new StepFailure(
        `Docker is not as planned: ${judgement.actions.map((action) => describeAction(action, after.plan, judgement)).join('; ')}`,
      );
    }
    return {
      source: after.plan.source,
      summary: after.plan.summary,
      version: after.state.serverVersion,
      dockerd: after.state.dockerdPath,
      packages: after.state.packages,
    };
  },

  async preview(_host, facts, options) {
    const docker = options.docker;
    const bundle =
      docker.install === 'offline' && docker.offlineBundle
        ? await readOfflineBundle(docker.offlineBundle)
        : undefined;
    const plan = dockerInstallPlan(facts, docker, bundle);
    const uploads = plan.uploads.map(
      (upload) => `${basename(upload.localPath)} → ${upload.remotePath}`,
    );
    return {
      before: plan.prepare ? [plan.prepare] : [],
      commands: plan.install ? [plan.install] : [],
      files: plan.files,
      note: [
        plan.summary,
        ...(uploads.length > 0 ? [`copied over SFTP: ${uploads.join(', ')}`] : []),
      ].join('; '),
    };
  },
};
