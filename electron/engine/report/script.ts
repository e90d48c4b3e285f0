/**
 * The reproduction script: the commands that changed the hosts, in plan order, per host, as one
 * POSIX shell script that sends them over plain `ssh` (`ssh -- "$NODE01" sh -s <<'SWARMLAB'`).
 *
 * - Hosts are variables at the top, overridable from the environment.
 * - Files the run wrote (upload events carry their text) are recreated through a quoted heredoc
 *   to a temporary file and `install -m`.
 * - Join tokens are never in the script: it fetches them from the manager when it runs
 *   (`SWARM_JOIN_TOKEN_WORKER=$(ssh -- "$MANAGER" docker swarm join-token -q worker)`) and sends
 *   them to the joining node on ssh's stdin, as the first line of the script its `sh -s` reads:
 *   never as an argument, which `ps` on either side and sudo's log would show. Passwords are
 *   never in it either: logins other than root need sudo without a password.
 * - Every `ssh` gets `--` before its destination, and logins and addresses are checked, so a
 *   value can never be taken for an ssh option (`-oProxyCommand=…` runs a local command).
 * - Nothing a host said reaches the script raw: comments are made terminal-safe, and a command
 *   or file holding control characters is shown, not replayed (see text/terminal-safe.ts).
 * - Read-only probes and verification are summarized as comments, by what they find out where
 *   the step said so, so the script reads like a runbook and replays only what made a difference.
 * - Shell functions several commands define word for word (apt's lock wait) are written once at
 *   the top and sent ahead of each host's commands that call them.
 *
 * Each recorded command runs in its own subshell with stdin from /dev/null, as the runner ran
 * it in its own `sh -c`: its `set -e`, `trap` or `exit` stay inside, and nothing it starts can
 * swallow the rest of the script, which `sh -s` is reading from that same stdin.
 */
import { isHostAddress, isLoginUser } from '../../shared/fields';
import { shellQuote } from '../shell/quote';
import { resultWords } from './i18n';
import { hasControlCharacters, terminalSafe } from '../text/terminal-safe';
import type {
  ReportCommand,
  ReportHost,
  ReportStep,
  ReportStepResult,
  SetupReport,
} from './schema';
import {
  appendCommand,
  comment,
  describeCommand,
  flushBlocks,
  HELPERS_VARIABLE,
  JOIN_TOKEN_COMMAND,
  phaseOf,
  READ_TOKEN_LINE,
  RULE,
  sharedHelpers,
  tokenVariable,
  truncate,
  type Block,
  type LocalFile,
  type ReplayContext,
  type SharedHelpers,
} from './script-commands';

export { describeCommand } from './script-commands';

