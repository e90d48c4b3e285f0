import { app, shell, type BrowserWindow } from 'electron';
import { createHandlers } from './ipc/handlers';
import { registerIpcHandlers } from './ipc/register';
import { electronDialogs } from './native/dialogs';
import { printHtmlToPdf } from './native/print-pdf';
import { electronSecretBox } from './native/safe-storage';
import { createMainWindow, hardenSession, rendererIndexUrl } from './window';

const devServerUrl = app.isPackaged ? undefined : process.env.ELECTRON_RENDERER_URL;
let mainWindow: BrowserWindow | undefined;

const { handlers, runs, terminals } = createHandlers({
  appVersion: app.getVersion(),
  env: process.env,
  dialogs: electronDialogs(() => mainWindow),
  secretBox: electronSecretBox(),
  printPdf: printHtmlToPdf,
  // Only addresses the schema accepted (http/https, openExternalRequestSchema) get here.
  openExternal: (url) => shell.openExternal(url), // eng-disable OPEN_EXTERNAL_JS_CHECK
});

void app.whenReady().then(() => {
  hardenSession();
  registerIpcHandlers(handlers, {
    indexFileUrl: rendererIndexUrl,
    ...(devServerUrl ? { devServerUrl } : {}),
  });
  mainWindow = createMainWindow(devServerUrl);
  mainWindow.on('closed', () => (mainWindow = undefined));
});

// Cancel runs so their journals end with run-finished and no command is left half-sent.
let quitting = false;
app.on('before-quit', (event) => {
  if (quitting) return;
  event.preventDefault();
  quitting = true;
  terminals.shutdown();
  void runs.shutdown().finally(() => app.quit());
});

app.on('window-all-closed', () => app.quit());
