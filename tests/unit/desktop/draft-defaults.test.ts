/**
 * The wizard starts from the inventory schema's defaults: its empty draft, turned into an
 * inventory document, validates to exactly what the schema gives a document that sets
 * nothing. A default changed on one side only (schema or draft) fails here.
 */
import { describe, expect, it } from 'vitest';
import { resolveHosts, validateInventory } from '../../../electron/engine/inventory';
import type { Inventory, InventoryInput } from '../../../electron/engine/inventory';
import {
  defaultAccess,
  defaultOptions,
  fromInventoryDocument,
  newHostRow,
  toInventoryDocument,
  type WizardDraft,
} from '../../../renderer/src/model/draft';

function valid(document: InventoryInput | Record<string, unknown>): Inventory {
  const result = validateInventory(document);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

/** Only what a person must type: one manager, and the jump host's address when enabled. */
function emptyDraft(jump = false): WizardDraft {
  const access = defaultAccess();
  if (jump) access.jump = { ...access.jump, enabled: true, address: '10.0.0.254', password: 'j' };
  return {
    hosts: [newHostRow({ address: '10.0.0.1', role: 'manager', password: 'p', login: 'password' })],
    access,
    options: defaultOptions(),
  };
}

describe('the wizard draft starts from the schema defaults', () => {
  it('an empty draft validates to what the schema fills in for a document that sets nothing', () => {
    const fromDraft = valid(toInventoryDocument(emptyDraft()));
    const fromSchema = valid({ hosts: [{ address: '10.0.0.1', role: 'manager', password: 'p' }] });
    // The draft writes its access defaults under `defaults`; everything else must be equal.
    const { defaults: draftDefaults, ...draftRest } = fromDraft;
    const { defaults: schemaDefaults, ...schemaRest } = fromSchema;
    expect(draftRest).toEqual(schemaRest);
    expect(schemaDefaults).toEqual({});
    // …and those access defaults resolve to the connection the schema's host would get.
    expect(draftDefaults).toMatchObject({ port: expect.any(Number), user: expect.any(String) });
    expect(resolveHosts(fromDraft)).toEqual(resolveHosts(fromSchema));
  });

  it('the jump host the draft offers has the schema’s port and user', () => {
    const fromDraft = valid(toInventoryDocument(emptyDraft(true)));
    const fromSchema = valid({
      jumpHost: { address: '10.0.0.254', password: 'j' },
      hosts: [{ address: '10.0.0.1', role: 'manager', password: 'p' }],
    });
    expect(fromDraft.jumpHost).toEqual(fromSchema.jumpHost);
  });

  it('a document that sets nothing reads back as the empty draft', () => {
    const imported = fromInventoryDocument({ hosts: [{ address: '10.0.0.1' }] });
    expect(imported.options).toEqual(defaultOptions());
    expect(imported.access).toEqual(defaultAccess());
    expect(imported.hosts[0]).toMatchObject({
      role: newHostRow().role,
      port: null,
      user: '',
      login: 'default',
    });
  });

  it('a new host row has the role the schema gives a host that names none', () => {
    const fromSchema = valid({
      hosts: [
        { address: '10.0.0.1', role: 'manager' },
        { address: '10.0.0.2', password: 'p' },
      ],
      defaults: { password: 'p' },
    });
    expect(resolveHosts(fromSchema)[1]?.role).toBe(newHostRow().role);
  });
});