/** A shell variable name for a host id: node01 → NODE01, web-1 → WEB_1, 10.0.0.1 → HOST_10_0_0_1. */
function variableNames(hosts: readonly ReportHost[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set([
    'MANAGER',
    HELPERS_VARIABLE,
    'TMPDIR',
    'HOME',
    'PATH',
    'USER',
    'SHELL',
    'IFS',
    'PWD',
  ]);
  for (const host of hosts) {
    let name = host.id.toUpperCase().replace(/[^A-Z0-9_]/g, '_');
    if (!/^[A-Z_]/.test(name)) name = `HOST_${name}`;
    let candidate = name;
    for (let suffix = 2; used.has(candidate); suffix++) candidate = `${name}_${suffix}`;
    used.add(candidate);
    names.set(host.id, candidate);
  }
  return names;
}

/**
 * What `ssh` is given: user@host, or an ssh:// URL when the port is not 22. The journal's schema
 * already refuses a login or address that is not one; checked again here, since the script runs
 * whatever it says.
 */
function sshTarget(host: ReportHost): string {
  if (!isLoginUser(host.user) || !isHostAddress(host.address) || !Number.isInteger(host.port)) {
    throw new Error(
      `host ${JSON.stringify(host.id)}: ${JSON.stringify(`${host.user}@${host.address}:${host.port}`)} is not a login, address and port an ssh command can take`,
    );
  }
  if (host.port === 22) return `${host.user}@${host.address}`;
  const address = host.address.includes(':') ? `[${host.address}]` : host.address;
  return `ssh://${host.user}@${address}:${host.port}`;
}

export interface ReproductionScriptOptions {
  /** Say "sh reproduce.sh" in the usage line with this file name. */
  fileName?: string;
  /** The language each step's title and explanation are written in (the report's). */
  lang?: 'en' | 'zh-CN';
}

/** What the script's parts share while it is written, step after step. */
interface ScriptContext {
  report: SetupReport;
  lang: 'en' | 'zh-CN';
  variables: ReadonlyMap<string, string>;
  hostById: ReadonlyMap<string, ReportHost>;
  firstManager: ReportHost | undefined;
  /** Local copies of uploaded files, and the helpers defined once at the top. */
  replay: ReplayContext;
  /** The join token roles already fetched into their variable. */
  tokens: Set<'worker' | 'manager'>;
  /** Commands queued per host, not yet written out (flushBlocks writes and empties them). */
  blocks: Block[];
  out: string[];
  /** The quoted variable of a host, for `ssh -- …`. */
  ref: (hostId: string) => string;
}

export function renderReproductionScript(
  report: SetupReport,
  options: ReproductionScriptOptions = {},
): string {
  const variables = variableNames(report.hosts);
  const hostById = new Map(report.hosts.map((host) => [host.id, host]));
  const ctx: ScriptContext = {
    report,
    lang: options.lang ?? 'en',
    variables,
    hostById,
    firstManager: report.hosts.find((host) => host.role === 'manager') ?? report.hosts[0],
    replay: { files: localFiles(report, hostById), helpers: sharedHelpers(allCommands(report)) },
    tokens: new Set(),
    blocks: [],
    out: [],
    ref: (hostId) => `"$${variables.get(hostId) ?? 'MANAGER'}"`,
  };
  const { out } = ctx;
  out.push(...headerLines(report, variables, options.fileName ?? 'reproduce.sh'));
  out.push(
    '',
    'set -eu',
    '',
    ...hostLines(ctx),
    ...localFileLines(ctx.replay.files),
    ...helperLines(ctx.replay.helpers),
  );
  report.steps.forEach((step, index) => writeStep(ctx, step, index));
  out.push('', RULE, `echo 'swarmlab: done' >&2`, '');
  // MANAGER serves the join token fetch; a run that joined nobody (one node, or a run that
  // stopped before) needs no such variable, and shellcheck rightly flags an unused one.
  const usesManager = out.some(
    (line) => line.includes('"$MANAGER"') && !line.startsWith('MANAGER='),
  );
  const script = out.filter((line) => usesManager || !line.startsWith('MANAGER=')).join('\n');
  // Everything from a host was made safe where it went in; this keeps the promise if a path
  // is ever missed: the script never carries a raw control character.
  return terminalSafe(script);
}

/** What kind of run the script replays, as its first comment says. */
const REPRODUCES: Record<SetupReport['run']['operation'], string> = {
  setup: 'a setup (swarmlab apply)',
  removal: 'a host removal (swarmlab remove)',
  reset: 'a reset (swarmlab reset)',
  practice: 'the practice exercises (swarmlab practice)',
  check: 'a health check (swarmlab check)',
};

/** What the script is, what it needs, and how the run ended. */
function headerLines(
  report: SetupReport,
  variables: ReadonlyMap<string, string>,
  fileName: string,
): string[] {
  const out: string[] = [
    '#!/bin/sh',
    `# swarmlab reproduction script: ${REPRODUCES[report.run.operation]}`,
    comment(
      `# Run ${report.run.id}: started ${report.run.startedAt}, ${report.run.status}, swarmlab ${report.run.swarmlabVersion}.`,
    ),
    comment(
      `# Generated ${report.generatedAt} by swarmlab ${report.generator.version} from the run journal.`,
    ),
    '#',
    '# The commands that changed the hosts, in the order of the run, per host, sent over plain',
    '# ssh. Files the run wrote are recreated exactly. Read-only probes and the verification',
    '# are summarized as comments. Review it before running: it changes the hosts.',
    '#',
    '# Needs: ssh logins by key to every host below (override a host from the environment,',
    `# e.g. ${variables.get(report.hosts[0]?.id ?? '') ?? 'NODE01'}=admin@192.0.2.10 sh ${fileName}); logins other than root need sudo`,
    '# without a password, since this script holds no password. Join tokens are fetched from',
    '# the manager while it runs and never written down.',
  ];
  if (report.run.status !== 'succeeded') {
    out.push(
      '#',
      comment(
        `# NOTE: the run ${report.run.status === 'unfinished' ? 'did not finish' : report.run.status}; this script stops where it stopped.`,
      ),
    );
    for (const failure of report.run.failures)
      out.push(comment(`#   ${failure.host} / ${failure.step}: ${truncate(failure.message, 200)}`));
  }
  if (report.run.summary.changed === 0 && report.run.summary.failed === 0) {
    // A rerun over finished hosts changes nothing, so its script replays nothing: say so, since
    // someone reproducing a setup wants the first run's script.
    out.push(
      '#',
      '# NOTE: this run changed nothing (the hosts were set up already), so this script replays',
      '# no change. To set up other hosts, use the script of the run that made the changes.',
    );
  }
  return out;
}

/** One overridable variable per host, MANAGER, and the line that says what runs where. */
function hostLines(ctx: ScriptContext): string[] {
  const { report, variables, firstManager } = ctx;
  const out = report.hosts.map((host) => {
    const variable = variables.get(host.id) ?? host.id;
    return `${variable}=\${${variable}:-${shellQuote(sshTarget(host))}}  # ${comment(`${host.hostname ?? host.id}, ${host.role}`)}`;
  });
  if (firstManager) out.push(`MANAGER=${ctx.ref(firstManager.id)}`);
  out.push(
    '',
    `echo "swarmlab: reproducing run ${report.run.id.replace(/[^A-Za-z0-9._:-]/g, '')} on ${report.hosts.map((host) => `$${variables.get(host.id) ?? ''}`).join(' ')}" >&2`,
  );
  return out;
}

/** Every command of the report, helpers and hosts' own, in step order. */
function allCommands(report: SetupReport): ReportCommand[] {
  return report.steps.flatMap((step) => [
    ...step.helperCommands,
    ...step.results.flatMap((result) => result.commands),
  ]);
}

/**
 * The shared helpers, defined once: their text in a variable, sent ahead of each host's
 * commands that call them (a host's `sh -s` knows nothing of this script's functions).
 */
function helperLines(helpers: SharedHelpers): string[] {
  if (helpers.size === 0) return [];
  const body = [...helpers.values()].join('\n\n');
  let delimiter = 'SWARMLAB_HELPERS_END';
  for (let suffix = 2; body.split('\n').includes(delimiter); suffix++)
    delimiter = `SWARMLAB_HELPERS_END_${suffix}`;
  const names = [...helpers.keys()].join(', ');
  return [
    '',
    comment(`# Shell functions the hosts' commands below share (${names}), written once here.`),
    "# They are sent ahead of each host's commands that call them.",
    `${HELPERS_VARIABLE}=$(cat <<'${delimiter}'`,
    body,
    delimiter,
    ')',
  ];
}

/** A variable for each file the journal does not keep, checked to be readable when set. */
function localFileLines(files: ReadonlyMap<ReportCommand, LocalFile>): string[] {
  if (files.size === 0) return [];
  const out = [
    '',
    '# Files the run uploaded that the journal does not keep (binaries, large files). Point each',
    '# variable at a local copy to replay the commands that need it; left empty, those commands',
    '# are skipped on every host, with a note.',
  ];
  for (const file of new Map([...files.values()].map((f) => [f.variable, f])).values()) {
    out.push(
      `${file.variable}=\${${file.variable}:-}  # ${comment(`${file.path}, ${file.bytes} bytes`)}`,
      `if [ -n "$${file.variable}" ] && [ ! -r "$${file.variable}" ]; then echo "swarmlab: ${file.variable}=$${file.variable} is not a readable file" >&2; exit 1; fi`,
    );
  }
  return out;
}

function writeStep(ctx: ScriptContext, step: ReportStep, index: number): void {
  const { out } = ctx;
  const explanation = step.explanation?.[ctx.lang];
  out.push(
    '',
    RULE,
    comment(`# Step ${index + 1}/${ctx.report.steps.length}: ${step.title[ctx.lang]} (${step.id})`),
    // Its readers are learning: each step says first what it is for.
    ...(explanation ? wrapped(explanation, 92).map((line) => comment(`# ${line}`)) : []),
    RULE,
  );
  if (step.results.length === 0) {
    out.push('# not run on any host');
    return;
  }
  writeHelperCommands(ctx, step);
  for (const result of step.results) writeResult(ctx, step, result);
}

/**
 * Fetches a join token into its variable, once per script, from the host that handed it out
 * in the run (else the first manager).
 */
function writeTokenFetch(
  ctx: ScriptContext,
  role: 'worker' | 'manager',
  fromHost: string | undefined,
  sudo: boolean,
): void {
  if (ctx.tokens.has(role)) return;
  ctx.tokens.add(role);
  const { firstManager, ref } = ctx;
  // Whatever was queued for earlier commands runs first: the order of the run holds.
  flushBlocks(ctx.blocks, ctx.out, ref);
  const host = (fromHost && ctx.hostById.get(fromHost)) || firstManager;
  const asRoot = sudo && host !== undefined && host.user !== 'root' ? 'sudo ' : '';
  const target = host ? (host.id === firstManager?.id ? '"$MANAGER"' : ref(host.id)) : '"$MANAGER"';
  const variable = tokenVariable(role);
  const refuse = `echo 'swarmlab: the manager did not hand out a ${role} join token' >&2; exit 1 ;;`;
  ctx.out.push(
    `# The ${role} join token, fetched from the manager now; it is a secret and is not printed.`,
    `${variable}=$(ssh -- ${target} ${asRoot}docker swarm join-token -q ${role})`,
    // Only a token's characters: it becomes a line of the joining node's script.
    `case $${variable} in`,
    `  *[!A-Za-z0-9-]*) ${refuse}`,
    '  SWMTKN-?*) ;;',
    `  *) ${refuse}`,
    'esac',
  );
}

/**
 * Helpers: commands run on another host for this step. Join token fetches become the token's
 * variable; anything else that changed something is replayed on its host.
 */
function writeHelperCommands(ctx: ScriptContext, step: ReportStep): void {
  const helperReads: ReportCommand[] = [];
  for (const command of step.helperCommands) {
    const match = JOIN_TOKEN_COMMAND.exec(command.command);
    if (match?.[1] === 'worker' || match?.[1] === 'manager') {
      writeTokenFetch(ctx, match[1], command.host, command.sudo);
      continue;
    }
    const host = ctx.hostById.get(command.host);
    if (!host) continue;
    if (phaseOf(command) !== 'apply') {
      helperReads.push(command);
      continue;
    }
    appendCommand(ctx.blocks, host, command, undefined, ctx.replay);
  }
  flushBlocks(ctx.blocks, ctx.out, ctx.ref);
  if (helperReads.length > 0) {
    const hosts = [...new Set(helperReads.map((command) => command.host))].join(', ');
    ctx.out.push(
      comment(
        `# read-only on ${hosts} for the other hosts (${helperReads.length} command${helperReads.length === 1 ? '' : 's'}, not replayed)`,
      ),
    );
  }
}

/** One host's outcome of a step: a summary in comments, then its changes replayed. */
function writeResult(ctx: ScriptContext, step: ReportStep, result: ReportStepResult): void {
  const { out } = ctx;
  const host = ctx.hostById.get(result.host);
  if (!host) return;
  // The comments speak the report's language where the run recorded it; the commands do not.
  const words = resultWords(result, ctx.lang);
  out.push(
    comment(
      `# ${result.host}: ${result.status} — ${truncate(words.message || words.changes.join('; ') || '—', 160)}`,
    ),
  );
  for (const warning of words.warnings) out.push(comment(`#   warning: ${truncate(warning, 200)}`));
  summarizeReadOnly(result, ctx.lang, out);
  const failing = failingCommand(result);
  for (const command of result.commands) {
    if (phaseOf(command) !== 'apply') continue;
    if (command.command.split('\n').includes(READ_TOKEN_LINE)) {
      writeTokenFetch(ctx, host.role, undefined, command.sudo);
    }
    appendCommand(ctx.blocks, host, command, command === failing ? result : undefined, ctx.replay);
  }
  flushBlocks(ctx.blocks, out, ctx.ref);
  if (result.status === 'failed') {
    out.push(
      comment(`# The run failed here on ${result.host}: ${truncate(words.message, 200)}`),
      // No exit here: the run went on with the other hosts, and so does the script. If the
      // failing command fails again, its `|| exit` stops the script where the run stopped.
      `echo ${shellQuote(comment(`swarmlab: in the recorded run, ${step.id} failed on ${result.host} here`))} >&2`,
    );
  }
}

/** Text in lines of at most `width` characters, broken at spaces (CJK text at any character). */
function wrapped(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/(?<=\s)|(?=[\u3000-\u9fff\uff00-\uffef])/u)) {
    if (line.length + word.length > width && line.trim() !== '') {
      lines.push(line.trimEnd());
      line = word.trimStart();
    } else line += word;
  }
  if (line.trim() !== '') lines.push(line.trimEnd());
  return lines;
}

