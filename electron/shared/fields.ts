/**
 * The values a run's records hold, as zod schemas with strict patterns.
 *
 * A journal is a file on disk, and what it says reaches code: logins and addresses become the
 * `ssh` destinations of reproduce.sh, host and step ids become shell variable names and keys.
 * So values of that kind have strict patterns (a user name cannot start with "-" and turn into
 * an ssh option), and a record that does not fit is refused. Text meant for people (messages,
 * command output) stays free: the journal is a faithful record of what hosts said, and every
 * place that shows it makes it safe there.
 */
import { z } from 'zod';
import { isAddress } from './address';

/** How a rejected value is quoted in a message: short, and as JSON so nothing in it acts. */
export function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function pattern(regex: RegExp, what: string, rule: string) {
  return z
    .string()
    .regex(regex, { error: (issue) => `${shown(issue.input)} is not ${what} (${rule})` });
}

/** A login as the inventory takes it (inventory/schema.ts), so never an option like `-oX=…`. */
export const LOGIN_USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** A host id: a hostname, an address, or address:port (inventory/resolve.ts hostId). */
const HOST_ID = /^[A-Za-z0-9:][A-Za-z0-9.:%-]{0,299}$/;
/** A step id (steps/*.ts): a word with dashes. */
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A run id: a UUID, or a name made of the same kind of characters. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** An RFC 1123 label (address.ts isHostnameLabel). */
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** File mode in octal, as "0644". */
const FILE_MODE = /^[0-7]{3,4}$/;

export function isLoginUser(value: string): boolean {
  return LOGIN_USER.test(value);
}

/** An IPv4 or IPv6 address or a DNS name: never starts with "-", holds no space or quote. */
export function isHostAddress(value: string): boolean {
  return isAddress(value) && !value.startsWith('-');
}

export const userSchema = pattern(
  LOGIN_USER,
  'a user name',
  'letters, digits, "_", "." and "-", starting with a letter or "_", at most 32',
);
export const hostIdSchema = pattern(
  HOST_ID,
  'a host id',
  'a hostname, an address or address:port, not starting with "-"',
);
export const stepIdSchema = pattern(STEP_ID, 'a step id', 'letters, digits, ".", "_" and "-"');
export const runIdSchema = pattern(RUN_ID, 'a run id', 'letters, digits, ".", "_", ":" and "-"');
export const hostnameSchema = pattern(
  HOSTNAME,
  'a hostname',
  'letters, digits and "-", at most 63',
);
export const fileModeSchema = pattern(FILE_MODE, 'a file mode', 'octal, e.g. "0644"');
export const addressSchema = z.string().refine(isHostAddress, {
  error: (issue) => `${shown(issue.input)} is not an IP address or DNS name`,
});
export const portSchema = z.number().int().min(1).max(65535);
export const countSchema = z.number().int().nonnegative();
export const durationSchema = z.number().nonnegative();
/** Milliseconds since the epoch. */
export const atSchema = z.number().nonnegative();
