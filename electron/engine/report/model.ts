/**
 * Folds a run journal into the setup report's data (the JSON format; HTML, Markdown, PDF and the
 * reproduction script are renderings of it). Step data is read defensively: a journal may come
 * from an older or newer swarmlab, or from a run that failed half way, so every field is
 * optional here and a missing one shows as "unknown", never as a crash.
 */
import type { TranscriptEntry } from '../terminal/transcript';
import type { PlanHostSummary, PlanStepSummary } from '../../shared/plan';
import type { RunEvent } from '../../shared/run-events';
import { SWARMLAB_VERSION } from '../version';
import { buildRunReport } from './run-report';
import { ReportRedactor } from './redaction';
import { StepCommands } from './step-commands';
import {
  SETUP_REPORT_KIND,
  SETUP_REPORT_SCHEMA_ID,
  SETUP_REPORT_SCHEMA_VERSION,
  type ReportCheckTranslations,
  type ReportHost,
  type ReportStep,
  type ReportStepResult,
  type ReportSwarm,
  type ReportTopology,
  type SetupReport,
} from './schema';

export interface BuildReportOptions {
  /** Literal secrets the caller still knows (passwords from the keychain); hidden too. */
  secrets?: Iterable<string | undefined>;
  /** "Now", for reproducible output in tests. */
  generatedAt?: Date;
  /** The run's terminal transcripts, found beside its journal (engine/terminal/transcript.ts). */
  transcripts?: readonly TranscriptEntry[];
}

export const DAEMON_JSON_PATH = '/etc/docker/daemon.json';

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function str(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}
function num(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}
function bool(value: unknown): boolean | null {
  return typeof value === 'boolean' ? value : null;
}
function at(object: unknown, ...path: string[]): unknown {
  let current: unknown = object;
  for (const key of path) {
    if (!isObject(current)) return undefined;
    current = current[key];
  }
  return current;
}

/** Steps after which a host is no longer a node of the swarm. */
const LEAVING_STEPS: readonly string[] = [
  'swarm-leave',
  'swarm-dissolve-workers',
  'swarm-dissolve-managers',
];

/** Builds the report from a journal. Every string in it is redacted once more. */
export function buildSetupReport(
  events: readonly RunEvent[],
  options: BuildReportOptions = {},
): SetupReport {
  const base = buildRunReport(events);
  const starts = events.filter((event) => event.type === 'run-started');
  const plan = starts.at(-1);
  if (!plan) throw new Error('the journal has no run-started event');

  const steps = collectSteps(events, plan.steps, base.results);
  const resultOf = (stepId: string, hostId: string): ReportStepResult | undefined =>
    steps.find((step) => step.id === stepId)?.results.find((result) => result.host === hostId);

  const hosts = plan.hosts.map((host) => ({
    ...describeHost(host, steps, resultOf),
    hostKeys: hostKeysOf(events, host.id),
  }));
  const swarm = describeSwarm(steps);
  // A removal or reset draws the swarm it leaves behind: the hosts that left are not in it.
  const left = new Set(
    plan.steps
      .filter((step) => LEAVING_STEPS.includes(step.id))
      .flatMap((step) =>
        step.hosts.filter((host) =>
          ['ok', 'changed'].includes(resultOf(step.id, host)?.status ?? ''),
        ),
      ),
  );
  const topology = describeTopology(
    plan.hosts.filter((host) => !left.has(host.id)),
    hosts.filter((host) => !left.has(host.id)),
    swarm,
  );

  const report: SetupReport = {
    $schema: SETUP_REPORT_SCHEMA_ID,
    kind: SETUP_REPORT_KIND,
    schemaVersion: SETUP_REPORT_SCHEMA_VERSION,
    generatedAt: (options.generatedAt ?? new Date()).toISOString(),
    generator: { name: 'swarmlab', version: SWARMLAB_VERSION },
    summary: { ...base.summary },
    run: {
      id: base.runId,
      swarmlabVersion: base.swarmlabVersion,
      startedAt: base.startedAt,
      finishedAt: base.finishedAt ?? null,
      durationMs: base.durationMs ?? null,
      status: base.status,
      resumed: starts.length > 1 || starts.some((start) => start.resumed),
      operation: starts.at(-1)?.operation ?? 'setup',
      summary: base.summary,
      failures: base.failures,
    },
    hosts,
    topology,
    steps,
    swarm,
    logs: events.flatMap((event) =>
      event.type === 'log' && event.level !== 'info'
        ? [
            {
              at: new Date(event.at).toISOString(),
              host: event.host ?? null,
              step: event.step ?? null,
              level: event.level,
              message: event.message,
            },
          ]
        : [],
    ),
    transcripts: [...(options.transcripts ?? [])],
  };
  return new ReportRedactor(options.secrets).deep(report);
}

/**
 * Steps in plan order with their latest result per host and the commands of that attempt
 * (step-commands.ts).
 */
