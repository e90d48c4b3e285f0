import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const EXAMPLE_PATH = fileURLToPath(
  new URL('../../../docs/inventory.example.yaml', import.meta.url),
);
export const SCHEMA_PATH = fileURLToPath(
  new URL('../../../docs/inventory.schema.json', import.meta.url),
);

/** The example inventory as plain data, a fresh copy each call. */
export function exampleData(): Record<string, unknown> {
  return parse(readFileSync(EXAMPLE_PATH, 'utf8')) as Record<string, unknown>;
}

/** A minimal valid inventory as plain data, with overrides. */
export function minimal(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    defaults: { passwordEnv: 'SWARM_PASSWORD' },
    hosts: [
      { address: '192.168.11.131', hostname: 'node01', role: 'manager' },
      { address: '192.168.11.132', hostname: 'node02' },
      { address: '192.168.11.133', hostname: 'node03' },
    ],
    ...extra,
  };
}

/** Sets a value at a path in plain data (creating objects on the way). */
export function setAt(
  data: Record<string, unknown>,
  path: (string | number)[],
  value: unknown,
): Record<string, unknown> {
  let node: Record<string | number, unknown> = data;
  for (const segment of path.slice(0, -1)) {
    const next = node[segment];
    if (typeof next !== 'object' || next === null) node[segment] = {};
    node = node[segment] as Record<string | number, unknown>;
  }
  node[path[path.length - 1] as string | number] = value;
  return data;
}
