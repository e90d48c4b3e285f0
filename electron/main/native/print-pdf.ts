import { BrowserWindow } from 'electron';

/**
 * Prints a self-contained HTML report to PDF with Chromium's own printer. The report has no
 * scripts and no external assets, so it is loaded into a hidden, sandboxed window with
 * JavaScript off; the window never navigates anywhere else and is destroyed afterwards.
 */
export async function printHtmlToPdf(html: string): Promise<Buffer> {
  const window = new BrowserWindow({
    show: false,
    webPreferences: {
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      javascript: false,
      webSecurity: true,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  try {
    window.webContents.on('will-navigate', (event) => event.preventDefault());
    await window.loadURL(`data:text/html;charset=utf-8,${encodeURIComponent(html)}`);
    return await window.webContents.printToPDF({ printBackground: true, pageSize: 'A4' });
  } finally {
    window.destroy();
  }
}
