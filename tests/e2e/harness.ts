/**
 * Opens the built renderer (out/renderer/index.html) in Debian's Chromium and gives it the
 * same `window.api` the preload gives it in Electron, routed to the same main-side handler
 * layer (createHandlers) in this test process over an IPC stand-in: a WebSocket on the page's
 * own loopback origin, read by a worker (renderer-server.ts).
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { build } from 'esbuild';
import type { EventChannel, EventContract, InvokeChannel } from '../../electron/contract/api';
import {
  createHandlers,
  type Dialogs,
  type HandlerContext,
  type Handlers,
} from '../../electron/main/ipc/handlers';
import { printHtmlToPdf } from '../../electron/engine/report/pdf';
import type { SecretBox } from '../../electron/main/profiles/profile-store';
import { IPC_WORKER_PATH, PAGE_DECODER_SOURCE, serveRenderer } from './renderer-server';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_INDEX = resolve('out/renderer/index.html');
export const ARTIFACTS = resolve('test-artifacts');

/** What the test scripts in place of the native dialogs and the OS keyring. */
export interface ScriptedDialogs {
  /** Where "save" dialogs save to (the test then reads the file). */
  saveDir: string;
  keyFile?: string;
  inventoryFile?: { path: string; text: string };
  /** The file "import hosts" picks (an ssh config or an Ansible inventory on disk). */
  hostsSource?: string;
  /** The files "upload" picks. */
  uploads?: string[];
}

export interface AppUnderTest {
  page: Page;
  handlers: Handlers;
  /** Every path a save dialog wrote. */
  saved: string[];
  /** Every address the app asked the system browser to open (nothing is opened here). */
  openedExternally: string[];
  /** Errors the page logged (console errors, uncaught exceptions, CSP violations). */
  pageErrors: string[];
  close(): Promise<void>;
}

/** What main's flow control did to one terminal while it was sampled. */
export interface FlowFigures {
  /** The most bytes main had sent and the page had not yet acknowledged. */
  peakUnacked: number;
  /** How many times main paused the shell because the page fell behind. */
  pauses: number;
}

/** Samples a terminal's flow control in main every `everyMs` until `stop()` returns the figures. */
export function sampleFlow(
  app: AppUnderTest,
  id: string,
  everyMs: number,
): { stop(): FlowFigures } {
  const figures: FlowFigures = { peakUnacked: 0, pauses: 0 };
  let wasPaused = false;
  const sampler = setInterval(() => {
    const flow = app.handlers.terminals.flowOf(id);
    if (!flow) return;
    figures.peakUnacked = Math.max(figures.peakUnacked, flow.unacknowledged);
    if (flow.paused && !wasPaused) figures.pauses += 1;
    wasPaused = flow.paused;
  }, everyMs);
  return {
    stop() {
      clearInterval(sampler);
      return { ...figures };
    },
  };
}

/** A keyring that is not there: the app must refuse to save passwords, as on a bare Linux box. */
const noKeyring: SecretBox = {
  status: async () => ({ available: false, reason: 'no keyring in the test browser.' }),
  encrypt: async () => {
    throw new Error('no keyring');
  },
  decrypt: async () => {
    throw new Error('no keyring');
  },
};

/**
 * The preload's API in the page: the same createBridge (electron/contract/bridge.ts) the preload
 * calls, bundled for the page, handed the IPC stand-in (renderer-server.ts) instead of
 * ipcRenderer. Like the preload it exists only in the top frame.
 */
const API_INIT_SCRIPT = `(() => {
  if (window !== window.top) return;
  __BRIDGE_BUNDLE__
  const decode = __PAGE_DECODER__;
  const ipc = new Worker(__IPC_WORKER_PATH__);
  const replies = new Map();
  let nextRequest = 1;
  const invoke = (channel, payload) =>
    new Promise((resolve, reject) => {
      const request = nextRequest++;
      replies.set(request, { resolve, reject });
      ipc.postMessage(JSON.stringify({ request, channel, payload }));
    });
  // One listener set per event channel, as ipcRenderer.on(channel) keeps them.
  const listeners = new Map();
  const subscribe = (channel, listener) => {
    if (!listeners.has(channel)) listeners.set(channel, new Set());
    listeners.get(channel).add(listener);
    return () => listeners.get(channel).delete(listener);
  };
  // Looked up per message, so a probe (the bench) can wrap it.
  window.__swarmlabDeliver = ([channel, message]) => {
    for (const listener of [...(listeners.get(channel) ?? [])]) listener(message);
  };
  ipc.onmessage = ({ data }) => {
    const message = decode(data);
    if (message.event) return window.__swarmlabDeliver(message.event);
    const waiting = replies.get(message.reply);
    replies.delete(message.reply);
    if (message.error !== undefined) waiting?.reject(new Error(message.error));
    else waiting?.resolve(message.value);
  };
  window.api = Object.freeze(swarmlabBridge.createBridge(invoke, subscribe));
  // Electron's webUtils.getPathForFile stands in as: the folder a test names, and the file's name.
  window.droppedFiles = Object.freeze({ pathOf: (file) => (window.__droppedFrom ?? '') + '/' + file.name });
})();`;

