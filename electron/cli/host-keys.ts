/**
 * Before a command logs in anywhere: every host's key is read without logging in, and keys seen
 * for the first time are printed with their fingerprints and trusted only when the person says
 * so (or passed --yes). A key that changed stops the command before anything is sent. The run
 * itself then refuses any key that is not on file.
 */
import { knownHostsPath } from '../engine/app-paths';
import type { Inventory, SecretsResolution } from '../engine/inventory';
import { readInventoryHostKeys } from '../engine/inventory-host-keys';
import { KnownHostsStore, type ProbedHostKey } from '../engine/ssh';
import { hostKeyId, hostPortLabel } from '../engine/ssh/known-hosts';
import { terminalSafe } from '../engine/text/terminal-safe';
import type { TrustedNow } from '../engine/run/host-key-record';
import { confirm } from './prompt';

export interface HostKeyConsent {
  /** --yes: trust keys seen for the first time without asking. */
  yes: boolean;
  env?: NodeJS.ProcessEnv;
  /** Where the question and the fingerprints go; stderr by default. */
  write?: (text: string) => void;
  /** Asks the person; the terminal's y/N question by default. */
  ask?: (question: string) => Promise<boolean>;
  /** Only these hosts (positions in the inventory); every host by default. */
  hostIndexes?: readonly number[];
}

/**
 * The keys trusted now (for the journal to mark as first contacts), or undefined when the
 * command must stop: a key changed, or new keys were not accepted.
 */
export async function settleHostKeys(
  inventory: Inventory,
  secrets: SecretsResolution,
  consent: HostKeyConsent,
): Promise<TrustedNow[] | undefined> {
  const env = consent.env ?? process.env;
  const write = consent.write ?? ((text: string) => process.stderr.write(text));
  const store = new KnownHostsStore(knownHostsPath(env));
  // A host that does not answer now is the run's to report, in its own words.
  const probed = (
    await readInventoryHostKeys(inventory, secrets, store, {
      env,
      ...(consent.hostIndexes ? { hostIndexes: consent.hostIndexes } : {}),
    })
  ).flatMap((answer) => ('key' in answer ? [{ hostId: answer.hostId, key: answer.key }] : []));
  const changed = probed.filter(({ key }) => key.status === 'changed');
  const fresh = uniqueKeys(probed.filter(({ key }) => key.status === 'unknown'));
  for (const { hostId, key } of changed) {
    const target = hostPortLabel(key.host, key.port);
    write(
      `Host key of ${terminalSafe(hostId)} (${terminalSafe(target)}) has CHANGED: on file ` +
        `${key.knownFingerprints.join(', ')}, presented now ${key.keyType} ${key.fingerprint}. ` +
        `Nothing was sent to it. If the host was reinstalled, forget the old key with ` +
        `\`swarmlab known-hosts forget ${terminalSafe(target)}\` and run again.\n`,
    );
  }
  if (changed.length > 0) return undefined;
  if (fresh.length === 0) return [];

  write(`First contact with ${fresh.length} host key(s); nothing has been sent to these hosts:\n`);
  for (const { hostId, key } of fresh) {
    write(
      `  ${terminalSafe(hostId).padEnd(10)} ${terminalSafe(hostPortLabel(key.host, key.port)).padEnd(22)} ${key.keyType} ${key.fingerprint}\n`,
    );
  }
  const accepted =
    consent.yes ||
    (await (consent.ask ?? confirm)(
      "Trust these host keys? Compare them first with `ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on each host's console.",
    ));
  if (!accepted) {
    write(
      'Nothing was changed. Trust the keys by answering yes, or pass --yes to trust keys seen for the first time.\n',
    );
    return undefined;
  }
  for (const { key } of fresh) await store.add(key.host, key.port, key.key);
  write(`Trusted ${fresh.length} new host key(s); recorded in ${store.path}.\n`);
  return fresh.map(({ key }) => ({ host: key.host, port: key.port, fingerprint: key.fingerprint }));
}

interface HostKeyOfHost {
  hostId: string;
  key: ProbedHostKey;
}

/** One entry per host:port and key: hosts behind one jump host all report the jump host. */
function uniqueKeys(keys: readonly HostKeyOfHost[]): HostKeyOfHost[] {
  const seen = new Set<string>();
  return keys.filter(({ key }) => {
    const id = hostKeyId(key.host, key.port, key.fingerprint);
    if (seen.has(id)) return false;
    seen.add(id);
    return true;
  });
}
