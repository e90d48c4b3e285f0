/**
 * Address and name checks that every layer shares: IPv4 and IPv6 literals, RFC 1123 labels and
 * DNS names. Pure string checks with no Node module, so the renderer can run them too; they
 * answer as Node's `net.isIPv4` / `net.isIPv6` do (tests/unit/shared/address.test.ts compares).
 */

/** One decimal part of a dotted IPv4 address: 0..255, no leading zero. */
const IPV4_PART = '(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])';
const IPV4 = new RegExp(`^(?:${IPV4_PART}\\.){3}${IPV4_PART}$`);
/** One group of an IPv6 address: 1 to 4 hex digits. */
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;
/** What may follow `%` in a scoped IPv6 address (an interface name or number). */
const IPV6_ZONE = /^[0-9a-zA-Z.:-]+$/;
/** An RFC 1123 label: letters, digits and '-', 1..63 chars, no '-' at either end. */
const LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;

export function isIPv4(value: string): boolean {
  return IPV4.test(value);
}

/**
 * Eight groups, or fewer with one `::` standing for at least one group of zeros; the last two
 * groups may be written as an IPv4 address; an optional `%zone` follows.
 */
export function isIPv6(value: string): boolean {
  const percent = value.indexOf('%');
  const address = percent < 0 ? value : value.slice(0, percent);
  if (percent >= 0 && !IPV6_ZONE.test(value.slice(percent + 1))) return false;
  const gap = address.indexOf('::');
  if (gap >= 0 && address.indexOf('::', gap + 1) >= 0) return false;
  const head = gap < 0 ? address : address.slice(0, gap);
  const tail = gap < 0 ? '' : address.slice(gap + 2);
  const groups = [...(head === '' ? [] : head.split(':')), ...(tail === '' ? [] : tail.split(':'))];
  if (gap < 0 && groups.length === 0) return false;
  const last = groups.at(-1) ?? '';
  // An IPv4 ending stands for two groups, and only where the address ends in it.
  const endsInIPv4 = (gap < 0 || tail !== '') && isIPv4(last);
  const hexGroups = endsInIPv4 ? groups.slice(0, -1) : groups;
  if (!hexGroups.every((group) => IPV6_GROUP.test(group))) return false;
  const count = hexGroups.length + (endsInIPv4 ? 2 : 0);
  return gap < 0 ? count === 8 : count <= 7;
}

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
