/**
 * Package manager commands that wait for another package manager run instead of failing:
 * a run interrupted midway, an unattended upgrade or a timer's refresh can hold the lock when
 * a step starts. Every step that refreshes or installs packages uses these, so the scripts
 * sent to hosts (and reproduce.sh) behave the same wherever they touch a package manager.
 */

/** apt-get waiting up to 300 s for dpkg's lock (its own option; it says why while it waits). */
export const APT = 'apt-get -o DPkg::Lock::Timeout=300';

/** The line `apt_sources_of` prints for each broken source: `APT_SOURCE_MARK URL FILE`. */
export const APT_SOURCE_MARK = 'swarmlab-apt-source:';

/**
 * `apt_sources_of OUTPUT`: for each repository apt's output says it could not use, the files
 * under /etc/apt that list it (apt names the URL, not the file), one `APT_SOURCE_MARK URL FILE`
 * line each, so a failure can say which file to fix.
 */
const APT_SOURCES_OF_FUNCTION = [
  'apt_sources_of() {',
  '  printf \'%s\\n\' "$1" | sed -n \\',
  '    -e "s/.*[Rr]epository \'\\([a-z0-9+]*:\\/\\/[^ \']*\\).*/\\1/p" \\',
  "    -e 's/.*Failed to fetch \\([a-z0-9+]*:\\/\\/[^ ]*\\)\\/dists\\/.*/\\1/p' |",
  '    sort -u | while IFS= read -r url; do',
  '      grep -lsF -- "$url" /etc/apt/sources.list /etc/apt/sources.list.d/* |',
  `        while IFS= read -r file; do printf '${APT_SOURCE_MARK} %s %s\\n' "$url" "$file"; done`,
  '    done',
  '}',
].join('\n');

/**
 * `apt_update`: `apt-get update`, waiting for the package lists' lock. DPkg::Lock::Timeout
 * covers dpkg's lock only, and an update still running elsewhere holds
 * /var/lib/apt/lists/lock, which makes a second update fail at once. Tried again every 5 s
 * for 300 s; any other failure is final at once, with the source files it came from named.
 */
export const APT_UPDATE_FUNCTION = [
  APT_SOURCES_OF_FUNCTION,
  'apt_update() {',
  '  waited=0',
  `  while ! output=$(${APT} update 2>&1); do`,
  '    case $output in',
  "      *'/var/lib/apt/lists/lock'*) ;;",
  '      *) printf \'%s\\n\' "$output" >&2; apt_sources_of "$output" >&2; return 1 ;;',
  '    esac',
  '    if [ "$waited" -ge 300 ]; then',
  '      printf \'%s\\n\' "$output" >&2',
  "      echo 'another apt process still holds /var/lib/apt/lists/lock after 300 s' >&2",
  '      return 1',
  '    fi',
  '    sleep 5',
  '    waited=$((waited + 5))',
  '  done',
  '  printf \'%s\\n\' "$output"',
  '}',
].join('\n');

/**
 * `yum_wait`: yum (CentOS 7) waits for its lock forever, silently; this waits five minutes
 * and says why. dnf waits by itself.
 */
export const YUM_WAIT_FUNCTION = [
  'yum_wait() {',
  '  waited=0',
  '  while [ -e /var/run/yum.pid ] && kill -0 "$(cat /var/run/yum.pid 2>/dev/null)" 2>/dev/null; do',
  '    if [ "$waited" -ge 300 ]; then',
  "      echo 'another yum process still holds its lock after 300 s' >&2",
  '      exit 1',
  '    fi',
  '    sleep 5',
  '    waited=$((waited + 5))',
  '  done',
  '}',
].join('\n');

/** Every shell function above, for readers that show many scripts as one (swarmlab plan). */
export const PACKAGE_LOCK_FUNCTIONS: readonly string[] = [APT_UPDATE_FUNCTION, YUM_WAIT_FUNCTION];
