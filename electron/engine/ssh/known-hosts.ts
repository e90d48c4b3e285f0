/**
 * known_hosts as pure data: parse, look up, change, serialize. No I/O here (see
 * known-hosts-store.ts), so every rule is unit-tested without touching disk.
 *
 * File format: OpenSSH's own, so `ssh -o UserKnownHostsFile=...` and
 * `ssh-keygen -F/-l -f` read swarmlab's file as is:
 *
 *     host keytype base64key            # port 22
 *     [host]:port keytype base64key     # any other port
 *
 * The first field may list several names separated by commas, and may be an
 * OpenSSH hashed name (`|1|salt|hash`); both are matched. Lines we do not
 * interpret (comments, blank lines, `@cert-authority` / `@revoked` markers,
 * wildcard patterns) are kept verbatim on rewrite and never match.
 *
 * Security rule: if a host:port has any key on file and the key presented is not
 * one of them, the key has *changed*, even when the presented key is of another
 * type. OpenSSH refuses that case too under strict checking; accepting it would
 * let an attacker offer a key type we have not seen yet.
 */
import { createHash, createHmac } from 'node:crypto';
import { isIPv6 } from 'node:net';

/** A line that carries a host key. */
export interface KnownHostEntry {
  readonly kind: 'entry';
  /** The names of the first field, as written (plain, `[host]:port` or hashed). */
  readonly names: readonly string[];
  readonly keyType: string;
  /** The key blob in base64, exactly as written in the file. */
  readonly keyBase64: string;
  /** Anything after the key (OpenSSH allows a comment there). */
  readonly comment: string;
  /** The line as read: written back byte for byte while the entry is unchanged. */
  readonly text?: string;
}

/** A line kept verbatim: comment, blank, marker, or anything we do not interpret. */
export interface KnownHostsVerbatimLine {
  readonly kind: 'verbatim';
  readonly text: string;
}

export type KnownHostsLine = KnownHostEntry | KnownHostsVerbatimLine;

/** The outcome of comparing a presented host key with the file. */
export type HostKeyLookup =
  | { readonly status: 'known' }
  | { readonly status: 'unknown' }
  | {
      readonly status: 'changed';
      /** Fingerprints of the keys on file for this host:port. */
      readonly knownFingerprints: readonly string[];
    };

const SSH_DEFAULT_PORT = 22;

/** The name OpenSSH writes for a host and port: `host` on 22, `[host]:port` otherwise. */
export function knownHostName(host: string, port: number): string {
  const normalized = host.toLowerCase();
  return port === SSH_DEFAULT_PORT ? normalized : `[${normalized}]:${port}`;
}

/**
 * A host as names are compared: an IPv6 address in its one canonical spelling (RFC 5952:
 * lowercase, longest run of zeros compressed), so `2001:DB8:0:0::1` is `2001:db8::1`;
 * anything else lowercase.
 */
export function normalHost(host: string): string {
  // The URL parser writes IPv6 hosts in RFC 5952 form; zone ids (fe80::1%eth0) it refuses.
  if (isIPv6(host) && !host.includes('%'))
    return new URL(`http://[${host}]/`).hostname.slice(1, -1);
  return host.toLowerCase();
}

/** One key of one host:port, as a map key: any spelling of the host is the same host. */
export function hostKeyId(host: string, port: number, fingerprint: string): string {
  return `${normalHost(host)}|${port}|${fingerprint}`;
}

/**
 * How messages write a host and port so that `swarmlab known-hosts forget` reads it back:
 * `host` on 22, `host:port`, or `[IPv6]:port` (a bare IPv6 address cannot take a port).
 */
export function hostPortLabel(host: string, port: number): string {
  if (port === SSH_DEFAULT_PORT) return host;
  return isIPv6(host) ? `[${host}]:${port}` : `${host}:${port}`;
}

/**
 * The fingerprint as `ssh-keygen -l` and `ssh` print it: `SHA256:` followed by the
 * unpadded base64 of sha256 over the raw public key blob.
 */
export function hostKeyFingerprint(keyBlob: Buffer): string {
  const digest = createHash('sha256').update(keyBlob).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/**
 * The key type named inside an SSH public key blob (its first length-prefixed
 * string, e.g. `ssh-ed25519`). Reading it from the blob rather than trusting the
 * negotiated algorithm keeps `rsa-sha2-512` sessions filed as `ssh-rsa`, as
 * OpenSSH does.
 */
export function keyTypeOfBlob(keyBlob: Buffer): string {
  if (keyBlob.length < 4) throw new Error('Malformed SSH public key blob');
  const length = keyBlob.readUInt32BE(0);
  if (length === 0 || length > 64 || keyBlob.length < 4 + length) {
    throw new Error('Malformed SSH public key blob');
  }
  return keyBlob.subarray(4, 4 + length).toString('latin1');
}

/** Parses a known_hosts file. Never throws: lines it cannot read are kept verbatim. */
export function parseKnownHosts(text: string): KnownHostsLine[] {
  if (text === '') return [];
  const rawLines = text.split('\n');
  // A trailing newline ends the last line; it does not start an empty one.
  if (rawLines.at(-1) === '') rawLines.pop();
  return rawLines.map(parseLine);
}

function parseLine(rawLine: string): KnownHostsLine {
  const text = rawLine.endsWith('\r') ? rawLine.slice(0, -1) : rawLine;
  const trimmed = text.trim();
  if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('@')) {
    return { kind: 'verbatim', text };
  }
  const match = /^(\S+)\s+(\S+)\s+(\S+)(?:\s+(.*))?$/.exec(trimmed);
  if (!match) return { kind: 'verbatim', text };
  const [, namesField = '', keyType = '', keyBase64 = '', comment = ''] = match;
  if (!isBase64(keyBase64)) return { kind: 'verbatim', text };
  return { kind: 'entry', names: namesField.split(','), keyType, keyBase64, comment, text };
}

