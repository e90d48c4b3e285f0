/**
 * The run events as zod schemas: the declaration of what a journal line may hold. The engine's
 * event types (run/events.ts) are inferred from these, so the two cannot drift apart.
 *
 * A journal is a file on disk, and what it says reaches code: logins and addresses become the
 * `ssh` destinations of reproduce.sh, host and step ids become shell variable names and keys.
 * So values of that kind have strict patterns (a user name cannot start with "-" and turn into
 * an ssh option), and readJournal refuses a line that does not fit. Text meant for people
 * (messages, command output) stays free: the journal is a faithful record of what hosts said,
 * and every place that shows it makes it safe there (text/terminal-safe.ts, escapeHtml).
 *
 * The IPC contract (electron/contract/run.ts) declares the same events for the renderer; main's
 * contract-check.ts proves at compile time that the two agree.
 */
import { z } from 'zod';
import { isAddress } from '../inventory/net';

/** How a rejected value is quoted in a message: short, and as JSON so nothing in it acts. */
function shown(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

function pattern(regex: RegExp, what: string, rule: string) {
  return z
    .string()
    .regex(regex, { error: (issue) => `${shown(issue.input)} is not ${what} (${rule})` });
}

/** A login as the inventory takes it (inventory/schema.ts), so never an option like `-oX=…`. */
export const LOGIN_USER = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}$/;
/** A host id: a hostname, an address, or address:port (inventory/resolve.ts hostId). */
const HOST_ID = /^[A-Za-z0-9:][A-Za-z0-9.:%-]{0,299}$/;
/** A step id (steps/*.ts): a word with dashes. */
const STEP_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
/** A run id: a UUID, or a name made of the same kind of characters. */
const RUN_ID = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$/;
/** An RFC 1123 label (inventory/net.ts isHostnameLabel). */
const HOSTNAME = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
/** File mode in octal, as "0644". */
const FILE_MODE = /^[0-7]{3,4}$/;

export function isLoginUser(value: string): boolean {
  return LOGIN_USER.test(value);
}

/** An IPv4 or IPv6 address or a DNS name: never starts with "-", holds no space or quote. */
export function isHostAddress(value: string): boolean {
  return isAddress(value) && !value.startsWith('-');
}

const userSchema = pattern(
  LOGIN_USER,
  'a user name',
  'letters, digits, "_", "." and "-", starting with a letter or "_", at most 32',
);
const hostIdSchema = pattern(
  HOST_ID,
  'a host id',
  'a hostname, an address or address:port, not starting with "-"',
);
const stepIdSchema = pattern(STEP_ID, 'a step id', 'letters, digits, ".", "_" and "-"');
const runIdSchema = pattern(RUN_ID, 'a run id', 'letters, digits, ".", "_", ":" and "-"');
const hostnameSchema = pattern(HOSTNAME, 'a hostname', 'letters, digits and "-", at most 63');
const addressSchema = z.string().refine(isHostAddress, {
  error: (issue) => `${shown(issue.input)} is not an IP address or DNS name`,
});
const portSchema = z.number().int().min(1).max(65535);
const countSchema = z.number().int().nonnegative();
const durationSchema = z.number().nonnegative();
/** Milliseconds since the epoch. */
const atSchema = z.number().nonnegative();

export const stepStatusSchema = z.enum(['ok', 'changed', 'failed', 'skipped']);
export const stepPhaseSchema = z.enum(['probe', 'apply', 'verify']);
export const outputStreamSchema = z.enum(['stdout', 'stderr']);

export const planHostSummarySchema = z.object({
  id: hostIdSchema,
  address: addressSchema,
  port: portSchema,
  user: userSchema,
  hostname: hostnameSchema.optional(),
  role: z.enum(['manager', 'worker']),
  /** The address swarm advertises, when the inventory pins one. */
  advertiseAddress: addressSchema.optional(),
  labels: z.record(z.string(), z.string()).optional(),
});

export const planStepSummarySchema = z.object({
  id: stepIdSchema,
  title: z.object({ en: z.string(), 'zh-CN': z.string() }),
  /** Ids of the hosts this step applies to, in plan order. */
  hosts: z.array(hostIdSchema),
});

