/**
 * Turning what people paste into the wizard into hosts: address ranges
 * ("192.168.11.130-150") and /etc/hosts lines ("192.168.11.131 node01").
 */
import {
  intToIpv4,
  ipv4ToInt,
  isDnsName,
  isHostnameLabel,
  isIPv4,
  isIPv6,
  parseCidr4,
  suggestHostname,
} from './net';
import { findControlCharacter, show } from './rules';

/** A problem on one line of pasted text. `line` is 1-based. */
export interface LineIssue {
  line: number;
  text: string;
  message: string;
  fix: string;
}

/** The most addresses one paste may expand to: a typo must not make 16 million hosts. */
export const MAX_EXPANDED_ADDRESSES = 1024;

export interface AddressList {
  addresses: string[];
  errors: LineIssue[];
}

/**
 * Expands address ranges, one or more per line (separated by commas or spaces; "#" starts a
 * comment):
 * - `192.168.11.130-150` (last octet), `192.168.11.250-192.168.12.5` (full addresses)
 * - `192.168.11.128/29` (the usable addresses of a block)
 * - a single IPv4 or IPv6 address, or a DNS name.
 * Duplicates are dropped; order is kept.
 */
export function expandAddressRange(text: string): AddressList {
  const addresses: string[] = [];
  const seen = new Set<string>();
  const errors: LineIssue[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, rawLine] of lines.entries()) {
    const line = index + 1;
    const content = (rawLine.split('#')[0] ?? '').trim();
    if (content.length === 0) continue;
    const fail = (message: string, fix: string) =>
      errors.push({ line, text: rawLine, message, fix });
    const control = findControlCharacter(content.replace(/\t/g, ' '));
    if (control !== undefined) {
      fail(`line ${line} contains a ${control}`, 'remove it');
      continue;
    }
    for (const item of content.split(/[\s,;]+/).filter((part) => part.length > 0)) {
      const expanded = expandItem(item);
      if ('error' in expanded) {
        fail(`line ${line}: ${expanded.error}`, expanded.fix);
        continue;
      }
      if (addresses.length + expanded.addresses.length > MAX_EXPANDED_ADDRESSES) {
        fail(
          `line ${line}: ${show(item)} makes more than ${MAX_EXPANDED_ADDRESSES} addresses`,
          'split the range or check it for a typo',
        );
        return { addresses, errors };
      }
      for (const address of expanded.addresses) {
        if (seen.has(address)) continue;
        seen.add(address);
        addresses.push(address);
      }
    }
  }
  return { addresses, errors };
}

type Expanded = { addresses: string[] } | { error: string; fix: string };

const RANGE_FIX = 'write a range like "192.168.11.130-150" or "192.168.11.130-192.168.11.150"';

function expandItem(item: string): Expanded {
  if (item.includes('/')) {
    const block = parseCidr4(item);
    if (!block)
      return {
        error: `${show(item)} is not an IPv4 CIDR block`,
        fix: 'write e.g. "192.168.11.128/29"',
      };
    if (block.network !== item)
      return { error: `${show(item)} has host bits set`, fix: `write ${show(block.network)}` };
    const size = block.end - block.start + 1;
    if (size > MAX_EXPANDED_ADDRESSES + 2)
      return {
        error: `${show(item)} has ${size} addresses`,
        fix: `use a block of at most ${MAX_EXPANDED_ADDRESSES} addresses (/22)`,
      };
    // /31 and /32 have no network or broadcast address to leave out.
    const first = block.prefix >= 31 ? block.start : block.start + 1;
    const last = block.prefix >= 31 ? block.end : block.end - 1;
    return { addresses: span(first, last) };
  }
  const dash = item.indexOf('-');
  if (dash > 0 && /^\d/.test(item)) {
    const from = item.slice(0, dash);
    const to = item.slice(dash + 1);
    if (!isIPv4(from)) return { error: `${show(from)} is not an IPv4 address`, fix: RANGE_FIX };
    let end: string;
    if (/^\d{1,3}$/.test(to)) {
      if (Number(to) > 255) return { error: `${to} is above 255`, fix: RANGE_FIX };
      end = `${from.slice(0, from.lastIndexOf('.'))}.${Number(to)}`;
    } else if (isIPv4(to)) {
      end = to;
    } else {
      return { error: `${show(to)} is not the end of a range`, fix: RANGE_FIX };
    }
    const start = ipv4ToInt(from);
    const stop = ipv4ToInt(end);
    if (stop < start) {
      const swapped = /^\d{1,3}$/.test(to)
        ? `${end}-${from.split('.').pop() ?? ''}`
        : `${end}-${from}`;
      return {
        error: `${show(item)} runs backwards`,
        fix: `write the smaller address first: ${show(swapped)}`,
      };
    }
    if (stop - start + 1 > MAX_EXPANDED_ADDRESSES)
      return {
        error: `${show(item)} has ${stop - start + 1} addresses`,
        fix: `use a range of at most ${MAX_EXPANDED_ADDRESSES}`,
      };
    return { addresses: span(start, stop) };
  }
  if (isIPv4(item) || isIPv6(item) || isDnsName(item)) return { addresses: [item] };
  return {
    error: `${show(item)} is not an address, a range or a DNS name`,
    fix: `${RANGE_FIX}, a single address or a name like "node01.lab"`,
  };
}

