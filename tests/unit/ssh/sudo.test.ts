import { describe, expect, it } from 'vitest';
import {
  classifySudoFailure,
  sudoCommand,
  sudoFailureOfCommand,
  sudoStdin,
} from '../../../electron/engine/ssh/sudo';

describe('sudo command lines', () => {
  it('wraps a command per privilege mode, with the password never in argv', () => {
    expect(sudoCommand("sh -c 'id'", 'root')).toBe("sh -c 'id'");
    expect(sudoCommand("sh -c 'id'", 'sudo-nopasswd')).toBe("sudo -n -- sh -c 'id'");
    expect(sudoCommand("sh -c 'id'", 'sudo-password')).toBe("sudo -k -S -p '' -- sh -c 'id'");
  });

  it('puts the password line before the script stdin, only when sudo reads one', () => {
    const script = Buffer.from('data');
    expect(sudoStdin('sudo-password', 'pw', script)?.toString()).toBe('pw\ndata');
    expect(sudoStdin('sudo-password', 'pw', undefined)?.toString()).toBe('pw\n');
    expect(sudoStdin('sudo-nopasswd', 'pw', script)).toBe(script);
    expect(sudoStdin('root', 'pw', undefined)).toBeUndefined();
  });
});

describe('sudo failures', () => {
  it.each([
    ['sudo: a password is required\n', 1, 'password-required'],
    ['Sorry, try again.\nsudo: 1 incorrect password attempt\n', 1, 'wrong-password'],
    ['sudo: 3 incorrect password attempts\n', 1, 'wrong-password'],
    ['alice is not in the sudoers file.\n', 1, 'not-allowed'],
    ['alice is not in the sudoers file.  This incident will be reported.\n', 1, 'not-allowed'],
    ['Sorry, user alice may not run sudo on node1.\n', 1, 'not-allowed'],
    ["Sorry, user alice is not allowed to execute '/bin/sh' as root on node1.\n", 1, 'not-allowed'],
    ['sh: 1: sudo: not found\n', 127, 'missing'],
    ['some other failure\n', 1, undefined],
    ['', 0, undefined],
  ] as const)('reads %j (exit %d) as %s', (stderr, exitCode, expected) => {
    expect(classifySudoFailure(exitCode, stderr)).toBe(expected);
  });

  it('blames sudo for a failed command only on sudo’s own first line', () => {
    expect(sudoFailureOfCommand(1, 'Sorry, try again.\nsudo: 1 incorrect password attempt\n')).toBe(
      'wrong-password',
    );
    expect(sudoFailureOfCommand(1, 'script failed\nSorry, try again\n')).toBeUndefined();
    expect(sudoFailureOfCommand(2, 'sudo: a password is required\n')).toBeUndefined();
  });
});