let bridgeBundleText: Promise<string> | undefined;

/** contract/bridge.ts and what it imports, as one script that sets `var swarmlabBridge`. */
function bridgeBundle(): Promise<string> {
  bridgeBundleText ??= bundleBridge();
  return bridgeBundleText;
}

async function bundleBridge(): Promise<string> {
  const bundled = await build({
    entryPoints: [resolve('electron/contract/bridge.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    globalName: 'swarmlabBridge',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    logLevel: 'silent',
  });
  const output = bundled.outputFiles[0];
  if (!output) throw new Error('esbuild produced no bundle of electron/contract/bridge.ts');
  return output.text;
}

export interface OpenAppOptions {
  locale: 'en' | 'zh-CN';
  dialogs: ScriptedDialogs;
  /** SWARMLAB_HOME for this app: known_hosts, runs, profiles. */
  home: string;
  colorScheme?: 'light' | 'dark';
}

const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export async function openApp(options: OpenAppOptions): Promise<AppUnderTest> {
  const saved: string[] = [];
  const openedExternally: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: Dialogs = {
    pickKeyFile: async () => options.dialogs.keyFile,
    openInventoryFile: async () => options.dialogs.inventoryFile,
    pickHostsSource: async () => options.dialogs.hostsSource,
    pickFilesToUpload: async () => options.dialogs.uploads,
    pickDownloadPath: async (defaultName) => join(options.dialogs.saveDir, defaultName),
    saveFile: async (request) => {
      const path = join(options.dialogs.saveDir, request.defaultName);
      await mkdir(dirname(path), { recursive: true });
      await writeFile(path, request.content);
      saved.push(path);
      return path;
    },
  };
  const handlers = createHandlers({
    appVersion: '0.0.0-e2e',
    env: { ...process.env, SWARMLAB_HOME: options.home },
    dialogs,
    secretBox: noKeyring,
    // The app prints with Electron's printToPDF; here the same HTML goes through Chromium.
    printPdf: (html) => printHtmlToPdf(html),
    openExternal: async (url) => void openedExternally.push(url),
  });

  // A fresh profile per app: nothing carries over between languages or tests.
  const userDataDir = await mkdtemp(join(tmpdir(), 'swarmlab-chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(userDataDir, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 800 },
    locale: options.locale,
    colorScheme: options.colorScheme ?? 'light',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') pageErrors.push(message.text());
  });

  // The renderer and the IPC stand-in, on a loopback origin of their own. Only the top
  // frame can reach it (see API_INIT_SCRIPT), the rule register.ts enforces in the app.
  const handlerContext: HandlerContext = {
    sendEvent<C extends EventChannel>(channel: C, payload: EventContract[C]) {
      server.send([channel, payload]);
    },
  };
  const server = await serveRenderer(dirname(RENDERER_INDEX), async (channel, payload) => {
    const handler = handlers.handlers[channel as InvokeChannel] as
      ((payload: unknown, context: HandlerContext) => Promise<unknown>) | undefined;
    if (!handler) throw new Error(`No handler for ${channel}`);
    return handler(payload, handlerContext);
  });
  const bundle = await bridgeBundle();
  await page.addInitScript(
    API_INIT_SCRIPT.replace('__IPC_WORKER_PATH__', JSON.stringify(IPC_WORKER_PATH))
      .replace('__PAGE_DECODER__', PAGE_DECODER_SOURCE)
      // Last, and by function: the bundle's own text is not searched or `$`-expanded.
      .replace('__BRIDGE_BUNDLE__', () => bundle),
  );
  await page.goto(`${server.origin}/index.html`);

  return {
    page,
    handlers,
    saved,
    openedExternally,
    pageErrors,
    close: async () => {
      handlers.terminals.shutdown();
      await handlers.runs.shutdown();
      await server.drained();
      await context.close();
      await server.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
