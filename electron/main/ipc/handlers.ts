/**
 * The main process's IPC handlers as plain TypeScript: channel → async (payload) => result.
 * Every payload is parsed with its channel's contract schema before anything else happens;
 * the engine does the work. No Electron here: register.ts wires this map to `ipcMain`, and
 * the unit and e2e tests call it directly.
 */
import { join } from 'node:path';
import {
  requestSchemas,
  type EventChannel,
  type EventContract,
  type InvokeChannel,
  type RequestOf,
  type ResponseOf,
} from '../../contract/api';
import type { InventoryDocument } from '../../contract/common';
import type { ReportExport, ReportFormat } from '../../contract/report';
import { appDataDir, knownHostsPath } from '../../engine/app-paths';
import {
  expandAddressRange,
  parseHostsFileLines,
  parseInventory,
  resolveSecrets,
  saveInventory,
  validateInventory,
} from '../../engine/inventory';
import type { Inventory, InventoryInput, SecretsResolution } from '../../engine/inventory';
import { renderReport } from '../../engine/report';
import { buildRunReport } from '../../engine/report/run-report';
import { runSetup } from '../../engine/setup';
import { forgetHostKey } from '../../engine/ssh';
import { SETUP_STEPS } from '../../engine/steps';
import { SWARMLAB_VERSION } from '../../engine/version';
import { testConnection } from '../connection/test-connection';
import { ProfileStore, type SecretBox } from '../profiles/profile-store';
import { realBackends } from '../terminals/backend-factory';
import { spawnPty, type SpawnPty } from '../terminals/spawn-pty';
import { TerminalManager, type BackendFactory } from '../terminals/terminal-manager';
import { RunManager, type RunSetup } from '../runs/run-manager';
import { parsePayload } from './validate-payload';

/** Native file dialogs: Electron's in the app (native/dialogs.ts), scripted in tests. */
export interface Dialogs {
  pickKeyFile(): Promise<string | undefined>;
  openInventoryFile(): Promise<{ path: string; text: string } | undefined>;
  /** Asks where to save, writes the content there, returns the path (undefined: cancelled). */
  saveFile(request: SaveFileRequest): Promise<string | undefined>;
}

export interface SaveFileRequest {
  title: string;
  defaultName: string;
  filters: { name: string; extensions: string[] }[];
  content: string | Buffer;
}

/** File names and dialog filters of each report format. */
const REPORT_FILE_KINDS: Record<ReportFormat, { name: string; extension: string }> = {
  html: { name: 'HTML', extension: 'html' },
  md: { name: 'Markdown', extension: 'md' },
  json: { name: 'JSON', extension: 'json' },
  pdf: { name: 'PDF', extension: 'pdf' },
  sh: { name: 'Shell script', extension: 'sh' },
};

export interface HandlerDeps {
  appVersion?: string;
  platform?: string;
  /** SWARMLAB_HOME and friends: where runs, profiles and known_hosts live. */
  env: NodeJS.ProcessEnv;
  dialogs: Dialogs;
  secretBox: SecretBox;
  /** The engine's runSetup; a seam for tests. */
  runSetup?: RunSetup;
  /** node-pty's spawn, behind its seam (terminals/spawn-pty.ts); tests hand in a fake. */
  spawnPty?: SpawnPty;
  /** Prints the report's HTML to PDF: Electron's printToPDF in the app, Chromium in tests. */
  printPdf?: (html: string) => Promise<Buffer>;
  /** Terminal backends; defaults to the real ones (ssh2 shell, local pty). */
  terminalBackends?: BackendFactory;
  /** Hands an http(s) address to the system browser: Electron's shell.openExternal. */
  openExternal?: (url: string) => Promise<void>;
}

/** What a handler may do besides answering: push events to the window that called it. */
export interface HandlerContext {
  sendEvent<C extends EventChannel>(channel: C, payload: EventContract[C]): void;
}

export type Handler<C extends InvokeChannel> = (
  payload: unknown,
  context: HandlerContext,
) => Promise<ResponseOf<C>>;

