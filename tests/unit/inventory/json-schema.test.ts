import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inventoryJsonSchemaText } from '../../../electron/engine/inventory/json-schema';
import { DAEMON_KEYS, inventoryJsonSchema } from '../../../electron/engine/inventory';
import { SCHEMA_PATH } from './helpers';

describe('docs/inventory.schema.json', () => {
  it('is what the zod schema generates (run: npx tsx electron/engine/inventory/write-json-schema.ts)', () => {
    // Compared as data: the file is formatted by prettier, the generator's text is not.
    expect(JSON.parse(readFileSync(SCHEMA_PATH, 'utf8'))).toEqual(
      JSON.parse(inventoryJsonSchemaText()),
    );
  });

  it('describes the daemon keys and refuses unknown ones', () => {
    const schema = inventoryJsonSchema() as {
      properties: {
        docker: {
          properties: {
            daemon: { properties: Record<string, unknown>; additionalProperties: unknown };
          };
        };
      };
    };
    const daemon = schema.properties.docker.properties.daemon;
    expect(Object.keys(daemon.properties).sort()).toEqual([...DAEMON_KEYS].sort());
    expect(daemon.additionalProperties).toBe(false);
  });
});
