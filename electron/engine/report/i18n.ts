/**
 * Every word the report itself says, one table per language, read from the message catalog
 * (electron/shared/messages, `report.*`). What the hosts and the steps said (messages, check
 * details) stays as recorded in the journal; step titles come localized from the run plan.
 */

import {
  CATALOGS,
  LANGS,
  message,
  type Lang,
  type MessageKey,
  type Localized,
  type MessageValues,
} from '../../shared/messages';
import { healthResultSchema } from '../../shared/health';
import { exerciseResultSchema } from '../../shared/practice';
import type { RunOperation } from '../../shared/run-events';
import type { ReportCheckTranslations, ReportHost, ReportStep } from './schema';

export type ReportLang = Lang;
export const REPORT_LANGS: readonly ReportLang[] = LANGS;

export interface ReportStrings {
  htmlLang: string;
  title: string;
  subtitle: string;
  /** The title and subtitle of a removal's report (`swarmlab remove`). */
  titleRemoval: string;
  subtitleRemoval: string;
  titleReset: string;
  subtitleReset: string;
  titlePractice: string;
  subtitlePractice: string;
  titleCheck: string;
  subtitleCheck: string;
  status: Record<'succeeded' | 'failed' | 'cancelled' | 'unfinished', string>;
  stepStatus: Record<'ok' | 'changed' | 'failed' | 'skipped', string>;
  checkStatus: Record<'pass' | 'warn' | 'fail', string>;
  runId: string;
  startedAt: string;
  finishedAt: string;
  totalTime: string;
  version: string;
  generatedAt: string;
  notFinished: string;
  summary: string;
  whatFailed: string;
  nothingFailed: string;
  contents: string;
  topology: string;
  topologyCaption: string;
  hosts: string;
  host: string;
  role: Record<'manager' | 'worker', string>;
  leader: string;
  address: string;
  login: string;
  os: string;
  kernel: string;
  arch: string;
  resources: string;
  cpus: (count: number) => string;
  memory: (mb: number) => string;
  docker: string;
  dockerBefore: (version: string) => string;
  notInstalled: string;
  hostname: string;
  hostnameWas: (before: string) => string;
  timeSync: string;
  hostKey: string;
  /** One accepted key as the report writes it: type, fingerprint, and whose it is. */
  hostKeyValue: (key: ReportHost['hostKeys'][number], host: ReportHost) => string;
  synchronized: string;
  notSynchronized: string;
  clockOffset: (ms: number) => string;
  daemonConfig: string;
  daemonUnchanged: (keys: string) => string;
  daemonNone: string;
  unknown: string;
  preflight: string;
  check: string;
  detail: string;
  fix: string;
  swarm: string;
  nodes: string;
  nodeColumns: {
    hostname: string;
    status: string;
    availability: string;
    manager: string;
    address: string;
  };
  swarmNotRead: string;
  network: string;
  networkColumns: {
    name: string;
    driver: string;
    subnet: string;
    attachable: string;
    encrypted: string;
  };
  yes: string;
  no: string;
  noNetwork: string;
  verification: string;
  verificationNotRun: string;
  verificationChecks: Record<string, string>;
  passed: string;
  failedCheck: string;
  howProven: string;
  proofRoutingMesh: string;
  proofRoutingMeshFailed: string;
  proofNoMesh: string;
  proofUnknown: string;
  answers: string;
  steps: string;
  stepOf: (index: number, total: number) => string;
  duration: string;
  changes: string;
  warnings: string;
  commands: (count: number) => string;
  helperCommands: (count: number) => string;
  noCommands: string;
  exitCode: (code: number | null) => string;
  wroteFile: (path: string, mode: string, bytes: number) => string;
  noOutput: string;
  asRoot: string;
  notRunHere: string;
  practiceNotice: string;
  logs: string;
  transcripts: string;
  transcriptsIntro: string;
  reproduction: string;
  reproductionIntro: string;
  download: string;
  footer: (version: string) => string;
  redactedNote: string;
}

/** The report's words in one language, from the message catalog. */
function reportStrings(lang: ReportLang): ReportStrings {
  const words = CATALOGS[lang].report;
  const say = <Key extends MessageKey>(key: Key, ...values: MessageValues<Key>) =>
    message(lang, key, ...values);
  return {
    // The catalog's plain words as they are; what is counted, formatted or copied below.
    ...words,
    status: { ...words.status },
    stepStatus: { ...words.stepStatus },
    checkStatus: { ...words.checkStatus },
    role: { ...words.role },
    cpus: (count) => say(count === 1 ? 'report.cpusOne' : 'report.cpusMany', { count }),
    memory: (mb) =>
      mb >= 1024
        ? say('report.memoryGiB', { gib: (mb / 1024).toFixed(1) })
        : say('report.memoryMiB', { mib: mb }),
    dockerBefore: (version) => say('report.dockerBefore', { version }),
    hostnameWas: (before) => say('report.hostnameWas', { before }),
    hostKeyValue: (key, host) => {
      const notes = [
        key.address !== host.address || key.port !== host.port
          ? say('report.hostKeyJump', { address: `${key.address}:${key.port}` })
          : null,
        key.firstContact ? words.hostKeyFirstContact : null,
      ].filter((note): note is string => note !== null);
      return `${key.keyType} ${key.fingerprint}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`;
    },
    clockOffset: (ms) =>
      say('report.clockOffset', { offset: `${ms >= 0 ? '+' : ''}${Math.round(ms)}` }),
    daemonUnchanged: (keys) => say('report.daemonUnchanged', { keys }),
    nodeColumns: { ...words.nodeColumns },
    networkColumns: { ...words.networkColumns },
    verificationChecks: Object.fromEntries(
      Object.entries(CATALOGS[lang].verify).map(([id, check]) => [id, check.title]),
    ),
    stepOf: (index, total) => say('report.stepOf', { index, total }),
    commands: (count) => say(count === 1 ? 'report.commandsOne' : 'report.commandsMany', { count }),
    helperCommands: (count) =>
      say(count === 1 ? 'report.helperCommandsOne' : 'report.helperCommandsMany', { count }),
    exitCode: (code) => (code === null ? words.noExitCode : say('report.exitCode', { code })),
    wroteFile: (path, mode, bytes) => say('report.wroteFile', { path, mode, bytes }),
    footer: (version) => say('report.footer', { version }),
  };
}

