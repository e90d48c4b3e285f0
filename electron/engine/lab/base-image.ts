import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LAB_SUITE, readMachineAptSources } from './apt-sources';
import { runChecked } from './exec';
import { pathExists } from './path-exists';
import { BASE_IMAGE_DIR, BASE_STAMP_FILE, LAB_SUDO_USER } from './paths';
import { machineNameservers, renderResolvConf } from './resolv';
import type { LabLog } from './types';

/**
 * The Debian base every lab host boots from (read-only, shared through overlayfs).
 *
 * Built once and cached: debootstrap, then a one-time configuration, then the
 * apt cache warmed with docker.io's packages so hosts install Docker from
 * Debian quickly. Docker itself is NOT installed; installing it is the app's job.
 */

/** Bump when the way the base is configured changes, so cached bases are rebuilt. */
const BASE_RECIPE_VERSION = 1;

export const BASE_PACKAGES = [
  'openssh-server',
  'iproute2',
  'iputils-ping',
  'sudo',
  'curl',
  'ca-certificates',
  'procps',
  'systemd',
  'systemd-sysv',
  'dbus',
  'gnupg',
  'lsb-release',
  'kmod',
  'iptables',
];

/** Downloaded into the base's apt cache, not installed. */
const WARM_PACKAGES = ['docker.io'];

/**
 * Units that only slow a container's boot, make no sense without hardware or a
 * console, or would run apt behind the tests' backs (apt-daily holds the dpkg
 * lock exactly when an install step wants it).
 */
export const MASKED_UNITS = [
  'console-getty.service',
  'container-getty@.service',
  'getty@.service',
  'serial-getty@.service',
  'getty.target',
  'apt-daily.timer',
  'apt-daily.service',
  'apt-daily-upgrade.timer',
  'apt-daily-upgrade.service',
  'dpkg-db-backup.timer',
  'e2scrub_all.timer',
  'e2scrub_reap.service',
  'fstrim.timer',
  'systemd-pstore.service',
  'systemd-networkd-wait-online.service',
  // The per-user manager cannot create its cgroup under the machine's cgroup v1
  // hierarchy; its failed start then holds every new login session for minutes.
  'user@.service',
];

const SSHD_DROP_IN = `# swarmlab lab: practice hosts are logged into by password, as root and as ${LAB_SUDO_USER}.
PermitRootLogin yes
PasswordAuthentication yes
`;

/** Everything that decides what the base contains; a different recipe means a rebuild. */
export function baseRecipeStamp(mirror: string, sourcesList: readonly string[]): string {
  const recipe = {
    version: BASE_RECIPE_VERSION,
    suite: LAB_SUITE,
    mirror,
    sourcesList,
    packages: BASE_PACKAGES,
    warm: WARM_PACKAGES,
    masked: MASKED_UNITS,
    sshd: SSHD_DROP_IN,
    sudoUser: LAB_SUDO_USER,
  };
  return createHash('sha256').update(JSON.stringify(recipe)).digest('hex');
}

async function readStamp(baseDir: string): Promise<string | undefined> {
  try {
    return (await readFile(join(baseDir, BASE_STAMP_FILE), 'utf8')).trim();
  } catch {
    return undefined;
  }
}

export interface EnsureBaseOptions {
  log: LabLog;
  /** When hosts still run on the cached base, it must not be swapped under them. */
  keepExisting?: boolean;
}

