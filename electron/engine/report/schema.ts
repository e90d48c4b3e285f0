/**
 * The setup report as data: the zod schema is the single source of truth for the JSON format,
 * its TypeScript types and the published JSON Schema (docs/report.schema.json, written by
 * write-json-schema.ts). Bump {@link SETUP_REPORT_SCHEMA_VERSION} on any change that could
 * break a reader (a field removed, renamed or retyped); adding an optional field does not.
 */
import { z } from 'zod';

export const SETUP_REPORT_SCHEMA_VERSION = 1;
export const SETUP_REPORT_KIND = 'swarmlab-setup-report';
export const SETUP_REPORT_SCHEMA_ID = 'https://swarmlab.dev/schemas/report.schema.json';

const Localized = z.object({ en: z.string(), 'zh-CN': z.string() });
const StepStatus = z.enum(['ok', 'changed', 'failed', 'skipped']);
const Phase = z.enum(['probe', 'apply', 'verify']);

const OutputChunk = z
  .object({ stream: z.enum(['stdout', 'stderr']), text: z.string() })
  .describe('Consecutive output of one stream, joined.');

const Upload = z
  .object({
    path: z.string(),
    mode: z.string().describe('Octal, e.g. "0644".'),
    bytes: z.number().int().nonnegative(),
    content: z
      .string()
      .nullable()
      .describe('The text written (configs); null for binaries. Redacted like everything else.'),
  })
  .describe('A file written over SFTP.');

export const ReportCommandSchema = z.object({
  id: z.number().int(),
  host: z.string().describe('The host the command ran on (may differ from the step’s host).'),
  phase: Phase.nullable().describe('The step phase it ran in, when the journal tells.'),
  startedAt: z.string(),
  command: z.string(),
  sudo: z.boolean(),
  upload: Upload.nullable(),
  output: z.array(OutputChunk),
  exitCode: z.number().int().nullable(),
  durationMs: z.number().nullable(),
  purpose: Localized.optional().describe(
    'What a read-only command finds out, in words, where the step says so.',
  ),
});

const ChineseWords = z
  .object({ 'zh-CN': z.object({ detail: z.string(), fix: z.string().nullable() }) })
  .nullable()
  .describe('The detail (and fix) in Chinese; null when the run did not record them.');

const PreflightCheck = z.object({
  id: z.string(),
  status: z.enum(['pass', 'warn', 'fail']),
  detail: z.string(),
  fix: z.string().nullable(),
  translations: ChineseWords,
});

export type ReportCheckTranslations = z.infer<typeof ChineseWords>;

export const ReportHostSchema = z.object({
  id: z.string(),
  address: z.string(),
  port: z.number().int(),
  user: z.string(),
  role: z.enum(['manager', 'worker']),
  hostname: z.string().nullable().describe('The hostname the node has in the swarm.'),
  advertiseAddress: z.string().nullable(),
  labels: z.record(z.string(), z.string()),
  system: z.object({
    os: z.string().nullable().describe('Pretty name, e.g. "Debian GNU/Linux 12 (bookworm)".'),
    osId: z.string().nullable(),
    osVersion: z.string().nullable(),
    kernel: z.string().nullable(),
    arch: z.string().nullable(),
    cpus: z.number().nullable(),
    memoryMb: z.number().nullable(),
    hostnameBefore: z.string().nullable().describe('The hostname preflight found.'),
    timeSynchronized: z.boolean().nullable(),
    clockOffsetMs: z.number().nullable(),
    ipvs: z.boolean().nullable(),
  }),
  docker: z.object({
    version: z.string().nullable().describe('The engine version after the run.'),
    versionBefore: z.string().nullable().describe('The engine version preflight found.'),
    installSummary: z.string().nullable(),
    daemonConfig: z
      .object({
        path: z.string(),
        content: z.string().nullable().describe('daemon.json as written; null when unchanged.'),
        keys: z.array(z.string()),
        written: z.boolean(),
      })
      .nullable(),
  }),
  preflight: z.array(PreflightCheck).nullable(),
  hostKeys: z
    .array(
      z.object({
        address: z.string().describe('The hop: the host itself, or a jump host on the way.'),
        port: z.number().int(),
        keyType: z.string(),
        fingerprint: z.string().describe('SHA256, as `ssh-keygen -lf` prints it.'),
        firstContact: z.boolean().describe('Trusted for the first time by this run’s command.'),
      }),
    )
    .describe('The host keys the run accepted, so a first contact can be checked afterwards.'),
});

export const ReportStepResultSchema = z.object({
  host: z.string(),
  status: StepStatus,
  message: z.string(),
  durationMs: z.number(),
  changes: z.array(z.string()),
  warnings: z.array(z.string()),
  data: z.unknown().optional().describe('Step-specific results, as the step returned them.'),
  localized: z
    .object({
      message: Localized,
      changes: z.array(Localized),
      warnings: z
        .array(Localized)
        .optional()
        .describe('warnings in every language (absent in journals before they were translated).'),
    })
    .optional()
    .describe('message, changes and warnings in every language, where the engine said them.'),
  commands: z.array(ReportCommandSchema),
});

