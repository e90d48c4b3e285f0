/** Electron's native file dialogs behind the handler layer's `Dialogs` seam. */
import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { dialog, type BrowserWindow } from 'electron';
import { readInventoryFile } from '../../engine/inventory';
import type { Dialogs } from '../ipc/handlers';

export function electronDialogs(window: () => BrowserWindow | undefined): Dialogs {
  const parent = () => window();
  /** An open dialog, attached to the window when there is one. */
  const showOpen = (options: Electron.OpenDialogOptions) => {
    const owner = parent();
    return owner ? dialog.showOpenDialog(owner, options) : dialog.showOpenDialog(options);
  };
  return {
    async pickKeyFile() {
      const options: Electron.OpenDialogOptions = {
        title: 'Choose an SSH private key',
        defaultPath: join(homedir(), '.ssh'),
        properties: ['openFile', 'showHiddenFiles'],
      };
      const result = await showOpen(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async openInventoryFile() {
      const options: Electron.OpenDialogOptions = {
        title: 'Import an inventory',
        filters: [{ name: 'YAML', extensions: ['yaml', 'yml'] }],
        properties: ['openFile'],
      };
      const result = await showOpen(options);
      const path = result.canceled ? undefined : result.filePaths[0];
      if (!path) return undefined;
      // Read up to the inventory cap and no further, as the CLI does.
      const read = await readInventoryFile(path);
      if (!read.ok) throw new Error(`${read.issue.message}: ${read.issue.fix}`);
      return { path, text: read.text };
    },
    async pickHostsSource(source) {
      const options: Electron.OpenDialogOptions =
        source === 'ssh-config'
          ? {
              title: 'Import hosts from an ssh config',
              defaultPath: join(homedir(), '.ssh', 'config'),
              properties: ['openFile', 'showHiddenFiles'],
            }
          : {
              title: 'Import hosts from an Ansible inventory',
              properties: ['openFile', 'showHiddenFiles'],
            };
      const result = await showOpen(options);
      return result.canceled ? undefined : result.filePaths[0];
    },
    async pickFilesToUpload() {
      const result = await showOpen({
        title: 'Upload files to the node',
        properties: ['openFile', 'multiSelections', 'showHiddenFiles'],
      });
      return result.canceled || result.filePaths.length === 0 ? undefined : result.filePaths;
    },
    async pickDownloadPath(defaultName) {
      const options: Electron.SaveDialogOptions = {
        title: 'Download from the node',
        defaultPath: defaultName,
      };
      const owner = parent();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      return result.canceled || !result.filePath ? undefined : result.filePath;
    },
    async saveFile(request) {
      const options: Electron.SaveDialogOptions = {
        title: request.title,
        defaultPath: request.defaultName,
        filters: request.filters,
      };
      const owner = parent();
      const result = owner
        ? await dialog.showSaveDialog(owner, options)
        : await dialog.showSaveDialog(options);
      if (result.canceled || !result.filePath) return undefined;
      await writeFile(result.filePath, request.content, { mode: 0o600 });
      return result.filePath;
    },
  };
}
