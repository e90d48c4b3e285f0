/**
 * Prints the HTML report to PDF in headless Chromium (playwright-core driving the system's
 * Chromium; no browser is downloaded). The desktop app prints the same HTML with Electron's
 * webContents.printToPDF instead, so both PDFs come from one page.
 *
 * playwright-core is loaded only when a PDF is asked for: the rest of the report, and the
 * engine, work without it.
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as Playwright from 'playwright-core';

export interface PdfOptions {
  /** Chromium to drive; default: $SWARMLAB_CHROMIUM, then the usual system paths. */
  executablePath?: string;
  /** Also save a full-page PNG of the page as printed on screen (tests, previews). */
  screenshotPath?: string;
  /** Emulate this colour scheme for the screenshot (the PDF is always printed light). */
  colorScheme?: 'light' | 'dark';
}

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
];

/**
 * Flags for a quiet, throwaway headless Chromium that never phones home. The sandbox stays
 * on, except for root (`uid` 0): Chromium refuses to start sandboxed as root, and root
 * gains nothing from it anyway. `uid` is undefined where there are no user ids (Windows).
 */
export function chromiumArgs(uid: number | undefined): string[] {
  return [
    ...(uid === 0 ? ['--no-sandbox'] : []),
    '--disable-gpu',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ];
}

/** {@link chromiumArgs} for the user this process runs as. */
export const CHROMIUM_ARGS = chromiumArgs(process.getuid?.());

export function findChromium(explicit?: string): string {
  // A path the caller names is the one wanted: another browser found instead would hide a typo.
  if (explicit !== undefined && !existsSync(explicit))
    throw new Error(`no Chromium at ${explicit}`);
  const candidates = [explicit, process.env.SWARMLAB_CHROMIUM, ...CHROMIUM_CANDIDATES];
  const found = candidates.find((path): path is string => !!path && existsSync(path));
  if (!found) {
    throw new Error(
      'no Chromium found to print the PDF: install chromium or set SWARMLAB_CHROMIUM to a Chrome or Chromium binary',
    );
  }
  return found;
}

/**
 * A headless Chromium that starts launching at once and prints when asked: a caller that knows
 * it will want a PDF later (`swarmlab apply --report`) starts it while the run goes on, so the
 * browser's start-up is not added to the run's end. Launch errors surface in print().
 */
export interface PdfPrinter {
  print(html: string, options?: Pick<PdfOptions, 'screenshotPath'>): Promise<Buffer>;
  close(): Promise<void>;
}

interface LaunchedBrowser {
  context: Playwright.BrowserContext;
  profile: string;
}

async function launchBrowser(options: PdfOptions): Promise<LaunchedBrowser> {
  const executablePath = findChromium(options.executablePath);
  let playwright: typeof Playwright;
  try {
    playwright = await import('playwright-core');
  } catch {
    throw new Error(
      'printing a PDF needs the playwright-core package (npm install playwright-core)',
    );
  }
  // A fresh profile per printer: nothing from an earlier run (or the user's browser) leaks in.
  const profile = await mkdtemp(join(tmpdir(), 'swarmlab-pdf-'));
  try {
    const context = await playwright.chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      args: CHROMIUM_ARGS,
      viewport: { width: 1200, height: 900 },
      colorScheme: options.colorScheme ?? 'light',
      offline: true,
    });
    return { context, profile };
  } catch (error) {
    await rm(profile, { recursive: true, force: true });
    throw error;
  }
}

export function startPdfPrinter(options: PdfOptions = {}): PdfPrinter {
  const launched = launchBrowser(options);
  // Not awaited here: a failed launch is reported by print(), and close() has nothing to do.
  launched.catch(() => undefined);
  return {
    async print(html, printOptions = {}) {
      const { context } = await launched;
      const page = await context.newPage();
      try {
        await page.setContent(html, { waitUntil: 'load' });
        if (printOptions.screenshotPath)
          await page.screenshot({ path: printOptions.screenshotPath, fullPage: true });
        await page.emulateMedia({ media: 'print', colorScheme: 'light' });
        return await page.pdf({
          format: 'A4',
          printBackground: true,
          margin: { top: '14mm', bottom: '14mm', left: '12mm', right: '12mm' },
        });
      } finally {
        await page.close();
      }
    },
    async close() {
      const browser = await launched.catch(() => undefined);
      if (!browser) return;
      await browser.context.close();
      await rm(browser.profile, { recursive: true, force: true });
    },
  };
}

/** Renders HTML to a PDF (A4, backgrounds printed) and returns its bytes. */
export async function printHtmlToPdf(html: string, options: PdfOptions = {}): Promise<Buffer> {
  const printer = startPdfPrinter(options);
  try {
    return await printer.print(html, options);
  } finally {
    await printer.close();
  }
}