export const REPORT_STRINGS: Readonly<Record<ReportLang, ReportStrings>> = {
  en: reportStrings('en'),
  'zh-CN': reportStrings('zh-CN'),
};

/** A check's detail and fix in the report's language (English when not recorded). */
export function checkWords(
  check: {
    detail: string;
    fix?: string | null;
    translations: ReportCheckTranslations;
  },
  lang: ReportLang,
): { detail: string; fix: string | null } {
  const chinese = lang === 'zh-CN' ? check.translations?.['zh-CN'] : undefined;
  return chinese ?? { detail: check.detail, fix: check.fix ?? null };
}

/**
 * A step result's message, changes and warnings in the report's language, where the engine gave
 * them; English (as the journal has it) where it did not, as in older journals.
 */
export function resultWords(
  result: {
    message: string;
    changes: string[];
    warnings: string[];
    localized?:
      { message: Localized; changes: Localized[]; warnings?: Localized[] | undefined } | undefined;
  },
  lang: ReportLang,
): { message: string; changes: string[]; warnings: string[] } {
  const words = result.localized;
  if (!words)
    return { message: result.message, changes: result.changes, warnings: result.warnings };
  return {
    message: words.message[lang],
    changes: words.changes.map((change) => change[lang]),
    warnings: words.warnings?.map((warning) => warning[lang]) ?? result.warnings,
  };
}

/** Why a step failed on a host, in the report's language where the run recorded it. */
export function failureWords(
  failure: { host: string; step: string; message: string },
  steps: readonly ReportStep[],
  lang: ReportLang,
): string {
  const result = steps
    .find((step) => step.id === failure.step)
    ?.results.find((candidate) => candidate.host === failure.host);
  return result?.localized && result.message === failure.message
    ? result.localized.message[lang]
    : failure.message;
}

/** The report's title and subtitle for what the run did. */
export function reportHeading(
  operation: RunOperation,
  t: ReportStrings,
): { title: string; subtitle: string } {
  switch (operation) {
    case 'removal':
      return { title: t.titleRemoval, subtitle: t.subtitleRemoval };
    case 'reset':
      return { title: t.titleReset, subtitle: t.subtitleReset };
    case 'practice':
      return { title: t.titlePractice, subtitle: t.subtitlePractice };
    case 'check':
      return { title: t.titleCheck, subtitle: t.subtitleCheck };
    case 'setup':
      return { title: t.title, subtitle: t.subtitle };
  }
}

/**
 * What a practice exercise found and what the learner should notice, in the report's language,
 * when a step's result is an exercise's (its data); undefined for every other step.
 */
export function exerciseWords(
  data: unknown,
  lang: ReportLang,
): { passed: boolean; detail: string; notice: string } | undefined {
  const parsed = exerciseResultSchema.safeParse(data);
  if (!parsed.success) return undefined;
  const { passed, detail, notice } = parsed.data;
  return { passed, detail: detail[lang], notice: notice[lang] };
}

/**
 * What a health check step found, in the report's language, problems first, when a step's
 * result is a check's (its data); undefined for every other step.
 */
export function findingWords(
  data: unknown,
  lang: ReportLang,
): { problem: boolean; message: string; fix: string }[] | undefined {
  const parsed = healthResultSchema.safeParse(data);
  if (!parsed.success) return undefined;
  return [...parsed.data.findings]
    .sort((a, b) => Number(b.severity === 'problem') - Number(a.severity === 'problem'))
    .map((finding) => ({
      problem: finding.severity === 'problem',
      message: finding.message[lang],
      fix: finding.fix[lang],
    }));
}

export function isReportLang(value: string): value is ReportLang {
  return (REPORT_LANGS as readonly string[]).includes(value);
}

/** A duration for people: 850 ms, 12.4 s, 3 min 05 s, 1 h 02 min. */
export function formatDuration(ms: number | null | undefined, lang: ReportLang): string {
  if (ms === null || ms === undefined) return '—';
  if (ms < 1000) return message(lang, 'report.durationMs', { ms: Math.round(ms) });
  if (ms < 60_000) {
    return message(lang, 'report.durationSeconds', { seconds: (ms / 1000).toFixed(1) });
  }
  const totalSeconds = Math.round(ms / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor((totalSeconds % 3600) / 60);
  const seconds = totalSeconds % 60;
  const twoDigits = (value: number) => String(value).padStart(2, '0');
  if (hours > 0) {
    return message(lang, 'report.durationHours', { hours, minutes: twoDigits(minutes) });
  }
  return message(lang, 'report.durationMinutes', { minutes, seconds: twoDigits(seconds) });
}

/** A timestamp for people, in UTC so a report reads the same wherever it is opened. */
export function formatTime(iso: string | null): string {
  if (!iso) return '—';
  return `${iso
    .replace('T', ' ')
    .replace(/\.\d+Z$/, '')
    .replace(/Z$/, '')} UTC`;
}
