/**
 * Which node a terminal logs in to, and how: the wizard's inventory resolved by the engine,
 * credentials built by the engine's own `sshTargetFor` — so the app key comes first once a
 * run has made it (and put it on the nodes), then whatever the inventory says.
 */
import type { InventoryDocument } from '../../contract/common';
import type { TerminalNodeRef } from '../../contract/terminal';
import { resolveHosts, resolveSecrets, validateInventory } from '../../engine/inventory';
import type { ResolvedHost } from '../../engine/inventory';
import { existingAppKey, type AppKeyPair } from '../../engine/keys/app-key';
import { sshTargetFor } from '../../engine/setup';
import type { SshTarget } from '../../engine/ssh/types';

export interface NodeTarget {
  host: ResolvedHost;
  target: SshTarget;
  /** The app key, if it exists yet (a terminal never creates it). */
  keyPair: AppKeyPair | undefined;
}

export async function nodeTarget(
  document: InventoryDocument,
  node: TerminalNodeRef,
  env: NodeJS.ProcessEnv,
): Promise<NodeTarget> {
  const checked = validateInventory(document);
  if (!checked.ok) {
    const first = checked.errors[0];
    throw new Error(
      `The inventory is not valid${first ? `: ${first.path}: ${first.message}` : ''}`,
    );
  }
  const inventory = checked.inventory;
  const hosts = resolveHosts(inventory);
  const host = node.by === 'index' ? hosts[node.index] : hosts.find((h) => h.id === node.id);
  if (!host) {
    throw new Error(
      node.by === 'index'
        ? `there is no host number ${node.index + 1}`
        : `there is no host ${node.id} in the inventory`,
    );
  }
  // Missing secrets are not fatal here: the app key may be enough, and if not the
  // auth loop says which methods were tried.
  const secrets = resolveSecrets(inventory, env);
  const keyPair = await existingAppKey(env);
  const target = sshTargetFor(host, inventory, secrets, keyPair);
  return { host, target, keyPair };
}
