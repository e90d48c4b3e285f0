/**
 * Address and name checks for the inventory: IPv4/IPv6 literals, DNS names, CIDR blocks,
 * Docker and RFC 1123 names. Pure functions, no I/O.
 */
import { domainToASCII } from 'node:url';
import { isAddress, isDnsName, isHostnameLabel, isIPv4, isIPv6 } from '../../shared/address';
import { MAX_URL_LENGTH } from './limits';
import { localized, type Localized } from '../../shared/messages';

// The checks the journal shares with the inventory live in shared/address.ts (no Node module).
export { isAddress, isDnsName, isHostnameLabel, isIPv4, isIPv6 };

/**
 * A suggestion for a value that is not a valid hostname: lowercase, invalid characters
 * replaced with '-', no '-' at either end, at most 63 chars.
 */
export function suggestHostname(value: string): string {
  const cleaned = value
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/g, '');
  return cleaned.length > 0 ? cleaned : 'node-1';
}

export function ipv4ToInt(address: string): number {
  const parts = address.split('.').map(Number);
  return (
    (((parts[0] ?? 0) << 24) |
      ((parts[1] ?? 0) << 16) |
      ((parts[2] ?? 0) << 8) |
      (parts[3] ?? 0)) >>>
    0
  );
}

export function intToIpv4(value: number): string {
  return [value >>> 24, (value >>> 16) & 255, (value >>> 8) & 255, value & 255].join('.');
}

export interface Cidr4 {
  /** The address as written (may have host bits set, e.g. a `bip`). */
  address: string;
  prefix: number;
  /** First address of the block, as an unsigned 32-bit integer. */
  start: number;
  /** Last address of the block. */
  end: number;
  /** The block written with its network address, e.g. "10.10.0.0/24". */
  network: string;
}

/** Parses "a.b.c.d/n"; undefined when it is not an IPv4 CIDR. */
export function parseCidr4(value: string): Cidr4 | undefined {
  const match = /^(\d{1,3}(?:\.\d{1,3}){3})\/(\d{1,2})$/.exec(value);
  if (!match) return undefined;
  const address = match[1] ?? '';
  const prefix = Number(match[2]);
  if (!isIPv4(address) || prefix > 32) return undefined;
  const mask = prefix === 0 ? 0 : (0xffffffff << (32 - prefix)) >>> 0;
  const start = (ipv4ToInt(address) & mask) >>> 0;
  const end = (start | (~mask >>> 0)) >>> 0;
  return { address, prefix, start, end, network: `${intToIpv4(start)}/${prefix}` };
}

/** Parses "addr/n" with an IPv6 address; only the syntax is checked. */
export function isCidr6(value: string): boolean {
  const slash = value.lastIndexOf('/');
  if (slash < 0) return false;
  const prefix = value.slice(slash + 1);
  return isIPv6(value.slice(0, slash)) && /^\d{1,3}$/.test(prefix) && Number(prefix) <= 128;
}

export function cidrsOverlap(a: Cidr4, b: Cidr4): boolean {
  return a.start <= b.end && b.start <= a.end;
}

/** The private ranges of RFC 1918: addresses that never appear on the internet. */
const PRIVATE_RANGES = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16'].map(
  (range) => parseCidr4(range) as Cidr4,
);

/** Whether the whole block lies inside one of RFC 1918's private ranges. */
export function isPrivateBlock(block: Cidr4): boolean {
  return PRIVATE_RANGES.some((range) => range.start <= block.start && block.end <= range.end);
}

export function cidrContains(block: Cidr4, address: string): boolean {
  if (!isIPv4(address)) return false;
  const value = ipv4ToInt(address);
  return value >= block.start && value <= block.end;
}