/** The apply command a failed step died on: the last one that exited non-zero. */
function failingCommand(result: ReportStepResult): ReportCommand | undefined {
  if (result.status !== 'failed') return undefined;
  return [...result.commands]
    .reverse()
    .find((command) => phaseOf(command) === 'apply' && command.exitCode !== 0);
}

function summarizeReadOnly(result: ReportStepResult, lang: 'en' | 'zh-CN', out: string[]): void {
  const reads = result.commands.filter((command) => phaseOf(command) !== 'apply');
  if (reads.length === 0) return;
  // Each read by what it finds out, where the step says; else by the first line that reads
  // something (not the `set +e` that opens many). The same read twice (before and after a
  // change) is one line.
  const described = reads.map((command) =>
    truncate(command.purpose?.[lang] ?? describeCommand(command.command), 100),
  );
  const distinct = [...new Set(described)];
  const shown = distinct.slice(0, 4).map((line) => {
    const times = described.filter((other) => other === line).length;
    return times > 1 ? `${line} (${times}×)` : line;
  });
  out.push(
    comment(
      `#   read-only (${reads.length} command${reads.length === 1 ? '' : 's'}, not replayed):`,
    ),
  );
  for (const line of shown) out.push(comment(`#     ${line}`));
  if (distinct.length > shown.length)
    out.push(`#     … and ${distinct.length - shown.length} more`);
  const checks = (result.data as { checks?: unknown } | undefined)?.checks;
  if (!Array.isArray(checks)) return;
  const rows = checks as {
    id?: unknown;
    status?: unknown;
    passed?: unknown;
    detail?: unknown;
    fix?: unknown;
  }[];
  // Preflight rows carry a status: only what did not pass is worth a line. Verification rows
  // carry `passed`: every one of them is part of what was proven.
  const shownChecks = rows.filter((check) => check.status !== 'pass');
  if (shownChecks.length < rows.length)
    out.push(comment(`#     ${rows.length - shownChecks.length} of ${rows.length} checks passed`));
  for (const check of shownChecks) {
    const verdict =
      typeof check.status === 'string' ? check.status : check.passed === true ? 'passed' : 'FAILED';
    const fix = typeof check.fix === 'string' ? ` (fix: ${check.fix})` : '';
    out.push(
      comment(
        `#     ${String(check.id ?? '?')}: ${verdict} — ${truncate(`${String(check.detail ?? '')}${fix}`, 200)}`,
      ),
    );
  }
}

