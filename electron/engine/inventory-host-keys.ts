/**
 * The host keys of an inventory's hosts, read without logging in to them (ssh/host-key-probe.ts):
 * what the wizard and the CLI show a person before anything is sent to a host.
 */
import { resolveHosts, type Inventory, type SecretsResolution } from './inventory';
import { sshTargetFor } from './setup';
import type { KnownHostsStore } from './ssh/known-hosts-store';
import { probeHostKey, type ProbedHostKey } from './ssh/host-key-probe';

const READ_TIMEOUT_MS = 15_000;

export type InventoryHostKey =
  | { hostIndex: number; hostId: string; key: ProbedHostKey }
  | { hostIndex: number; hostId: string; error: string };

/**
 * Each listed host's key (all hosts by default), or its first untrusted jump host's. A key
 * exchange each and no login: cheap enough to ask every host at once.
 */
export async function readInventoryHostKeys(
  inventory: Inventory,
  secrets: SecretsResolution,
  store: KnownHostsStore,
  options: { env?: NodeJS.ProcessEnv; hostIndexes?: readonly number[] } = {},
): Promise<InventoryHostKey[]> {
  const hosts = resolveHosts(inventory);
  const wanted = options.hostIndexes ?? hosts.map((_, index) => index);
  return Promise.all(
    wanted.map(async (hostIndex): Promise<InventoryHostKey> => {
      const host = hosts[hostIndex];
      if (!host)
        return { hostIndex, hostId: '', error: `there is no host number ${hostIndex + 1}` };
      // Only a jump host is ever logged in to (when its key is on file): its secrets count.
      const target = sshTargetFor(host, inventory, secrets, undefined);
      try {
        const key = await probeHostKey(target, store, {
          ...(options.env ? { env: options.env } : {}),
          readyTimeoutMs: READ_TIMEOUT_MS,
        });
        return { hostIndex, hostId: host.id, key };
      } catch (error) {
        return {
          hostIndex,
          hostId: host.id,
          error: error instanceof Error ? error.message : String(error),
        };
      }
    }),
  );
}
