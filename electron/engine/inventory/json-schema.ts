/** The inventory's JSON Schema (docs/inventory.schema.json), generated from the zod schema. */
import { z } from 'zod';
import { InventorySchema } from './schema';

/** JSON Schema of the inventory as people write it (defaults are optional). */
export function inventoryJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(InventorySchema, {
    io: 'input',
    target: 'draft-2020-12',
    unrepresentable: 'any',
  });
}

/** The file's text: stable formatting, trailing newline. */
export function inventoryJsonSchemaText(): string {
  return `${JSON.stringify(inventoryJsonSchema(), null, 2)}\n`;
}
