import { execFileSync } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  addHostKey,
  hostKeyFingerprint,
  keyTypeOfBlob,
  knownHostName,
  lookupHostKey,
  parseKnownHosts,
  removeHostKeys,
  serializeKnownHosts,
} from '../../../electron/engine/ssh/known-hosts';
import { KnownHostsStore, forgetHostKey } from '../../../electron/engine/ssh/known-hosts-store';

let dir: string;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'swarmlab-known-hosts-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A fresh public key made by OpenSSH itself: its type, blob, and `ssh-keygen -l` fingerprint. */
function generateKey(
  name: string,
  type = 'ed25519',
): { type: string; blob: Buffer; sshKeygenFingerprint: string } {
  const path = join(dir, name);
  execFileSync('ssh-keygen', ['-q', '-t', type, '-N', '', '-C', 'test', '-f', path]);
  const [keyType = '', base64 = ''] = execFileSync('cat', [`${path}.pub`], {
    encoding: 'utf8',
  }).split(' ');
  const listing = execFileSync('ssh-keygen', ['-l', '-E', 'sha256', '-f', `${path}.pub`], {
    encoding: 'utf8',
  });
  return {
    type: keyType,
    blob: Buffer.from(base64, 'base64'),
    sshKeygenFingerprint: listing.split(' ')[1] ?? '',
  };
}

