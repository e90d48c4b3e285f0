/**
 * sudo for non-root logins. The password goes on the command's stdin, first
 * line, read by `sudo -S`; it never appears in argv (visible in `ps`) nor in a
 * log. `-k` makes sudo ignore cached credentials so it *always* reads that line:
 * otherwise a cached sudo ticket would leave the password in the script's stdin.
 * `-p ''` silences the prompt so stderr holds only what the script writes.
 */

/** How this login gets root. */
export type PrivilegeMode = 'root' | 'sudo-nopasswd' | 'sudo-password';

// The probes run with LC_ALL=C so sudo's messages, which classifySudoFailure reads,
// are not translated.

/** Succeeds only if sudo needs no password for this user (cached tickets ignored). */
export const SUDO_NOPASSWD_PROBE = 'LC_ALL=C sudo -n -k true';

/** Checks the sudo password (sent on stdin) without running anything else. */
export const SUDO_PASSWORD_PROBE = "LC_ALL=C sudo -k -S -p '' -- true";

/** Wraps an already-quoted command line so it runs as root. */
export function sudoCommand(command: string, mode: PrivilegeMode): string {
  switch (mode) {
    case 'root':
      return command;
    case 'sudo-nopasswd':
      return `sudo -n -- ${command}`;
    case 'sudo-password':
      return `sudo -k -S -p '' -- ${command}`;
  }
}

/** The stdin to send: the password line first (when sudo will read one), then the script's. */
export function sudoStdin(
  mode: PrivilegeMode,
  password: string | undefined,
  scriptStdin: Buffer | undefined,
): Buffer | undefined {
  if (mode !== 'sudo-password') return scriptStdin;
  if (password === undefined) throw new Error('sudo-password mode needs a password');
  const passwordLine = Buffer.from(`${password}\n`, 'utf8');
  return scriptStdin ? Buffer.concat([passwordLine, scriptStdin]) : passwordLine;
}

/** Why sudo itself (not the script) failed, read from its stderr. */
export type SudoFailure = 'wrong-password' | 'not-allowed' | 'password-required' | 'missing';

/**
 * Classifies sudo's own messages (sudo 1.8/1.9, English). `not-allowed` is checked first:
 * sudo asks for the password before telling a user they are not in sudoers.
 */
export function classifySudoFailure(
  exitCode: number | null,
  stderr: string,
): SudoFailure | undefined {
  if (exitCode === 0) return undefined;
  if (exitCode === 127 && /sudo: (command )?not found|sudo: No such file/i.test(stderr)) {
    return 'missing';
  }
  if (/is not in the sudoers file|may not run sudo|is not allowed to (execute|run)/i.test(stderr)) {
    return 'not-allowed';
  }
  if (/incorrect password attempt|Sorry, try again/i.test(stderr)) return 'wrong-password';
  if (/a password is required|a terminal is required|no tty present/i.test(stderr)) {
    return 'password-required';
  }
  return undefined;
}

/**
 * Whether a failed sudo-wrapped command failed in sudo rather than in the script:
 * only the first line of stderr is read (sudo speaks before the script runs), so
 * a script that prints such words later is not mistaken for a sudo failure.
 */
export function sudoFailureOfCommand(
  exitCode: number | null,
  stderr: string,
): SudoFailure | undefined {
  if (exitCode !== 1) return undefined;
  return classifySudoFailure(exitCode, stderr.split('\n', 1)[0] ?? '');
}
