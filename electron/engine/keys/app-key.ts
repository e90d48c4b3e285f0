import { randomUUID } from 'node:crypto';
import { chmod, link, mkdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
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
 *
 * Several processes (the app and a CLI run) or calls may create it at the same moment: each
 * writes a key under a name of its own, then links it into place, which fails if a key is
 * already there; the losers use that key. The public half is always derived from the private
 * key on disk, so the two match even when a crash left only the private one.
 */
export async function ensureAppKeyPair(env: NodeJS.ProcessEnv = process.env): Promise<AppKeyPair> {
  const privateKeyPath = appKeyPath(env);
  let privateKey = await readIfPresent(privateKeyPath);
  if (privateKey === undefined) {
    await mkdir(appDataDir(env), { recursive: true, mode: 0o700 });
    await chmod(appDataDir(env), 0o700);
    privateKey = await publishPrivateKey(privateKeyPath);
  }
  const publicKey = publicKeyLine(privateKey, privateKeyPath);
  const publicKeyPath = `${privateKeyPath}.pub`;
  if ((await readIfPresent(publicKeyPath))?.trim() !== publicKey) {
    // Every writer writes the same line (it comes from the one private key): replacing is safe.
    const temporary = uniqueTemporary(publicKeyPath);
    await writeFile(temporary, `${publicKey}\n`, { mode: 0o644, flag: 'wx' });
    await rename(temporary, publicKeyPath);
  }
  return { privateKeyPath, publicKey };
}

/** Puts a new private key at `path` unless one appears there first; returns the one in place. */
async function publishPrivateKey(path: string): Promise<string> {
  const pair = generateUsableKeyPair(`swarmlab@${hostname()}`);
  const temporary = uniqueTemporary(path);
  await writeFile(temporary, pair.private, { mode: 0o600, flag: 'wx' });
  try {
    await link(temporary, path);
    return pair.private;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    // Another process or call was first: its key is the app key.
    return await readFile(path, 'utf8');
  } finally {
    await unlink(temporary);
  }
}

/** The app key if a run has made it already (reading it never creates one), else undefined. */
export async function existingAppKey(
  env: NodeJS.ProcessEnv = process.env,
): Promise<AppKeyPair | undefined> {
  const privateKeyPath = appKeyPath(env);
  try {
    const publicKey = (await readFile(`${privateKeyPath}.pub`, 'utf8')).trim();
    await readFile(privateKeyPath);
    return { privateKeyPath, publicKey };
  } catch {
    return undefined;
  }
}

/** A name next to `path` that no other process or call uses. */
function uniqueTemporary(path: string): string {
  return `${path}.${process.pid}.${randomUUID()}.tmp`;
}

async function readIfPresent(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/** The authorized_keys line of a private key: `type base64 comment`. */
function publicKeyLine(privateKey: string, path: string): string {
  const parsed = ssh2.utils.parseKey(privateKey);
  if (parsed instanceof Error) {
    throw new Error(
      `${path} is not a usable private key (${parsed.message}): move it away and swarmlab makes a new one`,
    );
  }
  const blob = parsed.getPublicSSH().toString('base64');
  return [parsed.type, blob, parsed.comment].filter((part) => part.length > 0).join(' ');
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