export const fileUploadSchema = z.object({
  /** Where the file went. Free text: a home folder is what the host said it is. */
  path: z.string().min(1),
  /** Octal, e.g. "0644". */
  mode: pattern(FILE_MODE, 'a file mode', 'octal, e.g. "0644"'),
  bytes: countSchema,
  owner: userSchema.optional(),
  group: userSchema.optional(),
  /** The text written, when it is small UTF-8 text (configs); absent for binaries. */
  content: z.string().optional(),
});

export const runSummarySchema = z.object({
  ok: countSchema,
  changed: countSchema,
  failed: countSchema,
  skipped: countSchema,
});

const hostStep = { at: atSchema, host: hostIdSchema, step: stepIdSchema };

export const runStartedEventSchema = z.object({
  type: z.literal('run-started'),
  at: atSchema,
  runId: runIdSchema,
  version: z.string(),
  hosts: z.array(planHostSummarySchema),
  steps: z.array(planStepSummarySchema),
  /** True when this run continues an earlier run from its journal. */
  resumed: z.boolean(),
});

export const stepStartedEventSchema = z.object({ type: z.literal('step-started'), ...hostStep });

export const stepPhaseEventSchema = z.object({
  type: z.literal('step-phase'),
  ...hostStep,
  phase: stepPhaseSchema,
});

export const commandStartedEventSchema = z.object({
  type: z.literal('command-started'),
  ...hostStep,
  commandId: countSchema,
  command: z.string(),
  sudo: z.boolean(),
  /** Set when the "command" is a file written over SFTP: what was written, where. */
  upload: fileUploadSchema.optional(),
  /** The phase of the step that sent it (absent in journals of older versions). */
  phase: stepPhaseSchema.optional(),
  /** Set when a step reached another host for its own host (a join token from the manager). */
  forHost: hostIdSchema.optional(),
});

export const commandOutputEventSchema = z.object({
  type: z.literal('command-output'),
  ...hostStep,
  commandId: countSchema,
  stream: outputStreamSchema,
  text: z.string(),
});

export const commandFinishedEventSchema = z.object({
  type: z.literal('command-finished'),
  ...hostStep,
  commandId: countSchema,
  exitCode: z.number().int().nullable(),
  durationMs: durationSchema,
});

export const stepFinishedEventSchema = z.object({
  type: z.literal('step-finished'),
  ...hostStep,
  status: stepStatusSchema,
  /** One line for people: what changed, why it was skipped, or why it failed. */
  message: z.string(),
  durationMs: durationSchema,
  /** What apply changed, one entry per change. */
  changes: z.array(z.string()),
  warnings: z.array(z.string()),
  /** Step-specific structured results (preflight checks, verification results, facts). */
  data: z.unknown().optional(),
});

export const logEventSchema = z.object({
  type: z.literal('log'),
  at: atSchema,
  host: hostIdSchema.optional(),
  step: stepIdSchema.optional(),
  level: z.enum(['info', 'warn', 'error']),
  message: z.string(),
});

export const runFinishedEventSchema = z.object({
  type: z.literal('run-finished'),
  at: atSchema,
  runId: runIdSchema,
  status: z.enum(['succeeded', 'failed', 'cancelled']),
  summary: runSummarySchema,
  durationMs: durationSchema,
  /** One entry per failed step: which host failed where and why. */
  failures: z.array(z.object({ host: hostIdSchema, step: stepIdSchema, message: z.string() })),
});

const EVENT_SCHEMAS = [
  runStartedEventSchema,
  stepStartedEventSchema,
  stepPhaseEventSchema,
  commandStartedEventSchema,
  commandOutputEventSchema,
  commandFinishedEventSchema,
  stepFinishedEventSchema,
  logEventSchema,
  runFinishedEventSchema,
] as const;

export const RUN_EVENT_TYPES: readonly string[] = EVENT_SCHEMAS.map(
  (schema) => schema.shape.type.value,
);

export const runEventSchema = z.discriminatedUnion('type', EVENT_SCHEMAS, {
  error: (issue) => {
    if (issue.code !== 'invalid_union') return undefined;
    const type: unknown =
      typeof issue.input === 'object' && issue.input !== null
        ? (issue.input as { type?: unknown }).type
        : undefined;
    const expected = `one of ${RUN_EVENT_TYPES.join(', ')}`;
    return type === undefined
      ? `is missing (${expected})`
      : `${shown(type)} is not a run event type (${expected})`;
  },
});
