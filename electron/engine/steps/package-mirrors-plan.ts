/**
 * What the package-mirrors step writes for each system: the package sources for the chosen
 * mirror (or CentOS 7's vault), the files it moves aside, and the refresh that proves them.
 */
import { localized } from '../../shared/messages';
import type { Localized } from '../../shared/localized';
import type { HostFacts } from '../facts/facts';
import type { PrepareOptions } from '../inventory/schema';
import { APT_UPDATE_FUNCTION, YUM_WAIT_FUNCTION } from '../shell/package-locks';
import {
  aptDeb822Uri,
  aptLineUri,
  breLiteral,
  commentText,
  isAptWord,
  repoUrl,
  sedRegex,
  sedReplacement,
} from '../shell/escape';
import { shellQuote } from '../shell/quote';

/** Site roots of the mirrors users behind the Great Firewall pick most. */
export const PACKAGE_MIRROR_ROOTS = {
  aliyun: 'https://mirrors.aliyun.com',
  tuna: 'https://mirrors.tuna.tsinghua.edu.cn',
  ustc: 'https://mirrors.ustc.edu.cn',
} as const;

/** CentOS 7 is end of life: its packages live on in the vault, under the last point release. */
const CENTOS7_VAULT_RELEASE = '7.9.2009';
const CENTOS7_OFFICIAL_VAULT = 'https://vault.centos.org';

/** What a replaced or moved-aside file of the system is renamed with. */
export const BACKUP_SUFFIX = '.swarmlab-backup';
const YUM_REPO_DIR = '/etc/yum.repos.d';

/** One file the step owns on a host, with the content it must have. */
export interface MirrorFile {
  path: string;
  content: string;
}

/** What the step writes on a host, and which of the system's own files it moves aside. */
export interface MirrorPlan {
  files: MirrorFile[];
  /** Files that would repeat the same repositories; renamed with a backup suffix. */
  moveAside: string[];
  /** Refreshes the package index and proves the mirror answers. */
  refresh: string;
}

export function mirrorRoot(prepare: PrepareOptions): string | undefined {
  if (prepare.mirror === 'none') return undefined;
  if (prepare.mirror === 'custom') return prepare.mirrorUrl?.replace(/\/+$/, '');
  return PACKAGE_MIRROR_ROOTS[prepare.mirror];
}

const HEADER = (mirror: string) =>
  `# Written by swarmlab (mirror: ${commentText(mirror)}). The file it replaced is kept with the suffix ${BACKUP_SUFFIX}.`;

/** Why a release codename from the host cannot go into an apt source, if it cannot. */
function codenameProblem(system: string, codename: string): Localized | undefined {
  if (!codename) return localized('outcomes.package-mirrors.unknownRelease', { system });
  // The host says it; apt has no quoting, so anything but a plain word would change the entry.
  if (!isAptWord(codename))
    return localized('outcomes.package-mirrors.oddCodename', {
      codename: JSON.stringify(codename),
    });
  return undefined;
}

/** Whether the plan is only the reason the step leaves the host's package sources alone. */
export function leavesSourcesAlone(plan: MirrorPlan | Localized): plan is Localized {
  return !('refresh' in plan);
}

/** Refreshes the package lists, waiting for another apt run that holds their lock. */
const APT_REFRESH = [APT_UPDATE_FUNCTION, 'apt_update'].join('\n');
/** yum waits for its lock silently and forever; yum_wait bounds that and says why. */
const YUM_REFRESH = [YUM_WAIT_FUNCTION, 'yum_wait', 'yum clean all && yum makecache'].join('\n');

/**
 * The package sources a host should have for the chosen mirror, or why the step leaves the
 * host alone. Pure: golden tests pin the output for each supported system.
 */
export function mirrorPlan(facts: HostFacts, prepare: PrepareOptions): MirrorPlan | Localized {
  const root = mirrorRoot(prepare);
  const { os } = facts;
  const label = prepare.mirror === 'custom' ? (root ?? 'custom') : prepare.mirror;

  // The official mirrors of CentOS 7 are gone: without the vault, yum cannot install anything.
  if (os.id === 'centos' && os.elVersion === 7) return centos7VaultPlan(root, label);
  if (!root) return localized('outcomes.package-mirrors.keepsOwnSources');
  if (os.id === 'debian') return debianPlan(os, root, label);
  if (os.id === 'ubuntu') return ubuntuPlan(os, root, label);
  if (os.id === 'rocky' && (os.elVersion === 8 || os.elVersion === 9)) {
    return {
      files: [],
      moveAside: [],
      refresh: rockyMirrorScript(root),
    };
  }
  return localized('outcomes.package-mirrors.unsupported', { os: os.prettyName || os.id });
}

type OsFacts = HostFacts['os'];

