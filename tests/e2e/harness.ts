/**
 * Opens the built renderer (out/renderer/index.html) in Debian's Chromium and gives it the
 * same `window.api` the preload gives it in Electron, routed to the same main-side handler
 * layer (createHandlers) in this test process: requests travel through a Playwright binding,
 * events come back through page.evaluate. Nothing listens on a port.
 */
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import {
  channels,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
} from '../../electron/contract/api';
import {
  createHandlers,
  type Dialogs,
  type HandlerContext,
  type Handlers,
} from '../../electron/main/ipc/handlers';
import { printHtmlToPdf } from '../../electron/engine/report/pdf';
import type { SecretBox } from '../../electron/main/profiles/profile-store';

export const CHROMIUM = '/usr/bin/chromium';
export const RENDERER_INDEX = resolve('out/renderer/index.html');
export const ARTIFACTS = resolve('test-artifacts');

/** What the test scripts in place of the native dialogs and the OS keyring. */
export interface ScriptedDialogs {
  /** Where "save" dialogs save to (the test then reads the file). */
  saveDir: string;
  keyFile?: string;
  inventoryFile?: { path: string; text: string };
}

export interface AppUnderTest {
  page: Page;
  handlers: Handlers;
  /** Every path a save dialog wrote. */
  saved: string[];
  /** Errors the page logged (console errors, uncaught exceptions, CSP violations). */
  pageErrors: string[];
  close(): Promise<void>;
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
 * The preload's API, rebuilt in the page from the binding. It mirrors electron/preload/index.ts
 * function by function (plain JS: it runs in the page as written).
 */
const API_INIT_SCRIPT = `(() => {
  const channels = __CHANNELS__;
  const invoke = (channel, request) => window.__swarmlabInvoke(channel, request);
  const none = {};
  // One listener set per event channel, as ipcRenderer.on(channel) keeps them.
  const listeners = { [channels.run.event]: new Set(), [channels.terminal.event]: new Set() };
  const subscribe = (channel, listener) => {
    listeners[channel].add(listener);
    return () => listeners[channel].delete(listener);
  };
  window.__swarmlabDeliver = (messages) => {
    for (const [channel, message] of messages)
      for (const listener of [...listeners[channel]]) listener(message);
  };
  window.api = Object.freeze({
    appInfo: () => invoke(channels.app.info, none),
    inventory: {
      validate: (r) => invoke(channels.inventory.validate, r),
      expandRange: (r) => invoke(channels.inventory.expandRange, r),
      parseHostsLines: (r) => invoke(channels.inventory.parseHostsLines, r),
      parseYaml: (r) => invoke(channels.inventory.parseYaml, r),
      importFile: () => invoke(channels.inventory.importFile, none),
      exportFile: (r) => invoke(channels.inventory.exportFile, r),
    },
    connection: {
      test: (r) => invoke(channels.connection.test, r),
      forgetHostKey: (r) => invoke(channels.connection.forgetHostKey, r),
      pickKeyFile: () => invoke(channels.connection.pickKeyFile, none),
    },
    run: {
      stepCatalog: () => invoke(channels.run.stepCatalog, none),
      start: (r) => invoke(channels.run.start, r),
      cancel: (r) => invoke(channels.run.cancel, r),
      retryStep: (r) => invoke(channels.run.retryStep, r),
      continuePastHost: (r) => invoke(channels.run.continuePastHost, r),
      events: (r) => invoke(channels.run.events, r),
      onEvent: (listener) => subscribe(channels.run.event, listener),
    },
    profiles: {
      list: () => invoke(channels.profiles.list, none),
      save: (r) => invoke(channels.profiles.save, r),
      load: (r) => invoke(channels.profiles.load, r),
      remove: (r) => invoke(channels.profiles.remove, r),
      secretStorage: () => invoke(channels.profiles.secretStorage, none),
    },
    report: {
      build: (r) => invoke(channels.report.build, r),
      export: (r) => invoke(channels.report.export, r),
    },
    terminal: {
      open: (r) => invoke(channels.terminal.open, r),
      send: (frame) => invoke(channels.terminal.frame, frame),
      onEvent: (listener) => subscribe(channels.terminal.event, listener),
    },
  });
})();`;

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
  // Module scripts from file:// are CORS-blocked in a plain browser; Electron's file://
  // handler allows them. This flag gives Chromium the same behaviour for the test.
  '--allow-file-access-from-files',
];

export async function openApp(options: OpenAppOptions): Promise<AppUnderTest> {
  const saved: string[] = [];
  const pageErrors: string[] = [];
  const dialogs: Dialogs = {
    pickKeyFile: async () => options.dialogs.keyFile,
    openInventoryFile: async () => options.dialogs.inventoryFile,
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

  const cdp = await context.newCDPSession(page);
  // Events are batched (10 ms) and delivered in order, like webContents.send. Straight over
  // CDP as a JSON literal: Playwright's evaluate() serializes arguments value by value, which
  // costs more than the data once terminals stream megabytes. Batches are not awaited one by
  // one: a CDP session runs its commands in order, so they stay ordered while the round trips
  // overlap (awaiting each one capped terminal output at one batch per round trip).
  let queue: [EventChannel, unknown][] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const inflight = new Set<Promise<unknown>>();
  const flush = (): void => {
    timer = undefined;
    const batch = queue;
    queue = [];
    const sent = cdp
      .send('Runtime.evaluate', {
        expression: `globalThis.__swarmlabDeliver(${JSON.stringify(batch)})`,
      })
      .catch(() => undefined);
    inflight.add(sent);
    void sent.finally(() => inflight.delete(sent));
  };
  const deliver = (message: [EventChannel, unknown]): void => {
    queue.push(message);
    timer ??= setTimeout(flush, 10);
  };
  const settled = async (): Promise<void> => {
    if (timer !== undefined) {
      clearTimeout(timer);
      flush();
    }
    await Promise.all([...inflight]);
  };
  const handlerContext: HandlerContext = {
    sendEvent<C extends EventChannel>(channel: C, payload: EventContract[C]) {
      deliver([channel, payload]);
    },
  };

  await page.exposeBinding(
    '__swarmlabInvoke',
    async (source, channel: string, payload: unknown) => {
      // The same rule as register.ts: only the app's own page, in its main frame.
      if (source.frame !== page.mainFrame())
        throw new Error(`Refused ${channel}: sent from a sub-frame`);
      const handler = handlers.handlers[channel as InvokeChannel] as
        ((payload: unknown, context: HandlerContext) => Promise<unknown>) | undefined;
      if (!handler) throw new Error(`No handler for ${channel}`);
      return handler(payload, handlerContext);
    },
  );
  await page.addInitScript(API_INIT_SCRIPT.replace('__CHANNELS__', JSON.stringify(channels)));
  await page.goto(pathToFileURL(RENDERER_INDEX).href);

  return {
    page,
    handlers,
    saved,
    pageErrors,
    close: async () => {
      handlers.terminals.shutdown();
      await handlers.runs.shutdown();
      await settled();
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
