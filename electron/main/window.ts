/**
 * The app window, locked down: context isolation, sandbox, no Node, a strict CSP (also sent
 * as a response header), no navigation, no new windows, no permission grants. The settings
 * themselves are plain data in window-security.ts, asserted by a unit test.
 */
import { app, BrowserWindow, session } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { hardenedWebPreferences, WINDOW_SIZE, withContentSecurityPolicy } from './window-security';

export const rendererIndexPath = join(import.meta.dirname, '../renderer/index.html');
export const rendererIndexUrl = pathToFileURL(rendererIndexPath).href;

/** The window's icon (Linux shows it; Windows and macOS take the packaged app's). */
function windowIconPath(): string {
  return app.isPackaged
    ? join(process.resourcesPath, 'resources', 'icon.png')
    : join(import.meta.dirname, '../../resources/icon.png');
}

/** Session-wide rules; call once, before the first window. */
export function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withContentSecurityPolicy(details.responseHeaders) });
  });
}

export function createMainWindow(devServerUrl: string | undefined): BrowserWindow {
  const options = {
    ...WINDOW_SIZE,
    show: false,
    title: 'swarmlab',
    icon: windowIconPath(),
    backgroundColor: '#101418',
    webPreferences: hardenedWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  };
  // Electronegativity reads only literal webPreferences. These come from hardenedWebPreferences()
  // (contextIsolation and sandbox on, Auxclick off), pinned by window-security.test.ts.
  const window = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  window.once('ready-to-show', () => window.show());
  const contents = window.webContents;
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-redirect', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererIndexPath);
  return window;
}