/** CentOS 7's repositories in the vault, the mirror's copy of it when there is a mirror. */
function centos7VaultPlan(root: string | undefined, label: string): MirrorPlan {
  const vault = root ? `${root}/centos-vault` : CENTOS7_OFFICIAL_VAULT;
  const repo = (name: string, path: string) =>
    [
      `[${name}]`,
      `name=CentOS-7 - ${name}`,
      `baseurl=${repoUrl(`${vault}/${CENTOS7_VAULT_RELEASE}/${path}`, 'the mirror URL')}/$basearch/`,
      'gpgcheck=1',
      'enabled=1',
      'gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7',
      '',
    ].join('\n');
  return {
    files: [
      {
        path: '/etc/yum.repos.d/CentOS-Base.repo',
        content: [
          HEADER(root ? label : 'vault.centos.org'),
          '',
          repo('base', 'os'),
          repo('updates', 'updates'),
          repo('extras', 'extras'),
        ].join('\n'),
      },
    ],
    moveAside: [],
    refresh: YUM_REFRESH,
  };
}

function debianPlan(os: OsFacts, root: string, label: string): MirrorPlan | Localized {
  const codename = os.codename;
  const version = Number.parseInt(os.versionId, 10);
  const problem = codenameProblem('Debian', codename);
  if (problem) return problem;
  const uri = (path: string) => aptLineUri(`${root}/${path}`, 'the mirror URL');
  const components =
    version >= 12 ? 'main contrib non-free non-free-firmware' : 'main contrib non-free';
  return {
    files: [
      {
        path: '/etc/apt/sources.list',
        content: [
          HEADER(label),
          `deb ${uri('debian')} ${codename} ${components}`,
          `deb ${uri('debian')} ${codename}-updates ${components}`,
          `deb ${uri('debian-security')} ${codename}-security ${components}`,
          '',
        ].join('\n'),
      },
    ],
    moveAside: ['/etc/apt/sources.list.d/debian.sources'],
    refresh: APT_REFRESH,
  };
}

function ubuntuPlan(os: OsFacts, root: string, label: string): MirrorPlan | Localized {
  const codename = os.codename;
  const problem = codenameProblem('Ubuntu', codename);
  if (problem) return problem;
  const uri = `${root}/ubuntu`;
  const components = 'main restricted universe multiverse';
  const suites = [codename, `${codename}-updates`, `${codename}-backports`, `${codename}-security`];
  if (Number.parseFloat(os.versionId) >= 24.04) {
    // Ubuntu 24.04 moved to deb822 sources in sources.list.d.
    return {
      files: [
        {
          path: '/etc/apt/sources.list.d/ubuntu.sources',
          content: [
            HEADER(label),
            'Types: deb',
            `URIs: ${aptDeb822Uri(uri, 'the mirror URL')}`,
            `Suites: ${suites.join(' ')}`,
            `Components: ${components}`,
            'Signed-By: /usr/share/keyrings/ubuntu-archive-keyring.gpg',
            '',
          ].join('\n'),
        },
      ],
      moveAside: [],
      refresh: APT_REFRESH,
    };
  }
  return {
    files: [
      {
        path: '/etc/apt/sources.list',
        content: [
          HEADER(label),
          ...suites.map(
            (suite) => `deb ${aptLineUri(uri, 'the mirror URL')} ${suite} ${components}`,
          ),
          '',
        ].join('\n'),
      },
    ],
    moveAside: [],
    refresh: APT_REFRESH,
  };
}

/** sed's delimiter for the Rocky switch: a character that means itself after a backslash. */
const SED_DELIMITER = '@';
/** The commented baseurl Rocky's repo files ship, which the switch turns into the mirror's. */
const ROCKY_OFFICIAL_BASEURL = 'baseurl=http://dl.rockylinux.org/$contentdir';
/** Rocky 8 names its repo files Rocky-*.repo, Rocky 9 rocky*.repo. */
const ROCKY_REPO_FILES = '[Rr]ocky*.repo';

/** The mirror's Rocky tree as written into the repo files (yum's syntax escaped). */
function rockyBaseUrl(root: string): string {
  return repoUrl(`${root}/rockylinux`, 'the mirror URL');
}

/**
 * Rocky's repo files carry both a mirrorlist and a commented baseurl; the documented way to
 * pin a mirror is to swap the two in place, keeping a backup of each file. The mirror enters
 * the sed program escaped for sed's replacement (and for yum's syntax inside it).
 */
export function rockyMirrorScript(root: string, repoDir: string = YUM_REPO_DIR): string {
  const d = SED_DELIMITER;
  const official = sedRegex(ROCKY_OFFICIAL_BASEURL, d);
  const mirror = sedReplacement(`baseurl=${rockyBaseUrl(root)}`, d, 'the mirror URL');
  return [
    '# $contentdir is literal text in the repo files, not a shell variable.',
    '# shellcheck disable=SC2016',
    `sed -e 's${d}^mirrorlist=${d}#mirrorlist=${d}g' \\`,
    `  -e ${shellQuote(`s${d}^#\\?${official}${d}${mirror}${d}g`)} \\`,
    `  -i${BACKUP_SUFFIX} ${shellQuote(repoDir)}/${ROCKY_REPO_FILES}`,
    'dnf makecache',
  ].join('\n');
}

/** Succeeds when a Rocky repo file already points at the mirror (the probe's check). */
export function rockyMirrorCheck(root: string, repoDir: string = YUM_REPO_DIR): string {
  const pattern = `^${breLiteral(`baseurl=${rockyBaseUrl(root)}/`, 'the mirror URL')}`;
  return `grep -l -e ${shellQuote(pattern)} ${shellQuote(repoDir)}/${ROCKY_REPO_FILES}`;
}
