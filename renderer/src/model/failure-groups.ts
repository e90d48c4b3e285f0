/**
 * Failures of a run, grouped: the same step failing the same way on many hosts ("17 hosts
 * unreachable") is one entry with one set of actions, not one red box per host.
 */
import type { PlanHostSummary as PlanHost } from '../../../electron/shared/plan';

export interface Failure {
  host: string;
  step: string;
  message: string;
}

export interface FailureGroup {
  step: string;
  /** The first host's message, as it said it. */
  message: string;
  /** The hosts it failed on, in the order of the run's hosts. */
  hosts: string[];
}

const HOST_WORD = '\u0000host\u0000';

/** Escapes text for a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The message with the host's own words (its id, address, hostname) taken out, so that
 * "connect 10.0.0.4:22: EHOSTUNREACH" and "connect 10.0.0.5:22: EHOSTUNREACH" are one failure.
 */
export function failureShape(message: string, host: PlanHost | undefined): string {
  if (!host) return message;
  // Longest first: an address that contains the id (host "1", address 10.0.0.1) stays whole.
  const words = [host.address, host.hostname, host.id]
    .filter((word): word is string => typeof word === 'string' && word !== '')
    .sort((a, b) => b.length - a.length);
  if (words.length === 0) return message;
  const pattern = new RegExp(
    `(?<![\\w.:-])(?:${words.map(literal).join('|')})(?![\\w-]|\\.\\w)`,
    'g',
  );
  return message.replace(pattern, HOST_WORD);
}

export function groupFailures(
  failures: readonly Failure[],
  hosts: readonly PlanHost[],
): FailureGroup[] {
  const hostById = new Map(hosts.map((host) => [host.id, host]));
  const order = new Map(hosts.map((host, index) => [host.id, index]));
  const groups = new Map<string, FailureGroup>();
  for (const failure of failures) {
    const key = `${failure.step}\u0001${failureShape(failure.message, hostById.get(failure.host))}`;
    const group = groups.get(key);
    if (group) group.hosts.push(failure.host);
    else groups.set(key, { step: failure.step, message: failure.message, hosts: [failure.host] });
  }
  for (const group of groups.values())
    group.hosts.sort((a, b) => (order.get(a) ?? 0) - (order.get(b) ?? 0));
  return [...groups.values()];
}

/** A group's hosts in one line: the first few by name, then how many more ("and 9 more"). */
export function hostsInOneLine(
  hosts: readonly string[],
  andMore: (count: number) => string,
  shown = 8,
): string {
  const named = hosts.slice(0, shown).join(', ');
  return hosts.length > shown ? `${named} ${andMore(hosts.length - shown)}` : named;
}
