/**
 * The channel table: every IPC channel, declared once. Its shape is window.api's shape: a key
 * is the name the renderer calls (`api().run.start(...)`), a leaf says which channel that is,
 * how main checks its payload, and what comes back. The request schemas, InvokeContract,
 * SwarmlabApi and the bridge the preload exposes are all derived from this (api.ts,
 * bridge.ts); adding a channel is one entry here and one handler in main/ipc/handlers/.
 */
import {
  historyRefSchema,
  resumeHistoryRequestSchema,
  type HistoryInventory,
  type OpenedHistoryRun,
  type RunHistoryEntry,
} from './history';
import { openExternalRequestSchema, type AppInfo } from './app';
import { event, invoke, query } from './channel-kit';
import {
  checkHostKeysRequestSchema,
  forgetHostKeyRequestSchema,
  testConnectionRequestSchema,
  trustHostKeyRequestSchema,
  type ConnectionTestResult,
  type HostKeyCheck,
  type PickedKeyFile,
  type TrustHostKeyResult,
} from './connection';
import {
  exportInventoryRequestSchema,
  importHostsRequestSchema,
  parseYamlRequestSchema,
  pastedTextRequestSchema,
  validateRequestSchema,
  type ExpandRangeResponse,
  type ExportedFile,
  type HostsLinesResponse,
  type ImportedHosts,
  type ImportedInventory,
  type ParsedInventory,
  type ValidationResponse,
} from './inventory';
import {
  cancelTransferRequestSchema,
  downloadRequestSchema,
  listFilesRequestSchema,
  uploadRequestSchema,
  type DownloadAnswer,
  type RemoteListing,
  type TransferEvent,
  type UploadAnswer,
} from './files';
import { planPreviewRequestSchema, type PlanPreview } from './plan-preview';
import {
  profileRefSchema,
  saveProfileRequestSchema,
  type LoadedProfile,
  type ProfileSummary,
  type SecretStorageStatus,
} from './profiles';
import type { ChangePreview, OperationPlan } from '../shared/operations';
import type { RunReport } from '../shared/run-report';
import type { RunEvent } from '../shared/run-events';
import { buildReportRequestSchema, exportReportRequestSchema, type ReportExport } from './report';
import {
  changesRequestSchema,
  continuePastHostRequestSchema,
  operationRequestSchema,
  retryStepRequestSchema,
  runRefSchema,
  startRunRequestSchema,
  type RunEventMessage,
  type StartedRun,
  type StepCatalogEntry,
} from './run';
import {
  terminalFrameSchema,
  terminalOpenRequestSchema,
  type OpenedTerminal,
  type TerminalEvent,
  type TerminalFrameResult,
} from './terminal';

