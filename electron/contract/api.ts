/**
 * The IPC contract: every channel declared once (per area, in the files beside this one),
 * with the zod schemas main validates payloads against, and the API the preload exposes on
 * `window.api` — named, typed functions only, no generic invoke/on.
 */
import { z } from 'zod';
import { emptyRequestSchema, type EmptyRequest } from './common';
import { forgetHostKeyRequestSchema, testConnectionRequestSchema } from './connection';
import type {
  ConnectionTestResult,
  ForgetHostKeyRequest,
  PickedKeyFile,
  TestConnectionRequest,
} from './connection';
import {
  exportInventoryRequestSchema,
  parseYamlRequestSchema,
  pastedTextRequestSchema,
  validateRequestSchema,
} from './inventory';
import type {
  ExpandRangeResponse,
  ExportedFile,
  ExportInventoryRequest,
  HostsLinesResponse,
  ImportedInventory,
  ParsedInventory,
  ParseYamlRequest,
  PastedTextRequest,
  ValidateRequest,
  ValidationResponse,
} from './inventory';
import { profileRefSchema, saveProfileRequestSchema } from './profiles';
import type {
  LoadedProfile,
  ProfileRef,
  ProfileSummary,
  SaveProfileRequest,
  SecretStorageStatus,
} from './profiles';
import { buildReportRequestSchema, exportReportRequestSchema } from './report';
import type { BuildReportRequest, ExportReportRequest, ReportExport, RunReport } from './report';
import {
  continuePastHostRequestSchema,
  retryStepRequestSchema,
  runRefSchema,
  startRunRequestSchema,
} from './run';
import type {
  ContinuePastHostRequest,
  RetryStepRequest,
  RunEvent,
  RunEventMessage,
  RunRef,
  StartedRun,
  StartRunRequest,
  StepCatalogEntry,
} from './run';

import { terminalFrameSchema, terminalOpenRequestSchema } from './terminal';
import type {
  OpenedTerminal,
  TerminalEvent,
  TerminalFrame,
  TerminalFrameResult,
  TerminalOpenRequest,
} from './terminal';

export * from './channels';
export * from './common';
export * from './connection';
export * from './inventory';
export * from './profiles';
export * from './report';
export * from './run';
export * from './terminal';
export * from './terminal-flow';

export const appInfoSchema = z.object({
  version: z.string(),
  platform: z.string(),
});
export type AppInfo = z.infer<typeof appInfoSchema>;

/**
 * A web address the user clicked (a link in a terminal), for the system browser. Only http
 * and https: anything else (file:, javascript:, a custom scheme) could run or open things.
 */
export const openExternalRequestSchema = z.object({
  url: z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// address' }).max(2048),
});
export type OpenExternalRequest = z.infer<typeof openExternalRequestSchema>;

/**
 * Request/response types of every invoke channel, keyed by channel name. Main's handler map
 * and the preload are both typed from this, so a channel cannot drift between them.
 */
export interface InvokeContract {
  'app:info': { request: EmptyRequest; response: AppInfo };
  'app:open-external': { request: OpenExternalRequest; response: { opened: boolean } };
  'inventory:validate': { request: ValidateRequest; response: ValidationResponse };
  'inventory:expand-range': { request: PastedTextRequest; response: ExpandRangeResponse };
  'inventory:parse-hosts-lines': { request: PastedTextRequest; response: HostsLinesResponse };
  'inventory:parse-yaml': { request: ParseYamlRequest; response: ParsedInventory };
  'inventory:import-file': { request: EmptyRequest; response: ImportedInventory };
  'inventory:export-file': { request: ExportInventoryRequest; response: ExportedFile };
  'connection:test': { request: TestConnectionRequest; response: ConnectionTestResult };
  'connection:forget-host-key': { request: ForgetHostKeyRequest; response: { removed: number } };
  'connection:pick-key-file': { request: EmptyRequest; response: PickedKeyFile };
  'run:step-catalog': { request: EmptyRequest; response: StepCatalogEntry[] };
  'run:start': { request: StartRunRequest; response: StartedRun };
  'run:cancel': { request: RunRef; response: { cancelled: boolean } };
  'run:retry-step': { request: RetryStepRequest; response: StartedRun };
  'run:continue-past-host': { request: ContinuePastHostRequest; response: StartedRun };
  'run:events': { request: RunRef; response: RunEvent[] };
  'profiles:list': { request: EmptyRequest; response: ProfileSummary[] };
  'profiles:save': { request: SaveProfileRequest; response: ProfileSummary };
  'profiles:load': { request: ProfileRef; response: LoadedProfile };
  'profiles:remove': { request: ProfileRef; response: { removed: boolean } };
  'profiles:secret-storage': { request: EmptyRequest; response: SecretStorageStatus };
  'report:build': { request: BuildReportRequest; response: RunReport };
  'report:export': { request: ExportReportRequest; response: ReportExport };
  'terminal:open': { request: TerminalOpenRequest; response: OpenedTerminal };
  'terminal:frame': { request: TerminalFrame; response: TerminalFrameResult };
}

