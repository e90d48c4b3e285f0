/**
 * Where the Access page's connection test and preflight disagree about a host. The test logs
 * in only with what the person gave (password, key, agent); preflight, like the run, first
 * tries swarmlab's own key, which an earlier run installed. So a host the test was refused on
 * can pass preflight — and a password that is wrong goes unnoticed until a run needs it (sudo,
 * a reset host). Said before moving on.
 */
import type { ConnectionTestResult } from '../../../electron/contract/connection';
import type { PlanHostSummary as PlanHost } from '../../../electron/shared/plan';

export interface Disagreement {
  /** The host's number in the table (1-based) and its address. */
  number: number;
  address: string;
}

interface TestedRow {
  key: string;
  address: string;
  port: number;
}

/**
 * Hosts whose connection test was refused (wrong credentials) while preflight logged in to them:
 * preflight's cell for the host is done (ok or changed) or any of its checks ran.
 */
export function refusedTestButPreflightIn(
  rows: readonly TestedRow[],
  tests: Readonly<Record<string, { state: string; result?: ConnectionTestResult }>>,
  preflightHosts: readonly PlanHost[],
  loggedIn: (hostId: string) => boolean,
): Disagreement[] {
  return rows.flatMap((row, index) => {
    const test = tests[row.key];
    if (test?.state !== 'done' || test.result?.ok !== false || test.result.code !== 'auth')
      return [];
    const host = preflightHosts.find(
      (candidate) =>
        candidate.address.toLowerCase() === row.address.trim().toLowerCase() &&
        candidate.port === row.port,
    );
    return host && loggedIn(host.id) ? [{ number: index + 1, address: row.address.trim() }] : [];
  });
}
