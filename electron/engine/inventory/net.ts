/**
 * Address and name checks for the inventory: IPv4/IPv6 literals, DNS names, CIDR blocks,
 * Docker and RFC 1123 names. Pure functions, no I/O.
 */
import { isIPv4, isIPv6 } from 'node:net';

export { isIPv4, isIPv6 };

/** An RFC 1123 label: letters, digits and '-', 1..63 chars, no '-' at either end. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isHostnameLabel(value: string): boolean {
  return LABEL.test(value);
}

/** A DNS name (one or more RFC 1123 labels, ≤ 253 chars) that does not look like a broken IPv4. */
export function isDnsName(value: string): boolean {
  const name = value.endsWith('.') ? value.slice(0, -1) : value;
  if (name.length === 0 || name.length > 253) return false;
  const labels = name.split('.');
  if (!labels.every((label) => LABEL.test(label))) return false;
  // "192.168.1.300" is a mistyped address, not a name: a top-level label is never all digits.
  return !/^\d+$/.test(labels[labels.length - 1] ?? '');
}

export function isAddress(value: string): boolean {
  return isIPv4(value) || isIPv6(value) || isDnsName(value);
}

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

/** An http(s) URL with a host and nothing that a shell or a config file would choke on. */
export function isHttpUrl(value: string): boolean {
  if (!/^https?:\/\//i.test(value)) return false;
  try {
    const url = new URL(value);
    return url.hostname.length > 0 && !/\s/.test(value);
  } catch {
    return false;
  }
}

/** Docker's rule for network (and container) names, [a-zA-Z0-9][a-zA-Z0-9_.-]*. */
export function isDockerName(value: string): boolean {
  return /^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(value);
}