export type HandlerMap = { [C in InvokeChannel]: Handler<C> };

type Implementation<C extends InvokeChannel> = (
  request: RequestOf<C>,
  context: HandlerContext,
) => Promise<ResponseOf<C>> | ResponseOf<C>;

export interface Handlers {
  handlers: HandlerMap;
  runs: RunManager;
  terminals: TerminalManager;
}

export function createHandlers(deps: HandlerDeps): Handlers {
  const runs = new RunManager({ runSetup: deps.runSetup ?? runSetup, env: deps.env });
  const profiles = new ProfileStore(join(appDataDir(deps.env), 'profiles'), deps.secretBox);
  const terminals = new TerminalManager(
    deps.terminalBackends ?? realBackends(deps.env, deps.spawnPty ?? spawnPty),
  );

  /** Validates the payload with the channel's schema, then calls the implementation. */
  function handle<C extends InvokeChannel>(
    channel: C,
    implementation: Implementation<C>,
  ): Handler<C> {
    return async (payload, context) => {
      const request = parsePayload(channel, requestSchemas[channel], payload) as RequestOf<C>;
      return implementation(request, context);
    };
  }

  const eventSink =
    (context: HandlerContext) => (runId: string, event: EventContract['run:event']['event']) =>
      context.sendEvent('run:event', { runId, event });

  const handlers: HandlerMap = {
    'app:info': handle('app:info', () => ({
      version: deps.appVersion ?? SWARMLAB_VERSION,
      platform: deps.platform ?? process.platform,
    })),

    'app:open-external': handle('app:open-external', async ({ url }) => {
      if (!deps.openExternal) return { opened: false };
      // `url` passed openExternalRequestSchema in handle(): http or https, nothing else.
      await deps.openExternal(url); // eng-disable OPEN_EXTERNAL_JS_CHECK
      return { opened: true };
    }),

    'inventory:validate': handle('inventory:validate', ({ inventory }) => {
      const { ok, errors, warnings } = validateInventory(inventory);
      return { ok, errors, warnings };
    }),
    'inventory:expand-range': handle('inventory:expand-range', ({ text }) =>
      expandAddressRange(text),
    ),
    'inventory:parse-hosts-lines': handle('inventory:parse-hosts-lines', ({ text }) =>
      parseHostsFileLines(text),
    ),
    'inventory:parse-yaml': handle('inventory:parse-yaml', ({ text, fileName }) =>
      parsedYaml(text, fileName),
    ),
    'inventory:import-file': handle('inventory:import-file', async () => {
      const file = await deps.dialogs.openInventoryFile();
      if (!file) return { status: 'cancelled' };
      return { status: 'done', fileName: file.path, parsed: parsedYaml(file.text, file.path) };
    }),
    'inventory:export-file': handle(
      'inventory:export-file',
      async ({ inventory, includeSecrets }) => {
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
    ),

    'connection:test': handle('connection:test', ({ inventory, hostIndex }) => {
      const checked = validated(inventory);
      if (!checked.ok) return { ok: false, code: 'invalid-inventory', message: checked.message };
      return testConnection(checked.inventory, hostIndex, deps.env);
    }),
    'connection:forget-host-key': handle(
      'connection:forget-host-key',
      async ({ address, port }) => ({
        removed: await forgetHostKey(address, port, knownHostsPath(deps.env)),
      }),
    ),
    'connection:pick-key-file': handle('connection:pick-key-file', async () => {
      const path = await deps.dialogs.pickKeyFile();
      return path ? { status: 'done', path } : { status: 'cancelled' };
    }),

    'run:step-catalog': handle('run:step-catalog', () =>
      SETUP_STEPS.map((step) => ({
        id: step.id,
        title: step.title,
        explanation: step.explanation,
      })),
    ),
    'run:start': handle('run:start', ({ inventory, mode }, context) => {
      const ready = readyToRun(inventory, deps.env);
      return { runId: runs.start(ready.inventory, ready.secrets, mode, eventSink(context)) };
    }),
    'run:cancel': handle('run:cancel', ({ runId }) => ({ cancelled: runs.cancel(runId) })),
    'run:retry-step': handle('run:retry-step', ({ runId, host, step }, context) => {
      runs.retryStep(runId, host, step, eventSink(context));
      return { runId };
    }),
    'run:continue-past-host': handle('run:continue-past-host', ({ runId, host }, context) => {
      runs.continuePastHost(runId, host, eventSink(context));
      return { runId };
    }),
    'run:events': handle('run:events', ({ runId }) => runs.events(runId)),

    'profiles:list': handle('profiles:list', () => profiles.list()),
    'profiles:save': handle('profiles:save', ({ name, inventory, includeSecrets }) =>
      profiles.save(name, inventory, includeSecrets),
    ),
    'profiles:load': handle('profiles:load', ({ name }) => profiles.load(name)),
    'profiles:remove': handle('profiles:remove', async ({ name }) => ({
      removed: await profiles.remove(name),
    })),
    'profiles:secret-storage': handle('profiles:secret-storage', () => deps.secretBox.status()),

    'report:build': handle('report:build', ({ runId }) => buildRunReport(runs.events(runId))),
    'report:export': handle(
      'report:export',
      async ({ runId, format, lang }): Promise<ReportExport> => {
        const events = runs.events(runId);
        const started = buildRunReport(events).startedAt.slice(0, 10);
        const kind = REPORT_FILE_KINDS[format];
        let content: string | Buffer;
        if (format === 'pdf') {
          if (!deps.printPdf) {
            return {
              status: 'unavailable',
              message: 'No PDF printer is available here: export HTML and print it from a browser.',
            };
          }
          const html = await renderReport(events, { format: 'html', lang: lang ?? 'en' });
          content = await deps.printPdf(String(html));
        } else {
          content = await renderReport(events, { format, lang: lang ?? 'en' });
        }
        const path = await deps.dialogs.saveFile({
          title: 'Save report',
          defaultName: `swarmlab-report-${started}.${kind.extension}`,
          filters: [{ name: kind.name, extensions: [kind.extension] }],
          content,
        });
        return path ? { status: 'saved', path } : { status: 'cancelled' };
      },
    ),

    'terminal:open': handle('terminal:open', (request, context) =>
      terminals.open(request, (event) => context.sendEvent('terminal:event', event)),
    ),
    'terminal:frame': handle('terminal:frame', (frame) => terminals.frame(frame)),
  };
  return { handlers, runs, terminals };
}

function parsedYaml(
  text: string,
  fileName: string | undefined,
): ResponseOf<'inventory:parse-yaml'> {
  const loaded = parseInventory(text, fileName);
  if (!loaded.ok) return { ok: false, errors: loaded.errors };
  return { ok: true, inventory: loaded.inventory as InventoryDocument, warnings: loaded.warnings };
}

function validated(
  document: InventoryDocument,
): { ok: true; inventory: Inventory } | { ok: false; message: string } {
  const result = validateInventory(document);
  if (result.ok) return { ok: true, inventory: result.inventory };
  const first = result.errors[0];
  const more = result.errors.length > 1 ? ` (and ${result.errors.length - 1} more)` : '';
  return {
    ok: false,
    message: first
      ? `${first.path}: ${first.message}: ${first.fix}${more}`
      : 'the inventory is not valid',
  };
}

/** A valid inventory with every secret it needs, or an error that says what is missing. */
function readyToRun(
  document: InventoryDocument,
  env: NodeJS.ProcessEnv,
): { inventory: Inventory; secrets: SecretsResolution } {
  const checked = validated(document);
  if (!checked.ok) throw new Error(`The inventory is not valid: ${checked.message}`);
  const secrets = resolveSecrets(checked.inventory, env);
  if (secrets.missing.length > 0) {
    throw new Error(`Missing secrets: ${secrets.missing.map((entry) => entry.prompt).join('; ')}`);
  }
  return { inventory: checked.inventory, secrets };
}