function isLocalFile(command: ReportCommand): boolean {
  return (
    phaseOf(command) === 'apply' &&
    command.upload !== null &&
    command.upload.content === null &&
    !hasControlCharacters(command.upload.path)
  );
}

/**
 * One variable per path the run uploaded without keeping the bytes (FILE_ + its name):
 * the same archive sent to every node is one local file.
 */
function localFiles(
  report: SetupReport,
  hostById: ReadonlyMap<string, ReportHost>,
): Map<ReportCommand, LocalFile> {
  const byPath = new Map<string, string>();
  const used = new Set<string>();
  const files = new Map<ReportCommand, LocalFile>();
  for (const step of report.steps) {
    const commands = [...step.helperCommands, ...step.results.flatMap((result) => result.commands)];
    for (const command of commands) {
      if (!isLocalFile(command) || !command.upload || !hostById.has(command.host)) continue;
      const { path, mode, bytes } = command.upload;
      let variable = byPath.get(path);
      if (!variable) {
        const base = `FILE_${(path.split('/').at(-1) ?? 'UPLOAD').toUpperCase().replace(/[^A-Z0-9_]/g, '_')}`;
        variable = base;
        for (let suffix = 2; used.has(variable); suffix++) variable = `${base}_${suffix}`;
        used.add(variable);
        byPath.set(path, variable);
      }
      files.set(command, { variable, path, mode, bytes });
    }
  }
  return files;
}