function isBase64(value: string): boolean {
  return /^[A-Za-z0-9+/]+={0,2}$/.test(value);
}

/** Writes lines back in the same format; always ends with a newline when non-empty. */
export function serializeKnownHosts(lines: readonly KnownHostsLine[]): string {
  if (lines.length === 0) return '';
  return lines.map(serializeLine).join('\n') + '\n';
}

function serializeLine(line: KnownHostsLine): string {
  if (line.kind === 'verbatim') return line.text;
  if (line.text !== undefined) return line.text;
  const fields = [line.names.join(','), line.keyType, line.keyBase64];
  if (line.comment) fields.push(line.comment);
  return fields.join(' ');
}

/**
 * Whether one name of an entry's first field designates this host:port. Plain names are
 * compared by host (any spelling of an IPv6 address) and port; a hashed name can only be
 * compared with exact spellings: the one swarmlab writes and the canonical one.
 */
function nameMatches(name: string, host: string, port: number): boolean {
  if (name.startsWith('|1|')) {
    return [knownHostName(host, port), knownHostName(normalHost(host), port)].some((wanted) =>
      hashedNameMatches(name, wanted),
    );
  }
  // Wildcards and negations are OpenSSH patterns we deliberately do not expand.
  if (/[*?!]/.test(name)) return false;
  const bracketed = /^\[([^\]]+)\]:(\d+)$/.exec(name);
  const [nameHost, namePort] = bracketed
    ? [bracketed[1] ?? '', Number(bracketed[2])]
    : [name, SSH_DEFAULT_PORT];
  return namePort === port && normalHost(nameHost) === normalHost(host);
}

/** OpenSSH HashKnownHosts: `|1|base64(salt)|base64(HMAC-SHA1(salt, name))`. */
function hashedNameMatches(name: string, wanted: string): boolean {
  const [, , saltBase64, hashBase64] = name.split('|');
  if (!saltBase64 || !hashBase64) return false;
  const computed = createHmac('sha1', Buffer.from(saltBase64, 'base64'))
    .update(wanted)
    .digest('base64');
  return computed === hashBase64;
}

function entriesFor(
  lines: readonly KnownHostsLine[],
  host: string,
  port: number,
): KnownHostEntry[] {
  return lines.filter(
    (line): line is KnownHostEntry =>
      line.kind === 'entry' && line.names.some((name) => nameMatches(name, host, port)),
  );
}

/** Compares the key a server presented with what the file says about host:port. */
export function lookupHostKey(
  lines: readonly KnownHostsLine[],
  host: string,
  port: number,
  keyBlob: Buffer,
): HostKeyLookup {
  const entries = entriesFor(lines, host, port);
  if (entries.length === 0) return { status: 'unknown' };
  const presentedType = keyTypeOfBlob(keyBlob);
  const same = entries.some(
    (entry) =>
      entry.keyType === presentedType && Buffer.from(entry.keyBase64, 'base64').equals(keyBlob),
  );
  if (same) return { status: 'known' };
  return {
    status: 'changed',
    knownFingerprints: entries.map((entry) =>
      hostKeyFingerprint(Buffer.from(entry.keyBase64, 'base64')),
    ),
  };
}

/** Returns the lines with a new entry for host:port appended (no-op when already known). */
export function addHostKey(
  lines: readonly KnownHostsLine[],
  host: string,
  port: number,
  keyBlob: Buffer,
): KnownHostsLine[] {
  if (lookupHostKey(lines, host, port, keyBlob).status === 'known') return [...lines];
  const entry: KnownHostEntry = {
    kind: 'entry',
    names: [knownHostName(host, port)],
    keyType: keyTypeOfBlob(keyBlob),
    keyBase64: keyBlob.toString('base64'),
    comment: '',
  };
  return [...lines, entry];
}

/**
 * Forgets every key of host:port. A line that also names other hosts keeps
 * them (only this name is dropped); a hashed line names one host and goes whole.
 */
export function removeHostKeys(
  lines: readonly KnownHostsLine[],
  host: string,
  port: number,
): { lines: KnownHostsLine[]; removed: number } {
  let removed = 0;
  const kept: KnownHostsLine[] = [];
  for (const line of lines) {
    if (line.kind !== 'entry') {
      kept.push(line);
      continue;
    }
    const otherNames = line.names.filter((name) => !nameMatches(name, host, port));
    if (otherNames.length === line.names.length) {
      kept.push(line);
      continue;
    }
    removed += 1;
    if (otherNames.length > 0) kept.push({ ...line, names: otherNames, text: undefined });
  }
  return { lines: kept, removed };
}

/**
 * Makes `keyBlobs` the keys of host:port: its entries are removed as by removeHostKeys and
 * the given keys appended. Every other line is kept as it was.
 */
export function replaceHostKeys(
  lines: readonly KnownHostsLine[],
  host: string,
  port: number,
  keyBlobs: readonly Buffer[],
): { lines: KnownHostsLine[]; removed: number } {
  const alreadyExactly =
    entriesFor(lines, host, port).length === keyBlobs.length &&
    keyBlobs.every((blob) => lookupHostKey(lines, host, port, blob).status === 'known');
  if (alreadyExactly) return { lines: [...lines], removed: 0 };
  const result = removeHostKeys(lines, host, port);
  return {
    lines: keyBlobs.reduce((kept, blob) => addHostKey(kept, host, port, blob), result.lines),
    removed: result.removed,
  };
}