/** host, host:port, [v6]:port or an IPv4 CIDR — the forms Docker takes in `insecure-registries`. */
export function isRegistryHost(value: string): boolean {
  if (parseCidr4(value) || isCidr6(value)) return true;
  const bracketed = /^\[([^\]]+)\](?::(\d{1,5}))?$/.exec(value);
  if (bracketed) return isIPv6(bracketed[1] ?? '') && isPort(bracketed[2]);
  const colon = value.lastIndexOf(':');
  if (colon < 0) return isIPv4(value) || isDnsName(value);
  const host = value.slice(0, colon);
  return (isIPv4(host) || isDnsName(host)) && isPort(value.slice(colon + 1));
}

function isPort(value: string | undefined): boolean {
  if (value === undefined) return true;
  if (!/^\d{1,5}$/.test(value)) return false;
  const port = Number(value);
  return port >= 1 && port <= 65535;
}

/** A base URL that passed: scheme and host in lowercase, no trailing slash. */
export interface HttpUrl {
  ok: true;
  /** The normalised URL. */
  url: string;
  scheme: 'http' | 'https';
  /** The host as written in a URL: a DNS name, an IPv4 address or `[IPv6]`. */
  host: string;
  port: number | undefined;
  /** The path without its trailing slashes, `''` for the root. */
  path: string;
}

/** Why a value is not a base URL, and how to fix it. Never quotes credentials. */
export interface UrlProblem {
  ok: false;
  problem: Localized;
  fix: Localized;
  /** False when the value must not be quoted back: it holds credentials, or is far too long. */
  quotable: boolean;
}

/** What RFC 3986 allows in a URL, besides `%` followed by two hex digits. */
const URL_CHARACTER = /[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]/;
const CHARACTER_NAMES = {
  ' ': 'fieldRules.url.space',
  '"': 'fieldRules.url.doubleQuote',
  '\\': 'fieldRules.url.backslash',
  '`': 'fieldRules.url.backtick',
} as const;

/** The percent-encoded UTF-8 bytes of a printable character; undefined for controls. */
function percentEncoded(char: string): string | undefined {
  const code = char.codePointAt(0) ?? 0;
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return undefined;
  try {
    return encodeURIComponent(char);
  } catch {
    return undefined; // a lone surrogate has no UTF-8 form
  }
}

