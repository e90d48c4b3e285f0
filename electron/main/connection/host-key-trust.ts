/**
 * The wizard's trust in host keys, decided by the person: keys are read without logging in
 * (a check, or a connection test refused at an unknown key), shown with their fingerprints, and
 * written to known_hosts only when the person accepts one of the keys shown. What is written is
 * the key the app was shown, never one fetched again after the click.
 */
import { knownHostsPath } from '../../engine/app-paths';
import { resolveSecrets, type Inventory } from '../../engine/inventory';
import { readInventoryHostKeys } from '../../engine/inventory-host-keys';
import { KnownHostsStore, type ProbedHostKey } from '../../engine/ssh';
import { hostKeyId } from '../../engine/ssh/known-hosts';
import type {
  HostKey,
  HostKeyCheck,
  TrustHostKeyRequest,
  TrustHostKeyResult,
} from '../../contract/connection';

/** Keys shown and not decided on yet; old ones go first past this many. */
const REMEMBERED_KEYS = 1_000;

export class HostKeyDecisions {
  /** `host|port|fingerprint` → the key blob that was shown. */
  private readonly shown = new Map<string, Buffer>();

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  get store(): KnownHostsStore {
    return new KnownHostsStore(knownHostsPath(this.env));
  }

  /** Keeps a presented key so that the person can trust exactly it; returns it as shown. */
  shownKey(probed: ProbedHostKey): HostKey {
    const id = hostKeyId(probed.host, probed.port, probed.fingerprint);
    this.shown.delete(id);
    this.shown.set(id, probed.key);
    if (this.shown.size > REMEMBERED_KEYS) {
      const oldest = this.shown.keys().next().value;
      if (oldest !== undefined) this.shown.delete(oldest);
    }
    return {
      host: probed.host,
      port: probed.port,
      keyType: probed.keyType,
      fingerprint: probed.fingerprint,
      status: probed.status,
      ...(probed.status === 'changed' ? { knownFingerprints: [...probed.knownFingerprints] } : {}),
    };
  }

  async trust(request: TrustHostKeyRequest): Promise<TrustHostKeyResult> {
    const key = this.shown.get(hostKeyId(request.host, request.port, request.fingerprint));
    if (!key) {
      return {
        trusted: false,
        message: `swarmlab has not been shown the key ${request.fingerprint} of ${request.host}:${request.port}; test the connection again to see the host's key`,
      };
    }
    const store = this.store;
    const lookup = await store.lookup(request.host, request.port, key);
    if (lookup.status === 'changed' && !request.replaceKnown) {
      return {
        trusted: false,
        message: `the key of ${request.host}:${request.port} changed (on file: ${lookup.knownFingerprints.join(', ')}); only replacing the old key on purpose trusts the new one`,
      };
    }
    if (lookup.status === 'changed') {
      await store.replace([{ host: request.host, port: request.port, keyBlobs: [key] }]);
    } else if (lookup.status === 'unknown') {
      await store.add(request.host, request.port, key);
    }
    return { trusted: true };
  }
}

/** Reads the keys of the listed hosts (all by default) without sending them any credential. */
export async function checkHostKeys(
  inventory: Inventory,
  hostIndexes: readonly number[] | undefined,
  decisions: HostKeyDecisions,
  env: NodeJS.ProcessEnv,
): Promise<HostKeyCheck[]> {
  const answers = await readInventoryHostKeys(
    inventory,
    resolveSecrets(inventory, env),
    decisions.store,
    {
      env,
      ...(hostIndexes ? { hostIndexes } : {}),
    },
  );
  return answers.map((answer) =>
    'key' in answer
      ? {
          hostIndex: answer.hostIndex,
          hostId: answer.hostId,
          ok: true,
          key: decisions.shownKey(answer.key),
        }
      : { hostIndex: answer.hostIndex, hostId: answer.hostId, ok: false, message: answer.error },
  );
}
