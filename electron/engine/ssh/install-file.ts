/**
 * The remote half of an atomic upload. The content already sits in a private
 * file in /tmp (written over SFTP by the login user); this script, run as root
 * when needed, puts it in place so no reader ever sees a half-written target:
 * `install` alone may truncate and rewrite the target in place, so we install to
 * a temporary name beside the target and `mv -f` it over (a rename within one
 * directory is atomic). The trap removes both temporary files on any outcome.
 */
import { randomBytes } from 'node:crypto';
import { shellQuote } from '../shell/quote';

export interface InstallFileRequest {
  readonly target: string;
  /** Permission bits, e.g. 0o644. */
  readonly mode: number;
  readonly owner?: string;
  readonly group?: string;
}

const OWNER_OR_GROUP = /^[A-Za-z0-9_][A-Za-z0-9_.-]*\$?$/;

/** Throws a TypeError for anything that must not reach the remote command line. */
export function validateInstallRequest(request: InstallFileRequest): void {
  const { target, mode } = request;
  if (!target.startsWith('/') || target.endsWith('/') || target.includes('\0')) {
    throw new TypeError(`Expected an absolute file path, got: ${target}`);
  }
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) {
    throw new TypeError(`Invalid file mode: ${mode}`);
  }
  for (const name of [request.owner, request.group]) {
    if (name !== undefined && !OWNER_OR_GROUP.test(name)) {
      throw new TypeError(`Invalid owner or group name: ${name}`);
    }
  }
}

/** A fresh, unguessable name for the SFTP upload (created with O_EXCL, mode 0600). */
export function uploadTempPath(): string {
  return `/tmp/.swarmlab-upload-${randomBytes(12).toString('hex')}`;
}

/** The script that moves `uploaded` to the target with its final mode and owner. */
export function installFileScript(uploaded: string, request: InstallFileRequest): string {
  const staged = `${request.target}.swarmlab-tmp-${randomBytes(6).toString('hex')}`;
  const install = [
    'install',
    '-m',
    request.mode.toString(8).padStart(4, '0'),
    ...(request.owner ? ['-o', request.owner] : []),
    ...(request.group ? ['-g', request.group] : []),
  ];
  return [
    'set -e',
    `uploaded=${shellQuote(uploaded)}`,
    `staged=${shellQuote(staged)}`,
    `target=${shellQuote(request.target)}`,
    `trap 'rm -f "$staged" "$uploaded"' EXIT`,
    `${install.map(shellQuote).join(' ')} "$uploaded" "$staged"`,
    'mv -f "$staged" "$target"',
  ].join('\n');
}
