/**
 * Shell pieces every install plan shares: the script frame, the package manager waiting for
 * its lock, and installing packages pinned to a version.
 */
import { APT, APT_UPDATE_FUNCTION, YUM_WAIT_FUNCTION } from '../../shell/package-locks';
import { awkEnvironment } from '../../shell/escape';
import { shellQuote } from '../../shell/quote';
import type { DockerSystem, Installer } from './system';
import { pinPattern } from './versions';

/**
 * Starts Docker now and at boot. When it does not start, its journal's tail is what the step's
 * failure quotes (the last lines of stderr), not "see journalctl".
 */
export const ENABLE_DOCKER = [
  'if ! systemctl enable --now docker; then',
  "  echo 'docker.service did not start; the end of its journal:' >&2",
  '  journalctl -u docker.service --no-pager -n 20 -o cat >&2 || true',
  '  exit 1',
  'fi',
].join('\n');

export function script(lines: readonly string[]): string {
  return ['set -eu', ...lines].join('\n') + '\n';
}

/** A package manager command, waiting for the lock its own way. */
export function pm(installer: Installer, args: string): string {
  if (installer === 'apt-get') return `${APT} ${args}`;
  if (installer === 'yum') return `yum_wait\nyum ${args}`;
  return `dnf ${args}`;
}

export function preamble(installer: Installer): string[] {
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

export function installPackagesLines(
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

/** Removes the given packages (names from the plan's conflict list only). */
export function removePackagesScript(installer: Installer, packages: readonly string[]): string {
  const names = packages.map(shellQuote).join(' ');
  // Images and volumes in /var/lib/docker stay: package removal leaves them alone.
  return script([...preamble(installer), pm(installer, `remove -y ${names}`)]);
}