describe('fingerprints', () => {
  it.each(['ed25519', 'rsa', 'ecdsa'])('match ssh-keygen -l for %s keys', (type) => {
    const key = generateKey(`id_${type}`, type);
    expect(hostKeyFingerprint(key.blob)).toBe(key.sshKeygenFingerprint);
    expect(hostKeyFingerprint(key.blob)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
    expect(keyTypeOfBlob(key.blob)).toBe(key.type);
  });

  it('refuses a malformed blob', () => {
    expect(() => keyTypeOfBlob(Buffer.from([0, 0]))).toThrow(/Malformed/);
    expect(() => keyTypeOfBlob(Buffer.from([0, 0, 0, 9, 65]))).toThrow(/Malformed/);
  });
});

describe('known_hosts format', () => {
  it('names port 22 plainly and other ports in brackets, lower-cased', () => {
    expect(knownHostName('Node1.LAN', 22)).toBe('node1.lan');
    expect(knownHostName('10.0.0.5', 2222)).toBe('[10.0.0.5]:2222');
  });

  it('keeps comments, blank lines and markers verbatim on rewrite', () => {
    const text = [
      '# managed by swarmlab',
      '',
      '@cert-authority *.lan ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIA==',
      'node1,10.0.0.1 ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIB== a comment',
      'garbage line',
      '',
    ].join('\n');
    const lines = parseKnownHosts(text);
    expect(lines.map((line) => line.kind)).toEqual([
      'verbatim',
      'verbatim',
      'verbatim',
      'entry',
      'verbatim',
    ]);
    expect(serializeKnownHosts(lines)).toBe(text);
  });

  it('reads CRLF files and an empty file', () => {
    expect(parseKnownHosts('')).toEqual([]);
    const [entry] = parseKnownHosts('h ssh-ed25519 AAAA\r\n');
    expect(entry).toMatchObject({ kind: 'entry', names: ['h'], keyBase64: 'AAAA' });
  });
});

describe('lookup', () => {
  it('says unknown, then known after adding, per host and port', () => {
    const key = generateKey('k1');
    let lines = parseKnownHosts('');
    expect(lookupHostKey(lines, '10.0.0.5', 2222, key.blob)).toEqual({ status: 'unknown' });
    lines = addHostKey(lines, '10.0.0.5', 2222, key.blob);
    expect(lookupHostKey(lines, '10.0.0.5', 2222, key.blob)).toEqual({ status: 'known' });
    expect(lookupHostKey(lines, '10.0.0.5', 22, key.blob)).toEqual({ status: 'unknown' });
    expect(lookupHostKey(lines, '10.0.0.6', 2222, key.blob)).toEqual({ status: 'unknown' });
    expect(addHostKey(lines, '10.0.0.5', 2222, key.blob)).toHaveLength(1);
  });

  it('detects a changed key and names the fingerprint on file', () => {
    const old = generateKey('old');
    const impostor = generateKey('new');
    const lines = addHostKey([], 'node1', 22, old.blob);
    expect(lookupHostKey(lines, 'node1', 22, impostor.blob)).toEqual({
      status: 'changed',
      knownFingerprints: [old.sshKeygenFingerprint],
    });
  });

  it('treats a key of another type as changed, not as new', () => {
    const ed25519 = generateKey('ed');
    const rsa = generateKey('rsa', 'rsa');
    const lines = addHostKey([], 'node1', 22, ed25519.blob);
    expect(lookupHostKey(lines, 'node1', 22, rsa.blob).status).toBe('changed');
  });

  it('matches any name of a multi-name line, and never wildcard patterns', () => {
    const key = generateKey('k');
    const base64 = key.blob.toString('base64');
    const lines = parseKnownHosts(
      `node1,[10.0.0.1]:2222 ${key.type} ${base64}\n*.lan ${key.type} ${base64}\n`,
    );
    expect(lookupHostKey(lines, '10.0.0.1', 2222, key.blob).status).toBe('known');
    expect(lookupHostKey(lines, 'NODE1', 22, key.blob).status).toBe('known');
    expect(lookupHostKey(lines, 'x.lan', 22, key.blob).status).toBe('unknown');
  });

  it('matches OpenSSH hashed names (ssh-keygen -H)', async () => {
    const key = generateKey('k');
    const file = join(dir, 'hashed_known_hosts');
    await writeFile(file, `[node9]:2200 ${key.type} ${key.blob.toString('base64')}\n`);
    execFileSync('ssh-keygen', ['-q', '-H', '-f', file], { stdio: 'ignore' });
    const lines = parseKnownHosts(await readFile(file, 'utf8'));
    expect(lines[0]).toMatchObject({ kind: 'entry', names: [expect.stringMatching(/^\|1\|/)] });
    expect(lookupHostKey(lines, 'node9', 2200, key.blob).status).toBe('known');
    expect(lookupHostKey(lines, 'node9', 22, key.blob).status).toBe('unknown');
    expect(removeHostKeys(lines, 'node9', 2200)).toEqual({ lines: [], removed: 1 });
  });
});

describe('remove', () => {
  it('drops only the forgotten name from a multi-name line', () => {
    const lines = parseKnownHosts('a,b ssh-ed25519 AAAA\nc ssh-ed25519 BBBB\n');
    const result = removeHostKeys(lines, 'a', 22);
    expect(result.removed).toBe(1);
    expect(serializeKnownHosts(result.lines)).toBe('b ssh-ed25519 AAAA\nc ssh-ed25519 BBBB\n');
  });
});

describe('KnownHostsStore', () => {
  it('creates the file 0600 in a 0700 directory, readable by ssh-keygen -F', async () => {
    const key = generateKey('k');
    const path = join(dir, 'app', 'known_hosts');
    await new KnownHostsStore(path).add('10.1.2.3', 2222, key.blob);
    expect((await stat(path)).mode & 0o777).toBe(0o600);
    expect((await stat(join(dir, 'app'))).mode & 0o777).toBe(0o700);
    const found = execFileSync('ssh-keygen', ['-F', '[10.1.2.3]:2222', '-f', path], {
      encoding: 'utf8',
    });
    expect(found).toContain(key.blob.toString('base64'));
  });

  it('loses no entry when many connections trust new hosts at once', async () => {
    const key = generateKey('k');
    const path = join(dir, 'known_hosts');
    // Two store objects on one path, as two sessions would have.
    const one = new KnownHostsStore(path);
    const other = new KnownHostsStore(path);
    await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        (index % 2 ? one : other).add(`host${index}`, 22, key.blob),
      ),
    );
    const lines = await one.read();
    expect(lines).toHaveLength(40);
    for (let index = 0; index < 40; index += 1) {
      expect(lookupHostKey(lines, `host${index}`, 22, key.blob).status).toBe('known');
    }
  });

  it('leaves no temporary file behind and replaces the file atomically', async () => {
    const key = generateKey('k');
    const path = join(dir, 'known_hosts');
    const store = new KnownHostsStore(path);
    await store.add('a', 22, key.blob);
    const before = await stat(path);
    await store.add('b', 22, key.blob);
    const after = await stat(path);
    expect(after.ino).not.toBe(before.ino); // a new file renamed over the old one
    expect(await readdir(dir)).toEqual(expect.arrayContaining(['known_hosts']));
    expect((await readdir(dir)).filter((name) => name.includes('.tmp-'))).toEqual([]);
  });

  it('forgets a host deliberately', async () => {
    const key = generateKey('k');
    const path = join(dir, 'known_hosts');
    const store = new KnownHostsStore(path);
    await store.add('a', 2222, key.blob);
    await store.add('b', 22, key.blob);
    expect(await forgetHostKey('a', 2222, path)).toBe(1);
    expect(await store.lookup('a', 2222, key.blob)).toEqual({ status: 'unknown' });
    expect(await store.lookup('b', 22, key.blob)).toEqual({ status: 'known' });
    expect(await forgetHostKey('a', 2222, path)).toBe(0);
  });

  it('reads a missing file as empty', async () => {
    expect(await new KnownHostsStore(join(dir, 'nope')).read()).toEqual([]);
  });
});
