import {
  expandAddressRange,
  parseHostsFileLines,
  saveInventory,
  validateInventory,
} from '../../../engine/inventory';
import type { InventoryInput } from '../../../engine/inventory';
import { importHosts } from '../../../engine/inventory/import';
import type { InventoryDocument } from '../../../contract/common';
import { parsedYaml } from './checked-inventory';
import { implement, type ChannelsOf, type HandlerDeps } from './types';

export function inventoryHandlers(deps: HandlerDeps) {
  return implement<ChannelsOf<'inventory'>>({
    'inventory:validate': ({ inventory }) => {
      const { ok, errors, warnings } = validateInventory(inventory);
      return { ok, errors, warnings };
    },
    'inventory:expand-range': ({ text }) => expandAddressRange(text),
    'inventory:parse-hosts-lines': ({ text }) => parseHostsFileLines(text),
    'inventory:parse-yaml': ({ text, fileName }) => parsedYaml(text, fileName),
    'inventory:import-file': async () => {
      const file = await deps.dialogs.openInventoryFile();
      if (!file) return { status: 'cancelled' };
      return { status: 'done', fileName: file.path, parsed: parsedYaml(file.text, file.path) };
    },
    'inventory:import-hosts': async ({ source, managers }) => {
      const path = await deps.dialogs.pickHostsSource(source);
      if (!path) return { status: 'cancelled' };
      const imported = importHosts({ source, path, ...(managers ? { managers } : {}) });
      const checked = validateInventory(imported.inventory);
      return {
        status: 'done',
        fileName: path,
        parsed: checked.ok
          ? {
              ok: true,
              inventory: imported.inventory as InventoryDocument,
              warnings: checked.warnings,
            }
          : { ok: false, errors: checked.errors },
        notes: imported.notes,
      };
    },
    'inventory:export-file': async ({ inventory, includeSecrets }) => {
      // A draft may still have issues: it is saved as typed (the wizard shows what to fix), and
      // saveInventory only orders keys and drops secrets, so it needs no valid inventory.
      const text = saveInventory(inventory as InventoryInput, {
        includeSecrets,
        header: 'swarmlab inventory (saved by the swarmlab wizard)',
      });
      const path = await deps.dialogs.saveFile({
        title: 'Export inventory',
        defaultName: 'inventory.yaml',
        filters: [{ name: 'YAML', extensions: ['yaml', 'yml'] }],
        content: text,
      });
      return path ? { status: 'done', path } : { status: 'cancelled' };
    },
  });
}