function collectSteps(
  events: readonly RunEvent[],
  planSteps: readonly PlanStepSummary[],
  results: ReturnType<typeof buildRunReport>['results'],
): ReportStep[] {
  const commands = new StepCommands(events);
  const known = new Set(planSteps.map((step) => step.id));
  // Results of steps the latest plan no longer lists (an older run's) still belong in a report.
  const extra = [...new Set(results.map((result) => result.step))]
    .filter((id) => !known.has(id))
    .map((id) => ({ id, title: { en: id, 'zh-CN': id }, hosts: [] as string[] }));

  return [...planSteps, ...extra].map((step: PlanStepSummary) => ({
    id: step.id,
    title: step.title,
    ...(step.explanation ? { explanation: step.explanation } : {}),
    hosts: step.hosts,
    results: results
      .filter((result) => result.step === step.id)
      .sort((a, b) => indexIn(step.hosts, a.host) - indexIn(step.hosts, b.host))
      .map((result) => ({
        host: result.host,
        status: result.status,
        message: result.message,
        durationMs: result.durationMs,
        changes: result.changes,
        warnings: result.warnings,
        ...(result.data !== undefined ? { data: result.data } : {}),
        ...(result.localized ? { localized: result.localized } : {}),
        commands: commands.of(result.host, step.id),
      })),
    helperCommands: commands.helpersOf(step.id),
  }));
}

function indexIn(list: readonly string[], value: string): number {
  const index = list.indexOf(value);
  return index === -1 ? Number.MAX_SAFE_INTEGER : index;
}

type ResultLookup = (stepId: string, hostId: string) => ReportStepResult | undefined;

function describeHost(
  host: PlanHostSummary,
  steps: readonly ReportStep[],
  resultOf: ResultLookup,
): Omit<ReportHost, 'hostKeys'> {
  const preflight = resultOf('preflight', host.id);
  const facts = at(preflight?.data, 'facts');
  const clock = at(preflight?.data, 'clock');
  const checks = at(preflight?.data, 'checks');
  const install = resultOf('docker-install', host.id);
  const daemon = resultOf('docker-daemon', host.id);

  // daemon.json as written: the content of the last upload to that path on this host.
  const daemonPath = str(at(daemon?.data, 'path')) ?? DAEMON_JSON_PATH;
  const uploads = steps
    .flatMap((step) => [
      ...step.results.filter((result) => result.host === host.id).flatMap((r) => r.commands),
      ...step.helperCommands.filter((command) => command.host === host.id),
    ])
    .filter((command) => command.upload?.path === daemonPath);
  const written = uploads.at(-1)?.upload ?? null;
  const daemonKeys = at(daemon?.data, 'keys');
  const keys = Array.isArray(daemonKeys)
    ? daemonKeys.filter((k): k is string => typeof k === 'string')
    : written?.content
      ? keysOfJson(written.content)
      : [];

  const versionBefore =
    str(at(facts, 'docker', 'serverVersion')) ?? str(at(facts, 'docker', 'clientVersion'));
  const version =
    str(at(install?.data, 'version')) ?? str(at(daemon?.data, 'version')) ?? versionBefore;

  return {
    id: host.id,
    address: host.address,
    port: host.port,
    user: host.user,
    role: host.role,
    hostname:
      host.hostname ??
      str(at(resultOf('hostname', host.id)?.data, 'hostname')) ??
      str(at(facts, 'hostname')),
    advertiseAddress: host.advertiseAddress ?? null,
    labels: host.labels ?? {},
    system: {
      os: str(at(facts, 'os', 'prettyName')),
      osId: str(at(facts, 'os', 'id')),
      osVersion: str(at(facts, 'os', 'versionId')),
      kernel: str(at(facts, 'kernel')),
      arch: str(at(facts, 'arch')),
      cpus: num(at(facts, 'cpus')),
      memoryMb: num(at(facts, 'memoryMb')),
      hostnameBefore: str(at(facts, 'hostname')),
      timeSynchronized: bool(at(facts, 'timeSynchronized')),
      clockOffsetMs: num(at(clock, 'offsetMs')),
      ipvs: bool(at(facts, 'ipvs')),
    },
    docker: {
      version,
      versionBefore,
      installSummary: str(at(install?.data, 'summary')),
      daemonConfig:
        daemon || written
          ? { path: daemonPath, content: written?.content ?? null, keys, written: written !== null }
          : null,
    },
    preflight: Array.isArray(checks)
      ? checks.filter(isObject).map((check) => ({
          id: str(check.id) ?? '?',
          status: check.status === 'fail' ? 'fail' : check.status === 'warn' ? 'warn' : 'pass',
          detail: typeof check.detail === 'string' ? check.detail : '',
          fix: str(check.fix),
          translations: chineseWords(at(check.translations, 'zh-CN')),
        }))
      : null,
  };
}

function keysOfJson(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? Object.keys(value).sort() : [];
  } catch {
    return [];
  }
}

/** The network's name, which the overlay step's data lacks: read from its commands. */
function networkName(step: ReportStep | undefined): string | null {
  for (const result of step?.results ?? []) {
    const fromData = str(at(result.data, 'name'));
    if (fromData) return fromData;
    for (const change of result.changes) {
      const match = /overlay network (\S+)/.exec(change);
      if (match?.[1]) return match[1];
    }
    for (const command of result.commands) {
      const match =
        /^docker network (?:inspect|create)\b.*?'?([A-Za-z0-9][A-Za-z0-9_.-]*)'?\s*$/.exec(
          command.command,
        );
      if (match?.[1]) return match[1];
    }
  }
  return null;
}

