/** The inventory checks the inventory, connection and run handlers share. */
import type { InventoryDocument, ResponseOf } from '../../../contract/api';
import {
  neededDespiteAppKey,
  parseInventory,
  resolveSecrets,
  validateInventory,
} from '../../../engine/inventory';
import type { Inventory, MissingSecret, SecretsResolution } from '../../../engine/inventory';
import { existingAppKey } from '../../../engine/keys/app-key';
import type { SwarmOperation } from '../../../shared/operations';

export function parsedYaml(
  text: string,
  fileName: string | undefined,
): ResponseOf<'inventory:parse-yaml'> {
  const loaded = parseInventory(text, fileName);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  return { ok: true, inventory: loaded.inventory as InventoryDocument, warnings: loaded.warnings };
}

export function validated(
  document: InventoryDocument,
): { ok: true; inventory: Inventory } | { ok: false; message: string } {
  const result = validateInventory(document);
  if (result.ok) return { ok: true, inventory: result.inventory };
  const first = result.errors[0];
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  return {
    ok: false,
    message: first
      ? `${first.path}: ${first.message}: ${first.fix}${more}`
      : 'the inventory is not valid',
  };
}

/** A valid inventory, or an error that says what is wrong with it. */
export function validOrThrow(document: InventoryDocument): Inventory {
  const checked = validated(document);
  if (!checked.ok) throw new Error(`The inventory is not valid: ${checked.message}`);
  return checked.inventory;
}

/** A valid inventory with every secret it needs, or an error that says what is missing. */
export function readyToRun(
  document: InventoryDocument,
  env: NodeJS.ProcessEnv,
): { inventory: Inventory; secrets: SecretsResolution } {
  const inventory = validOrThrow(document);
  const secrets = resolveSecrets(inventory, env);
  throwIfMissing(secrets.missing);
  return { inventory, secrets };
}

function throwIfMissing(missing: readonly MissingSecret[]): void {
  if (missing.length > 0) {
    throw new Error(`Missing secrets: ${missing.map((entry) => entry.prompt).join('; ')}`);
  }
}

/**
 * The secrets an operation on the swarm cannot start without. A check or a practice reads a
 * finished swarm, whose hosts got the app key from its setup: their login passwords are not
 * asked for again (if the key is refused after all, the run's preflight says so).
 */
export async function blockingSecrets(
  inventory: Inventory,
  operation: SwarmOperation,
  env: NodeJS.ProcessEnv,
): Promise<{ secrets: SecretsResolution; missing: MissingSecret[] }> {
  const secrets = resolveSecrets(inventory, env);
  const reads = operation.kind === 'check' || operation.kind === 'practice';
  const keyStandsIn =
    reads && inventory.prepare.keyExchange && (await existingAppKey(env)) !== undefined;
  return {
    secrets,
    missing: keyStandsIn ? neededDespiteAppKey(secrets.missing) : secrets.missing,
  };
}

/** A valid inventory and the secrets the operation needs, or an error that says what is missing. */
export async function readyToOperate(
  document: InventoryDocument,
  operation: SwarmOperation,
  env: NodeJS.ProcessEnv,
): Promise<{ inventory: Inventory; secrets: SecretsResolution }> {
  const inventory = validOrThrow(document);
  const { secrets, missing } = await blockingSecrets(inventory, operation, env);
  throwIfMissing(missing);
  return { inventory, secrets };
}