/** Returns the path of an up-to-date base, building it first when needed. */
export async function ensureBaseImage({ log, keepExisting }: EnsureBaseOptions): Promise<string> {
  const { mirror, sourcesList } = await readMachineAptSources();
  const stamp = baseRecipeStamp(mirror, sourcesList);
  const current = await readStamp(BASE_IMAGE_DIR);
  if (current === stamp) return BASE_IMAGE_DIR;
  if (current !== undefined && keepExisting) {
    log('the lab base recipe changed, but hosts still run on the cached base: keeping it');
    return BASE_IMAGE_DIR;
  }

  const started = Date.now();
  log(`building the Debian ${LAB_SUITE} base from ${mirror} (once; takes about a minute)`);
  await removeUnfinishedBuilds();
  // Built beside the final place and renamed at the end: an interrupted build
  // never leaves a half base where a finished one is expected.
  const buildDir = `${BASE_IMAGE_DIR}.build-${process.pid}`;
  await mkdir(dirname(buildDir), { recursive: true });
  try {
    await runChecked('debootstrap', [
      '--variant=minbase',
      `--include=${BASE_PACKAGES.join(',')}`,
      LAB_SUITE,
      buildDir,
      mirror,
    ]);
    log('configuring the base: ssh, sudo user, quiet units');
    await configureBase(buildDir, sourcesList);
    log('warming the base apt cache with docker.io packages (downloaded, not installed)');
    await warmAptCache(buildDir);
    await scrubHostIdentity(buildDir);
    await writeFile(join(buildDir, BASE_STAMP_FILE), `${stamp}\n`);
    await replaceDirectory(buildDir, BASE_IMAGE_DIR);
  } catch (error) {
    await rm(buildDir, { recursive: true, force: true });
    throw error;
  }
  log(`base ready in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return BASE_IMAGE_DIR;
}

async function removeUnfinishedBuilds(): Promise<void> {
  const parent = dirname(BASE_IMAGE_DIR);
  const prefix = `${basename(BASE_IMAGE_DIR)}.`;
  for (const name of await readdir(parent).catch(() => [] as string[])) {
    if (name.startsWith(prefix)) await rm(join(parent, name), { recursive: true, force: true });
  }
}

async function replaceDirectory(source: string, target: string): Promise<void> {
  const previous = `${target}.old-${process.pid}`;
  const hadPrevious = await pathExists(target);
  if (hadPrevious) await rename(target, previous);
  await rename(source, target);
  if (hadPrevious) await rm(previous, { recursive: true, force: true });
}

function chroot(root: string, args: readonly string[]): Promise<string> {
  return runChecked('chroot', [root, ...args], {
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive', LANG: 'C.UTF-8', LC_ALL: 'C.UTF-8' },
  });
}

async function configureBase(root: string, sourcesList: readonly string[]): Promise<void> {
  await writeFile(join(root, 'etc/apt/sources.list'), `${sourcesList.join('\n')}\n`);
  await writeFile(join(root, 'etc/ssh/sshd_config.d/swarmlab-lab.conf'), SSHD_DROP_IN);

  // Debian's sudoers lets the sudo group run anything after typing the user's
  // own password, which is exactly the "sudo asks" case the app must handle.
  // The password itself is set per host in the host's /etc/shadow.
  await chroot(root, [
    'useradd',
    '--create-home',
    '--shell',
    '/bin/bash',
    '--groups',
    'sudo',
    LAB_SUDO_USER,
  ]);

  const unitDir = join(root, 'etc/systemd/system');
  for (const unit of MASKED_UNITS) {
    await rm(join(unitDir, unit), { force: true });
    await symlink('/dev/null', join(unitDir, unit));
  }
}

async function warmAptCache(root: string): Promise<void> {
  // apt inside the chroot needs a resolver; the real one is written per host.
  await writeFile(join(root, 'etc/resolv.conf'), renderResolvConf(await machineNameservers()));
  await chroot(root, ['apt-get', 'update']);
  await chroot(root, ['apt-get', 'install', '--download-only', '--yes', ...WARM_PACKAGES]);
}

/** Removes everything that must differ between hosts; each host's upper dir supplies its own. */
async function scrubHostIdentity(root: string): Promise<void> {
  const sshDir = join(root, 'etc/ssh');
  for (const name of await readdir(sshDir)) {
    if (name.startsWith('ssh_host_')) await rm(join(sshDir, name));
  }
  // An empty machine-id tells systemd this is an image, not a booted system.
  await rm(join(root, 'etc/machine-id'), { force: true });
  await writeFile(join(root, 'etc/machine-id'), '');
  await rm(join(root, 'var/lib/dbus/machine-id'), { force: true });
  await symlink('/etc/machine-id', join(root, 'var/lib/dbus/machine-id'));
  await writeFile(join(root, 'etc/hostname'), 'localhost\n');
  await rm(join(root, 'etc/resolv.conf'), { force: true });
}