function span(start: number, end: number): string[] {
  const out: string[] = [];
  for (let value = start; value <= end; value++) out.push(intToIpv4(value));
  return out;
}

// ---------------------------------------------------------------------------------------
// /etc/hosts

export interface HostsFileEntry {
  address: string;
  /** A name usable as the host's hostname (a single label). */
  hostname: string;
  /** Every name on the line, as written. */
  names: string[];
  line: number;
}

export interface HostsFileList {
  entries: HostsFileEntry[];
  errors: LineIssue[];
}

function isLocalOnly(address: string): boolean {
  if (isIPv4(address)) return address.startsWith('127.') || address === '0.0.0.0';
  const lower = address.toLowerCase();
  return lower === '::1' || lower === '::' || lower.startsWith('ff0') || lower.startsWith('fe00:');
}

/**
 * Reads lines in /etc/hosts format, `IP name [aliases…]`. Comments ("#") and blank lines are
 * skipped, so are loopback and multicast lines (localhost, ip6-allnodes…). The hostname is
 * the first name that is a single label (node01 from "node01.lab node01"), else the first
 * label of the first name.
 */
export function parseHostsFileLines(text: string): HostsFileList {
  const entries: HostsFileEntry[] = [];
  const errors: LineIssue[] = [];
  for (const [index, rawLine] of text.split(/\r?\n/).entries()) {
    const line = index + 1;
    const content = (rawLine.split('#')[0] ?? '').trim();
    if (content.length === 0) continue;
    const fail = (message: string, fix: string) =>
      errors.push({ line, text: rawLine, message, fix });
    const control = findControlCharacter(content.replace(/\t/g, ' '));
    if (control !== undefined) {
      fail(`line ${line} contains a ${control}`, 'remove it');
      continue;
    }
    const [address = '', ...names] = content.split(/\s+/);
    if (!isIPv4(address) && !isIPv6(address)) {
      fail(
        `line ${line}: ${show(address)} is not an IP address`,
        'write the address first, then the name: "192.168.11.131 node01"',
      );
      continue;
    }
    if (isLocalOnly(address)) continue;
    if (names.length === 0) {
      fail(
        `line ${line}: ${address} has no name`,
        `add a name after the address: "${address} node01"`,
      );
      continue;
    }
    const bad = names.find((name) => !isDnsName(name));
    if (bad !== undefined) {
      fail(
        `line ${line}: ${show(bad)} is not a valid host name`,
        `use letters, digits and '-' (max 63 per label), e.g. ${show(suggestHostname(bad))}`,
      );
      continue;
    }
    const label =
      names.find((name) => isHostnameLabel(name)) ?? (names[0] ?? '').split('.')[0] ?? '';
    entries.push({ address, hostname: label, names, line });
  }
  return { entries, errors };
}