function describeSwarm(steps: readonly ReportStep[]): ReportSwarm {
  const overlay = steps.find((step) => step.id === 'overlay-network');
  const overlayData = overlay?.results.map((result) => result.data).find(isObject);
  const verify = steps.find((step) => step.id === 'verify-swarm')?.results[0];
  const data = verify?.data;

  const rawNodes = at(data, 'nodes');
  const nodes = Array.isArray(rawNodes)
    ? rawNodes.filter(isObject).map((node) => ({
        id: typeof node.id === 'string' ? node.id : '',
        hostname: typeof node.hostname === 'string' ? node.hostname : '',
        status: typeof node.status === 'string' ? node.status : '',
        availability: typeof node.availability === 'string' ? node.availability : '',
        managerStatus: typeof node.managerStatus === 'string' ? node.managerStatus : '',
        address: typeof node.address === 'string' ? node.address : '',
      }))
    : null;

  const rawChecks = at(data, 'checks');
  const checks = Array.isArray(rawChecks)
    ? rawChecks.filter(isObject).map((check) => ({
        id: str(check.id) ?? '?',
        passed: check.passed === true,
        detail: typeof check.detail === 'string' ? check.detail : '',
        translations: chineseWords(at(check.translations, 'zh-CN')),
      }))
    : [];
  const loadBalancing = at(data, 'loadBalancing');
  const lb =
    loadBalancing === 'routing-mesh' || loadBalancing === 'dns-round-robin' ? loadBalancing : null;
  const meshCheck = checks.find((check) => check.id === 'routing-mesh');
  const answers = at(data, 'answers');

  return {
    nodes,
    network: overlayData
      ? {
          name: networkName(overlay),
          driver: str(overlayData.driver) ?? 'overlay',
          scope: str(overlayData.scope),
          subnet: typeof overlayData.subnet === 'string' ? overlayData.subnet : '',
          attachable: overlayData.attachable === true,
          encrypted: overlayData.encrypted === true,
        }
      : null,
    verification: verify
      ? {
          status: verify.status,
          checks,
          loadBalancing: lb,
          routingMesh:
            lb === 'dns-round-robin'
              ? 'unavailable'
              : meshCheck
                ? meshCheck.passed
                  ? 'proven'
                  : 'failed'
                : 'unknown',
          answers: isObject(answers)
            ? Object.fromEntries(
                Object.entries(answers).filter(
                  (entry): entry is [string, number] => typeof entry[1] === 'number',
                ),
              )
            : {},
        }
      : null,
  };
}

function describeTopology(
  planHosts: readonly PlanHostSummary[],
  hosts: readonly ReportHost[],
  swarm: ReportSwarm,
): ReportTopology {
  return {
    nodes: planHosts.map((plan, index) => {
      const host = hosts[index];
      const name = host?.hostname ?? plan.id;
      const node = swarm.nodes?.find((candidate) => candidate.hostname === name);
      return {
        host: plan.id,
        name,
        role: plan.role,
        address: plan.advertiseAddress ?? plan.address,
        leader: node
          ? node.managerStatus === 'Leader'
          : plan.id === planHosts.find((other) => other.role === 'manager')?.id,
        status: node?.status ?? null,
        dockerVersion: host?.docker.version ?? null,
      };
    }),
    network: swarm.network ? { name: swarm.network.name, subnet: swarm.network.subnet } : null,
  };
}

/** Logged warnings a step already lists among its own are not repeated. */
export function unlistedLogs(report: SetupReport): SetupReport['logs'] {
  return report.logs.filter(
    (log) =>
      !report.steps.some((step) =>
        step.results.some(
          (result) =>
            step.id === log.step &&
            result.host === log.host &&
            result.warnings.includes(log.message),
        ),
      ),
  );
}

/** A check's Chinese words as the journal recorded them, when it did. */
function chineseWords(value: unknown): ReportCheckTranslations {
  const detail = str(at(value, 'detail'));
  return detail ? { 'zh-CN': { detail, fix: str(at(value, 'fix')) } } : null;
}

/** The keys a host's connections accepted, the latest per hop (journals before them: none). */
function hostKeysOf(events: readonly RunEvent[], hostId: string): ReportHost['hostKeys'] {
  const byHop = new Map<string, ReportHost['hostKeys'][number]>();
  for (const event of events) {
    if (event.type !== 'host-key' || event.host !== hostId) continue;
    const earlier = byHop.get(`${event.address}|${event.port}`);
    byHop.set(`${event.address}|${event.port}`, {
      address: event.address,
      port: event.port,
      keyType: event.keyType,
      fingerprint: event.fingerprint,
      // A resumed run connects again: the first contact was the earlier part's.
      firstContact:
        event.firstContact || (earlier?.fingerprint === event.fingerprint && earlier.firstContact),
    });
  }
  return [...byHop.values()];
}