export const ReportStepSchema = z.object({
  id: z.string(),
  title: Localized,
  explanation: Localized.optional().describe('What the step is for.'),
  hosts: z.array(z.string()),
  results: z.array(ReportStepResultSchema),
  helperCommands: z
    .array(ReportCommandSchema)
    .describe('Commands run on another host on behalf of this step (a join token fetch).'),
});

const SwarmNode = z.object({
  id: z.string(),
  hostname: z.string(),
  status: z.string(),
  availability: z.string(),
  managerStatus: z.string(),
  address: z.string(),
});

export const ReportSwarmSchema = z.object({
  nodes: z
    .array(SwarmNode)
    .nullable()
    .describe('`docker node ls` at verification; null if not reached.'),
  network: z
    .object({
      name: z.string().nullable(),
      driver: z.string(),
      scope: z.string().nullable(),
      subnet: z.string(),
      attachable: z.boolean(),
      encrypted: z.boolean(),
    })
    .nullable(),
  verification: z
    .object({
      status: StepStatus,
      checks: z.array(
        z.object({
          id: z.string(),
          passed: z.boolean(),
          detail: z.string(),
          translations: ChineseWords,
        }),
      ),
      loadBalancing: z.enum(['routing-mesh', 'dns-round-robin']).nullable(),
      routingMesh: z
        .enum(['proven', 'failed', 'unavailable', 'unknown'])
        .describe('unavailable: the kernel has no IPVS, so the mesh cannot work there.'),
      answers: z.record(z.string(), z.number()),
    })
    .nullable(),
});

export const ReportTopologySchema = z.object({
  nodes: z.array(
    z.object({
      host: z.string(),
      name: z.string(),
      role: z.enum(['manager', 'worker']),
      address: z.string(),
      leader: z.boolean(),
      status: z.string().nullable().describe('Ready, Down…; null when the swarm was not read.'),
      dockerVersion: z.string().nullable(),
    }),
  ),
  network: z.object({ name: z.string().nullable(), subnet: z.string() }).nullable(),
});

/** How many (host, step) pairs ended in each status: the latest outcome of each counts. */
const RunSummarySchema = z.object({
  ok: z.number().int(),
  changed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
});

export const SetupReportSchema = z
  .object({
    $schema: z.string().optional(),
    kind: z.literal(SETUP_REPORT_KIND),
    schemaVersion: z.literal(SETUP_REPORT_SCHEMA_VERSION),
    generatedAt: z.string(),
    generator: z.object({ name: z.literal('swarmlab'), version: z.string() }),
    summary: RunSummarySchema.describe(
      'The same counts as run.summary, at the top for scripts: `jq .summary.changed report.json`.',
    ),
    run: z.object({
      id: z.string(),
      swarmlabVersion: z.string().describe('The version that ran the setup.'),
      startedAt: z.string(),
      finishedAt: z.string().nullable(),
      durationMs: z.number().nullable(),
      status: z.enum(['succeeded', 'failed', 'cancelled', 'unfinished']),
      operation: z
        .enum(['setup', 'removal', 'reset', 'practice', 'check'])
        .describe(
          'What the run did: a setup (apply, demo, the wizard), a removal, a reset, the practice exercises or a health check.',
        ),
      resumed: z.boolean(),
      summary: RunSummarySchema,
      failures: z.array(z.object({ host: z.string(), step: z.string(), message: z.string() })),
    }),
    hosts: z.array(ReportHostSchema),
    topology: ReportTopologySchema,
    steps: z.array(ReportStepSchema),
    swarm: ReportSwarmSchema,
    logs: z.array(
      z.object({
        at: z.string(),
        host: z.string().nullable(),
        step: z.string().nullable(),
        level: z.enum(['info', 'warn', 'error']),
        message: z.string(),
      }),
    ),
    transcripts: z
      .array(
        z.object({
          file: z.string().describe("Relative to the run's folder."),
          title: z.string(),
          startedAt: z.string(),
        }),
      )
      .describe(
        'Terminal sessions recorded during or after the run (asciicast v2), kept beside its journal.',
      ),
  })
  .describe('What a swarmlab run did and proved, folded from its run journal. Secrets redacted.');

export type SetupReport = z.infer<typeof SetupReportSchema>;
export type ReportHost = z.infer<typeof ReportHostSchema>;
export type ReportStep = z.infer<typeof ReportStepSchema>;
export type ReportStepResult = z.infer<typeof ReportStepResultSchema>;
export type ReportCommand = z.infer<typeof ReportCommandSchema>;
export type ReportSwarm = z.infer<typeof ReportSwarmSchema>;
export type ReportTopology = z.infer<typeof ReportTopologySchema>;

/** JSON Schema of the report (docs/report.schema.json). */
export function reportJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(SetupReportSchema, {
      io: 'output',
      target: 'draft-2020-12',
      unrepresentable: 'any',
    }),
    $id: SETUP_REPORT_SCHEMA_ID,
    title: 'swarmlab setup report',
  };
}

/** The file's text: stable formatting, trailing newline. */
export function reportJsonSchemaText(): string {
  return `${JSON.stringify(reportJsonSchema(), null, 2)}\n`;
}
