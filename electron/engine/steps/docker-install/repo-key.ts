/**
 * Docker's repository signing key, trusted only when it is the one Docker publishes.
 */
import type { DockerOptions } from '../../inventory/schema';
import { shellQuote } from '../../shell/quote';
import type { Format } from './system';

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
export function refusedKeyFix(docker: Pick<DockerOptions, 'install' | 'mirror'>): string {
  // Plain ASCII: the message travels in a shell word, where shellcheck flags curly quotes.
  return docker.install === 'mirror'
    ? 'The mirror serves another key: set docker.mirror to another mirror (aliyun, tuna, ustc, azure) or docker.install to official.'
    : 'Something between this host and download.docker.com (a proxy?) served another key: check the network path of this host.';
}
