/**
 * Which web frames may call the main process. Only the app's own page, in its main frame:
 * not an iframe, not a page it was navigated to, not another window. The pattern is VS Code's
 * `validateIPC` (src/vs/base/parts/ipc/electron-main/ipcMain.ts), as a pure function so the
 * rule is unit-tested without Electron.
 */

/** What Electron tells us about the frame that sent an IPC message. */
export interface SenderFrame {
  url: string;
  /** True when the frame is its window's top-level frame. */
  isMainFrame: boolean;
}

export interface TrustedRenderer {
  /** file:// URL of the packaged renderer's index.html. */
  indexFileUrl: string;
  /** The electron-vite dev server (ELECTRON_RENDERER_URL), in development only. */
  devServerUrl?: string;
}

export type SenderVerdict = { trusted: true } | { trusted: false; reason: string };

export function checkSender(
  frame: SenderFrame | null | undefined,
  renderer: TrustedRenderer,
): SenderVerdict {
  if (!frame) return { trusted: false, reason: 'the sending frame is gone' };
  if (!frame.isMainFrame) return { trusted: false, reason: 'sent from a sub-frame' };
  let url: URL;
  try {
    url = new URL(frame.url);
  } catch {
    return { trusted: false, reason: `sender URL ${JSON.stringify(frame.url)} is not a URL` };
  }
  if (url.protocol === 'file:') {
    const expected = new URL(renderer.indexFileUrl);
    // The page may carry a hash (in-app routes), never a different file.
    return url.pathname === expected.pathname && url.host === expected.host
      ? { trusted: true }
      : { trusted: false, reason: `file ${url.pathname} is not the app's page` };
  }
  if (renderer.devServerUrl !== undefined && url.origin === new URL(renderer.devServerUrl).origin) {
    return { trusted: true };
  }
  return { trusted: false, reason: `origin ${url.origin} is not the app's` };
}
