import { createHash, randomBytes } from 'node:crypto';
import { mkdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runChecked } from './exec';

/**
 * What makes one lab host itself: its SSH host keys and passwords. Created once
 * when the host is first made, and reused when the host is reset to a bare
 * system, so clients that pinned its key or stored its password stay valid.
 */

export const HOST_KEY_TYPES = ['ed25519', 'ecdsa'] as const;

/** A password that is easy to paste: 20 characters from base64url (120 bits). */
export function randomPassword(): string {
  return randomBytes(15).toString('base64url');
}

/** A systemd machine id: 128 random bits as 32 lowercase hex digits. */
export function randomMachineId(): string {
  return randomBytes(16).toString('hex');
}

/**
 * The OpenSSH fingerprint (`SHA256:` + unpadded base64 of the key blob's SHA-256)
 * of a public key, given as its blob or as an `authorized_keys`-style line.
 */
export function sha256Fingerprint(publicKey: Buffer | string): string {
  const blob =
    typeof publicKey === 'string'
      ? Buffer.from(publicKey.trim().split(/\s+/)[1] ?? '', 'base64')
      : publicKey;
  if (blob.length === 0) throw new Error('not an OpenSSH public key');
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

/** Creates the host's key pairs in `identityDir/etc/ssh`, laid out as they go into the host. */
export async function generateHostKeys(identityDir: string, hostName: string): Promise<void> {
  const sshDir = join(identityDir, 'etc/ssh');
  await rm(identityDir, { recursive: true, force: true });
  await mkdir(sshDir, { recursive: true, mode: 0o755 });
  await Promise.all(
    HOST_KEY_TYPES.map((type) =>
      runChecked('ssh-keygen', [
        '-q',
        '-t',
        type,
        '-N',
        '',
        '-C',
        `root@${hostName}`,
        '-f',
        join(sshDir, `ssh_host_${type}_key`),
      ]),
    ),
  );
}

/** The ed25519 host key's fingerprint, the key OpenSSH and ssh2 clients prefer. */
export async function hostKeyFingerprint(identityDir: string): Promise<string> {
  const publicKey = await readFile(join(identityDir, 'etc/ssh/ssh_host_ed25519_key.pub'), 'utf8');
  return sha256Fingerprint(publicKey);
}

/** A SHA-512 crypt hash as /etc/shadow wants it; the password travels on stdin only. */
export async function hashPassword(password: string): Promise<string> {
  return (
    await runChecked('openssl', ['passwd', '-6', '-stdin'], { input: `${password}\n` })
  ).trim();
}

/**
 * Returns `shadow` with the password hash of each named user replaced, and the
 * last-change day set to `today` (a 0 there would force a password change at login). Pure.
 */
export function withPasswordHashes(
  shadow: string,
  hashes: ReadonlyMap<string, string>,
  today = Math.floor(Date.now() / 86_400_000),
): string {
  const seen = new Set<string>();
  const lines = shadow.split('\n').map((line) => {
    const fields = line.split(':');
    const user = fields[0];
    const hash = user === undefined ? undefined : hashes.get(user);
    if (user === undefined || hash === undefined || fields.length < 2) return line;
    seen.add(user);
    fields[1] = hash;
    fields[2] = String(today);
    return fields.join(':');
  });
  const missing = [...hashes.keys()].filter((user) => !seen.has(user));
  if (missing.length > 0)
    throw new Error(`users missing from the base /etc/shadow: ${missing.join(', ')}`);
  return lines.join('\n');
}
