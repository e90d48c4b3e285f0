/** The inventory checks the inventory, connection and run handlers share. */
import type { InventoryDocument, ResponseOf } from '../../../contract/api';
import { parseInventory, resolveSecrets, validateInventory } from '../../../engine/inventory';
import type { Inventory, SecretsResolution } from '../../../engine/inventory';

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
  if (secrets.missing.length > 0) {
    throw new Error(`Missing secrets: ${secrets.missing.map((entry) => entry.prompt).join('; ')}`);
  }
  return { inventory, secrets };
}
