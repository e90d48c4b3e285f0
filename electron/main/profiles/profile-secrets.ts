/**
 * Splitting an inventory document into what may be written in the clear and its secrets
 * (passwords, passphrases), so a profile file never holds a password unless encrypted.
 */
import type { InventoryDocument } from '../../contract/common';
import { INLINE_SECRET_FIELDS } from '../../engine/inventory';

/** Secret values by where they sit, e.g. `hosts.2.password` or `defaults.sudoPassword`. */
export type SecretValues = Record<string, string>;

export interface SplitDocument {
  document: InventoryDocument;
  secrets: SecretValues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The places login fields live: defaults, the jump host, each host. */
function loginOwners(document: InventoryDocument): [string, Record<string, unknown>][] {
  const owners: [string, Record<string, unknown>][] = [];
  if (isRecord(document.defaults)) owners.push(['defaults', document.defaults]);
  if (isRecord(document.jumpHost)) owners.push(['jumpHost', document.jumpHost]);
  if (Array.isArray(document.hosts)) {
    document.hosts.forEach((host: unknown, index) => {
      if (isRecord(host)) owners.push([`hosts.${index}`, host]);
    });
  }
  return owners;
}

export function splitSecrets(original: InventoryDocument): SplitDocument {
  const document = structuredClone(original);
  const secrets: SecretValues = {};
  for (const [prefix, owner] of loginOwners(document)) {
    for (const field of INLINE_SECRET_FIELDS) {
      const value = owner[field];
      if (typeof value === 'string') secrets[`${prefix}.${field}`] = value;
      Reflect.deleteProperty(owner, field);
    }
  }
  return { document, secrets };
}

export function mergeSecrets(
  original: InventoryDocument,
  secrets: SecretValues,
): InventoryDocument {
  const document = structuredClone(original);
  const owners = new Map(loginOwners(document));
  for (const [path, value] of Object.entries(secrets)) {
    const cut = path.lastIndexOf('.');
    const owner = owners.get(path.slice(0, cut));
    const field = path.slice(cut + 1);
    if (owner && (INLINE_SECRET_FIELDS as readonly string[]).includes(field)) owner[field] = value;
  }
  return document;
}
