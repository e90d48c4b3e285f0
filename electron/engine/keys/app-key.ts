import { chmod, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import { appDataDir } from '../app-paths';

export interface AppKeyPair {
  privateKeyPath: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA… swarmlab@machine`. */
  publicKey: string;
}

export function appKeyPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'id_ed25519');
}

/**
 * The app's own ed25519 key pair, made once and reused for every host. The private key is
 * written owner-only (0600, in a 0700 directory) and appears whole or not at all.
 */
export async function ensureAppKeyPair(env: NodeJS.ProcessEnv = process.env): Promise<AppKeyPair> {
  const privateKeyPath = appKeyPath(env);
  const publicKeyPath = `${privateKeyPath}.pub`;
  try {
    const publicKey = (await readFile(publicKeyPath, 'utf8')).trim();
    await readFile(privateKeyPath);
    return { privateKeyPath, publicKey };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await mkdir(appDataDir(env), { recursive: true, mode: 0o700 });
  await chmod(appDataDir(env), 0o700);
  const pair = generateUsableKeyPair(`swarmlab@${hostname()}`);
  const temporary = `${privateKeyPath}.${process.pid}.tmp`;
  await writeFile(temporary, pair.private, { mode: 0o600, flag: 'wx' });
  await writeFile(`${publicKeyPath}.${process.pid}.tmp`, `${pair.public}\n`, { mode: 0o644 });
  await rename(temporary, privateKeyPath);
  await rename(`${publicKeyPath}.${process.pid}.tmp`, publicKeyPath);
  return { privateKeyPath, publicKey: pair.public.trim() };
}

/**
 * ssh2's ed25519 generator now and then yields a private key that its own parser rejects;
 * generate until the key parses, so the app never saves a key it cannot log in with.
 */
function generateUsableKeyPair(comment: string): { private: string; public: string } {
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment });
    if (!(ssh2.utils.parseKey(pair.private) instanceof Error)) return pair;
  }
  throw new Error('could not generate a usable ed25519 key pair');
}

/** The `type base64` part of a public key line: what identifies a key, without its comment. */
export function publicKeyIdentity(line: string): string {
  const [type = '', blob = ''] = line.trim().split(/\s+/);
  return `${type} ${blob}`;
}

/** Whether an authorized_keys text already holds this key (options and comments ignored). */
export function authorizedKeysHas(authorizedKeys: string, publicKey: string): boolean {
  const [, wantedBlob] = publicKeyIdentity(publicKey).split(' ');
  return authorizedKeys
    .split('\n')
    .some(
      (line) => !line.trimStart().startsWith('#') && line.split(/\s+/).includes(wantedBlob ?? ''),
    );
}