export const channelTable = {
  appInfo: query('app:info').returns<AppInfo>(),
  /** Opens an http(s) address in the system browser (never inside the app). */
  openExternal: invoke('app:open-external', openExternalRequestSchema).returns<{
    opened: boolean;
  }>(),
  inventory: {
    validate: invoke('inventory:validate', validateRequestSchema).returns<ValidationResponse>(),
    expandRange: invoke(
      'inventory:expand-range',
      pastedTextRequestSchema,
    ).returns<ExpandRangeResponse>(),
    parseHostsLines: invoke(
      'inventory:parse-hosts-lines',
      pastedTextRequestSchema,
    ).returns<HostsLinesResponse>(),
    parseYaml: invoke('inventory:parse-yaml', parseYamlRequestSchema).returns<ParsedInventory>(),
    importFile: query('inventory:import-file').returns<ImportedInventory>(),
    /** Hosts from an ssh config or an Ansible inventory, picked in a file dialog. */
    importHosts: invoke(
      'inventory:import-hosts',
      importHostsRequestSchema,
    ).returns<ImportedHosts>(),
    exportFile: invoke(
      'inventory:export-file',
      exportInventoryRequestSchema,
    ).returns<ExportedFile>(),
  },
  connection: {
    test: invoke('connection:test', testConnectionRequestSchema).returns<ConnectionTestResult>(),
    /** Each host's key, read without logging in, compared with known_hosts. */
    checkHostKeys: invoke('connection:check-host-keys', checkHostKeysRequestSchema).returns<
      HostKeyCheck[]
    >(),
    trustHostKey: invoke(
      'connection:trust-host-key',
      trustHostKeyRequestSchema,
    ).returns<TrustHostKeyResult>(),
    forgetHostKey: invoke('connection:forget-host-key', forgetHostKeyRequestSchema).returns<{
      removed: number;
    }>(),
    pickKeyFile: query('connection:pick-key-file').returns<PickedKeyFile>(),
  },
  run: {
    stepCatalog: query('run:step-catalog').returns<StepCatalogEntry[]>(),
    start: invoke('run:start', startRunRequestSchema).returns<StartedRun>(),
    /** What an apply would change on which host: every host probed, nothing changed. */
    changes: invoke('run:changes', changesRequestSchema).returns<ChangePreview>(),
    /** What a remove or reset will do to which host, or why it will not start (reads no host). */
    operationPlan: invoke('run:operation-plan', operationRequestSchema).returns<OperationPlan>(),
    /** Starts a remove or reset on the swarm; it is followed like a setup run. */
    operate: invoke('run:operate', operationRequestSchema).returns<StartedRun>(),
    cancel: invoke('run:cancel', runRefSchema).returns<{ cancelled: boolean }>(),
    retryStep: invoke('run:retry-step', retryStepRequestSchema).returns<StartedRun>(),
    continuePastHost: invoke(
      'run:continue-past-host',
      continuePastHostRequestSchema,
    ).returns<StartedRun>(),
    events: invoke('run:events', runRefSchema).returns<RunEvent[]>(),
    /** What an operation would run on which host, before it starts (`swarmlab plan`). */
    preview: invoke('run:preview', planPreviewRequestSchema).returns<PlanPreview>(),
    /** Every event of every run, as it happens. */
    onEvent: event('run:event').carries<RunEventMessage>(),
  },
  history: {
    /** The runs kept on this computer, newest first (the wizard's preflight checks left out). */
    list: query('history:list').returns<RunHistoryEntry[]>(),
    /** A kept run as a session the run and report pages follow; idle until resumed. */
    open: invoke('history:open', historyRefSchema).returns<OpenedHistoryRun>(),
    /** The inventory a kept run was started with (its passwords left out). */
    inventory: invoke('history:inventory', historyRefSchema).returns<HistoryInventory>(),
    /** Goes on with an opened setup from its journal, with the wizard's inventory. */
    resume: invoke('history:resume', resumeHistoryRequestSchema).returns<StartedRun>(),
  },
  profiles: {
    list: query('profiles:list').returns<ProfileSummary[]>(),
    save: invoke('profiles:save', saveProfileRequestSchema).returns<ProfileSummary>(),
    load: invoke('profiles:load', profileRefSchema).returns<LoadedProfile>(),
    remove: invoke('profiles:remove', profileRefSchema).returns<{ removed: boolean }>(),
    secretStorage: query('profiles:secret-storage').returns<SecretStorageStatus>(),
  },
  report: {
    build: invoke('report:build', buildReportRequestSchema).returns<RunReport>(),
    export: invoke('report:export', exportReportRequestSchema).returns<ReportExport>(),
  },
  /** The file panel beside a node's terminal (SFTP on its connection). */
  files: {
    list: invoke('files:list', listFilesRequestSchema).returns<RemoteListing>(),
    upload: invoke('files:upload', uploadRequestSchema).returns<UploadAnswer>(),
    download: invoke('files:download', downloadRequestSchema).returns<DownloadAnswer>(),
    cancel: invoke('files:cancel', cancelTransferRequestSchema).returns<{ cancelled: boolean }>(),
    /** Every copy's progress, then its end. */
    onTransfer: event('files:transfer').carries<TransferEvent>(),
  },
  terminal: {
    open: invoke('terminal:open', terminalOpenRequestSchema).returns<OpenedTerminal>(),
    /** Input, resize, ack, reconnect, close. */
    send: invoke('terminal:frame', terminalFrameSchema).returns<TerminalFrameResult>(),
    /** Data, state and exit of every terminal. */
    onEvent: event('terminal:event').carries<TerminalEvent>(),
  },
} as const;