/** How to write a character a URL cannot hold: punycode in a host name, else percent-encoded. */
function characterFix(value: string, char: string): Localized {
  const authority = /^[^:]*:\/\/([^/?#]*)/.exec(value)?.[1] ?? '';
  const code = char.codePointAt(0) ?? 0;
  if (code > 0x7f && authority.includes(char)) {
    const ascii = domainToASCII(authority.replace(/:\d*$/, '').toLowerCase());
    if (ascii) return localized('fieldRules.url.asciiHostFix', { ascii });
  }
  const encoded = percentEncoded(char);
  return encoded
    ? localized('fieldRules.url.percentEncodeFix', { encoded })
    : localized('fieldRules.url.removeFix');
}

function describeCharacter(char: string): Localized {
  const code = char.codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  if (code < 0x20 || code === 0x7f)
    return localized('fieldRules.url.controlCharacter', { code: hex });
  const named = Object.entries(CHARACTER_NAMES).find(([known]) => known === char)?.[1];
  return named
    ? localized(named, { code: hex })
    : localized('fieldRules.url.otherCharacter', { character: JSON.stringify(char), code: hex });
}

/**
 * Parses an http(s) base URL the way every file swarmlab writes needs it: `http` or `https`, a
 * host (DNS name, IPv4 or bracketed IPv6), an optional port and a path; nothing outside RFC
 * 3986 (non-ASCII must be percent-encoded), no credentials, no query, no fragment, at most
 * {@link MAX_URL_LENGTH} characters. Normalises the scheme and host to lowercase, the port to
 * its number, percent escapes to uppercase hex, and drops trailing slashes.
 */
export function parseHttpBaseUrl(value: string): HttpUrl | UrlProblem {
  if (value.length > MAX_URL_LENGTH) {
    return {
      ok: false,
      quotable: false,
      problem: localized('fieldRules.url.tooLong', { length: value.length, max: MAX_URL_LENGTH }),
      fix: localized('fieldRules.url.tooLongFix'),
    };
  }
  // Checked before anything that quotes the value: the part before "@" may be a password.
  if (/^(?:[^/?#]*:\/\/)?[^/?#]*@/.test(value)) {
    return {
      ok: false,
      quotable: false,
      problem: localized('fieldRules.url.credentials'),
      fix: localized('fieldRules.url.credentialsFix'),
    };
  }
  const scheme = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(value)?.[1]?.toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return {
      ok: false,
      quotable: true,
      problem: scheme
        ? localized('fieldRules.url.otherScheme', { scheme })
        : localized('fieldRules.url.noScheme'),
      fix: localized('fieldRules.url.schemeFix'),
    };
  }
  const chars = [...value];
  for (const [index, char] of chars.entries()) {
    if (char === '%') {
      if (/^[0-9A-Fa-f]{2}$/.test(chars.slice(index + 1, index + 3).join(''))) continue;
      return {
        ok: false,
        quotable: true,
        problem: localized('fieldRules.url.badPercent'),
        fix: localized('fieldRules.url.badPercentFix'),
      };
    }
    if (URL_CHARACTER.test(char)) continue;
    return {
      ok: false,
      quotable: true,
      problem: localized('fieldRules.url.character', { character: describeCharacter(char) }),
      fix: characterFix(value, char),
    };
  }
  const rest = value.slice(scheme.length + 3);
  const authorityEnd = rest.search(/[/?#]/);
  const authority = authorityEnd === -1 ? rest : rest.slice(0, authorityEnd);
  const tail = authorityEnd === -1 ? '' : rest.slice(authorityEnd);
  const hostPort = /^(\[[^\]]*\]|[^:[\]]*)(?::(\d*))?$/.exec(authority);
  const rawHost = hostPort?.[1] ?? '';
  const host = rawHost.toLowerCase();
  const hostOk = host.startsWith('[') ? isIPv6(host.slice(1, -1)) : isIPv4(host) || isDnsName(host);
  if (!hostPort || !hostOk) {
    return {
      ok: false,
      quotable: true,
      problem: !hostPort
        ? localized('fieldRules.url.badAuthority', { authority: JSON.stringify(authority) })
        : rawHost === ''
          ? localized('fieldRules.url.noHost')
          : localized('fieldRules.url.badHost', { host: JSON.stringify(rawHost) }),
      fix: localized('fieldRules.url.hostFix'),
    };
  }
  const portText = hostPort[2];
  let port: number | undefined;
  if (portText !== undefined) {
    port = Number(portText);
    if (!/^\d{1,5}$/.test(portText) || port < 1 || port > 65535) {
      return {
        ok: false,
        quotable: true,
        problem: localized('fieldRules.url.badPort', { port: JSON.stringify(portText) }),
        fix: localized('fieldRules.url.badPortFix'),
      };
    }
  }
  if (tail.includes('?') || tail.includes('#')) {
    return {
      ok: false,
      quotable: true,
      problem: localized(tail.includes('?') ? 'fieldRules.url.query' : 'fieldRules.url.fragment'),
      fix: localized('fieldRules.url.queryFix'),
    };
  }
  if (/[[\]]/.test(tail)) {
    return {
      ok: false,
      quotable: true,
      problem: localized('fieldRules.url.brackets'),
      fix: localized('fieldRules.url.bracketsFix'),
    };
  }
  const dotSegment = (segment: string) => /^(?:\.|%2e){1,2}$/i.test(segment);
  if (tail.split('/').some(dotSegment)) {
    return {
      ok: false,
      quotable: true,
      problem: localized('fieldRules.url.dotSegment'),
      fix: localized('fieldRules.url.dotSegmentFix'),
    };
  }
  const path = tail.replace(/\/+$/, '').replace(/%[0-9a-f]{2}/gi, (escape) => escape.toUpperCase());
  const url = `${scheme}://${host}${port === undefined ? '' : `:${port}`}${path}`;
  return { ok: true, url, scheme, host, port, path };
}

/** Docker's rule for network (and container) names, [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export function isDockerName(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value);
}