export type InvokeChannel = keyof InvokeContract;
export type RequestOf<C extends InvokeChannel> = InvokeContract[C]['request'];
export type ResponseOf<C extends InvokeChannel> = InvokeContract[C]['response'];

/** main → renderer channels and their payloads. */
export interface EventContract {
  'run:event': RunEventMessage;
  'terminal:event': TerminalEvent;
}
export type EventChannel = keyof EventContract;

/** Stops a subscription. */
export type Unsubscribe = () => void;

/** The API the preload exposes on `window.api`: named, typed functions only. */
export interface SwarmlabApi {
  appInfo(): Promise<AppInfo>;
  /** Opens an http(s) address in the system browser (never inside the app). */
  openExternal(request: OpenExternalRequest): Promise<{ opened: boolean }>;
  inventory: {
    validate(request: ValidateRequest): Promise<ValidationResponse>;
    expandRange(request: PastedTextRequest): Promise<ExpandRangeResponse>;
    parseHostsLines(request: PastedTextRequest): Promise<HostsLinesResponse>;
    parseYaml(request: ParseYamlRequest): Promise<ParsedInventory>;
    importFile(): Promise<ImportedInventory>;
    exportFile(request: ExportInventoryRequest): Promise<ExportedFile>;
  };
  connection: {
    test(request: TestConnectionRequest): Promise<ConnectionTestResult>;
    forgetHostKey(request: ForgetHostKeyRequest): Promise<{ removed: number }>;
    pickKeyFile(): Promise<PickedKeyFile>;
  };
  run: {
    stepCatalog(): Promise<StepCatalogEntry[]>;
    start(request: StartRunRequest): Promise<StartedRun>;
    cancel(request: RunRef): Promise<{ cancelled: boolean }>;
    retryStep(request: RetryStepRequest): Promise<StartedRun>;
    continuePastHost(request: ContinuePastHostRequest): Promise<StartedRun>;
    events(request: RunRef): Promise<RunEvent[]>;
    /** Every event of every run, as it happens. Returns the function that stops listening. */
    onEvent(listener: (message: RunEventMessage) => void): Unsubscribe;
  };
  profiles: {
    list(): Promise<ProfileSummary[]>;
    save(request: SaveProfileRequest): Promise<ProfileSummary>;
    load(request: ProfileRef): Promise<LoadedProfile>;
    remove(request: ProfileRef): Promise<{ removed: boolean }>;
    secretStorage(): Promise<SecretStorageStatus>;
  };
  report: {
    build(request: BuildReportRequest): Promise<RunReport>;
    export(request: ExportReportRequest): Promise<ReportExport>;
  };
  terminal: {
    open(request: TerminalOpenRequest): Promise<OpenedTerminal>;
    /** Input, resize, ack, reconnect, close. */
    send(frame: TerminalFrame): Promise<TerminalFrameResult>;
    /** Data, state and exit of every terminal. Returns the function that stops listening. */
    onEvent(listener: (event: TerminalEvent) => void): Unsubscribe;
  };
}

/** The schema main validates each invoke channel's payload against. */
export const requestSchemas = {
  'app:info': emptyRequestSchema,
  'app:open-external': openExternalRequestSchema,
  'inventory:validate': validateRequestSchema,
  'inventory:expand-range': pastedTextRequestSchema,
  'inventory:parse-hosts-lines': pastedTextRequestSchema,
  'inventory:parse-yaml': parseYamlRequestSchema,
  'inventory:import-file': emptyRequestSchema,
  'inventory:export-file': exportInventoryRequestSchema,
  'connection:test': testConnectionRequestSchema,
  'connection:forget-host-key': forgetHostKeyRequestSchema,
  'connection:pick-key-file': emptyRequestSchema,
  'run:step-catalog': emptyRequestSchema,
  'run:start': startRunRequestSchema,
  'run:cancel': runRefSchema,
  'run:retry-step': retryStepRequestSchema,
  'run:continue-past-host': continuePastHostRequestSchema,
  'run:events': runRefSchema,
  'profiles:list': emptyRequestSchema,
  'profiles:save': saveProfileRequestSchema,
  'profiles:load': profileRefSchema,
  'profiles:remove': profileRefSchema,
  'profiles:secret-storage': emptyRequestSchema,
  'report:build': buildReportRequestSchema,
  'report:export': exportReportRequestSchema,
  'terminal:open': terminalOpenRequestSchema,
  'terminal:frame': terminalFrameSchema,
} as const satisfies { [C in InvokeChannel]: z.ZodType<RequestOf<C>> };
