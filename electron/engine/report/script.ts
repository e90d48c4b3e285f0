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
 * - Read-only probes and verification are summarized as comments, so the script reads like a
 *   runbook and replays only what made a difference.
 *
 * Each recorded command runs in its own subshell with stdin from /dev/null, as the runner ran
 * it in its own `sh -c`: its `set -e`, `trap` or `exit` stay inside, and nothing it starts can
 * swallow the rest of the script, which `sh -s` is reading from that same stdin.
 */
import { REDACTED } from '../redact';
import { isHostAddress, isLoginUser } from '../run/event-schema';
import { shellQuote } from '../shell/quote';
import { hasControlCharacters, terminalSafe } from '../text/terminal-safe';
import type { ReportCommand, ReportHost, ReportStepResult, SetupReport } from './schema';

const BLOCK_DELIMITER = 'SWARMLAB';
const FILE_DELIMITER = 'SWARMLAB_FILE';
/** The first line of the swarm-join script: the token arrives on stdin (steps/swarm-join.ts). */
const READ_TOKEN_LINE = 'IFS= read -r token';
/** What stands for it in the script: the token is set by the first line the host received. */
const TOKEN_ARRIVED_LINE =
  ': "${token:?the join token did not arrive}"  # set by the first line of this script, sent on stdin';
const JOIN_TOKEN_COMMAND = /^docker swarm join-token -q (worker|manager)\s*$/;
const RULE = `# ${'-'.repeat(76)}`;

/** One line of comment text: no newlines, nothing that could end the comment or act on a terminal. */
function comment(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(/\s+$/, '');
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A shell variable name for a host id: node01 → NODE01, web-1 → WEB_1, 10.0.0.1 → HOST_10_0_0_1. */
function variableNames(hosts: readonly ReportHost[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set(['MANAGER', 'TMPDIR', 'HOME', 'PATH', 'USER', 'SHELL', 'IFS', 'PWD']);
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

/** A heredoc delimiter that no line of the body equals. */
function delimiterFor(body: string, base: string): string {
  const lines = new Set(body.split('\n'));
  let candidate = base;
  for (let suffix = 2; lines.has(candidate); suffix++) candidate = `${base}_${suffix}`;
  return candidate;
}

function phaseOf(command: ReportCommand): 'probe' | 'apply' | 'verify' {
  // A command whose phase the journal does not tell is replayed: better one read too many.
  return command.phase ?? 'apply';
}

function seconds(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

/** What a command does, in one line: its first line that does more than set the shell up. */
export function describeCommand(command: string): string {
  const lines = command.replace(/\n+$/, '').split('\n');
  const telling =
    lines.find((line) => !/^\s*(?:$|#|set\s|export\s|IFS=)/.test(line)) ?? firstLine(command);
  return lines.length > 1 ? `${truncate(telling.trim(), 70)} … (${lines.length} lines)` : telling;
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

/** A file the run uploaded whose bytes the journal does not keep (a binary or a large file). */
interface LocalFile {
  /** The script variable that names a local copy of it. */
  variable: string;
  path: string;
  mode: string;
  bytes: number;
}

interface Block {
  host: ReportHost;
  root: boolean;
  tokenRole: 'worker' | 'manager' | undefined;
  /** The block starts by sending this local file, and is skipped when none is given. */
  file: LocalFile | undefined;
  /** A wait for Docker was already written into the block. */
  waitedForDocker: boolean;
  lines: string[];
}

/**
 * A command that talks to dockerd (a line that starts with `docker …`, or runs it after `&&`,
 * `;` or `|`): the daemon may still be starting after its install or a restart, which the run
 * waited out in earlier steps' probes but a script replaying only the changes would not.
 */
const USES_DOCKER = /(?:^|[;&|(]\s*)'?docker'?\s/m;

/** Waits up to 60 s for dockerd to answer, in one line of the remote script. */
const WAIT_FOR_DOCKER = [
  '# wait until Docker answers: it may still be starting after its install or a restart',
  'i=0; until docker info >/dev/null 2>&1; do i=$((i + 1)); if [ "$i" -gt 60 ]; then echo \'swarmlab: Docker did not answer within 60 s\' >&2; exit 1; fi; sleep 1; done',
];

/** `docker swarm init …`, its words quoted or not. */
const PRINTS_JOIN_TOKEN = /^'?docker'?\s+'?swarm'?\s+'?init'?(?:\s|$)/;

/** authorized_keys is merged into, never replaced: a replay must not lock out the user's keys. */
const AUTHORIZED_KEYS = /(?:^|\/)authorized_keys2?$/;

export interface ReproductionScriptOptions {
  /** Say "sh reproduce.sh" in the usage line with this file name. */
  fileName?: string;
}

export function renderReproductionScript(
  report: SetupReport,
  options: ReproductionScriptOptions = {},
): string {
  const variables = variableNames(report.hosts);
  const hostById = new Map(report.hosts.map((host) => [host.id, host]));
  const ref = (hostId: string) => `"$${variables.get(hostId) ?? 'MANAGER'}"`;
  const firstManager = report.hosts.find((host) => host.role === 'manager') ?? report.hosts[0];
  const fileName = options.fileName ?? 'reproduce.sh';

  const out: string[] = [
    '#!/bin/sh',
    '# swarmlab reproduction script',
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
  out.push('', 'set -eu', '');
  for (const host of report.hosts) {
    const variable = variables.get(host.id) ?? host.id;
    out.push(
      `${variable}=\${${variable}:-${shellQuote(sshTarget(host))}}  # ${comment(`${host.hostname ?? host.id}, ${host.role}`)}`,
    );
  }
  if (firstManager) out.push(`MANAGER=${ref(firstManager.id)}`);
  out.push(
    '',
    `echo "swarmlab: reproducing run ${report.run.id.replace(/[^A-Za-z0-9._:-]/g, '')} on ${report.hosts.map((host) => `$${variables.get(host.id) ?? ''}`).join(' ')}" >&2`,
  );

  const files = localFiles(report, hostById);
  if (files.size > 0) {
    out.push(
      '',
      '# Files the run uploaded that the journal does not keep (binaries, large files). Point each',
      '# variable at a local copy to replay the commands that need it; left empty, those commands',
      '# are skipped on every host, with a note.',
    );
    for (const file of new Map([...files.values()].map((f) => [f.variable, f])).values()) {
      out.push(
        `${file.variable}=\${${file.variable}:-}  # ${comment(`${file.path}, ${file.bytes} bytes`)}`,
        `if [ -n "$${file.variable}" ] && [ ! -r "$${file.variable}" ]; then echo "swarmlab: ${file.variable}=$${file.variable} is not a readable file" >&2; exit 1; fi`,
      );
    }
  }

  const tokens = new Set<string>();
  const total = report.steps.length;

  report.steps.forEach((step, index) => {
    out.push(
      '',
      RULE,
      comment(`# Step ${index + 1}/${total}: ${step.title.en} (${step.id})`),
      RULE,
    );
    if (step.results.length === 0) {
      out.push('# not run on any host');
      return;
    }
    const blocks: Block[] = [];
    const fetchToken = (
      role: 'worker' | 'manager',
      fromHost: string | undefined,
      sudo: boolean,
    ) => {
      if (tokens.has(role)) return;
      tokens.add(role);
      // Whatever was queued for earlier commands runs first: the order of the run holds.
      flushBlocks(blocks, out, ref);
      const host = (fromHost && hostById.get(fromHost)) || firstManager;
      const asRoot = sudo && host !== undefined && host.user !== 'root' ? 'sudo ' : '';
      const target = host
        ? host.id === firstManager?.id
          ? '"$MANAGER"'
          : ref(host.id)
        : '"$MANAGER"';
      const variable = tokenVariable(role);
      const refuse = `echo 'swarmlab: the manager did not hand out a ${role} join token' >&2; exit 1 ;;`;
      out.push(
        `# The ${role} join token, fetched from the manager now; it is a secret and is not printed.`,
        `${variable}=$(ssh -- ${target} ${asRoot}docker swarm join-token -q ${role})`,
        // Only a token's characters: it becomes a line of the joining node's script.
        `case $${variable} in`,
        `  *[!A-Za-z0-9-]*) ${refuse}`,
        '  SWMTKN-?*) ;;',
        `  *) ${refuse}`,
        'esac',
      );
    };

    const helperReads: ReportCommand[] = [];
    // Helpers: commands run on another host for this step. Join token fetches become the
    // variable above; anything else that changed something is replayed on its host.
    for (const command of step.helperCommands) {
      const match = JOIN_TOKEN_COMMAND.exec(command.command);
      if (match?.[1] === 'worker' || match?.[1] === 'manager') {
        fetchToken(match[1], command.host, command.sudo);
        continue;
      }
      const host = hostById.get(command.host);
      if (!host) continue;
      if (phaseOf(command) !== 'apply') {
        helperReads.push(command);
        continue;
      }
      appendCommand(blocks, host, command, undefined, files);
    }
    flushBlocks(blocks, out, ref);
    if (helperReads.length > 0) {
      const hosts = [...new Set(helperReads.map((command) => command.host))].join(', ');
      out.push(
        comment(
          `# read-only on ${hosts} for the other hosts (${helperReads.length} command${helperReads.length === 1 ? '' : 's'}, not replayed)`,
        ),
      );
    }

    for (const result of step.results) {
      const host = hostById.get(result.host);
      if (!host) continue;
      out.push(
        comment(
          `# ${result.host}: ${result.status} — ${truncate(result.message || result.changes.join('; ') || '—', 160)}`,
        ),
      );
      for (const warning of result.warnings)
        out.push(comment(`#   warning: ${truncate(warning, 200)}`));
      summarizeReadOnly(result, out);
      const failing = failingCommand(result);
      for (const command of result.commands) {
        if (phaseOf(command) !== 'apply') continue;
        if (command.command.split('\n').includes(READ_TOKEN_LINE)) {
          const role = host.role;
          fetchToken(role, undefined, command.sudo);
        }
        appendCommand(blocks, host, command, command === failing ? result : undefined, files);
      }
      flushBlocks(blocks, out, ref);
      if (result.status === 'failed') {
        out.push(
          comment(`# The run failed here on ${result.host}: ${truncate(result.message, 200)}`),
          // No exit here: the run went on with the other hosts, and so does the script. If the
          // failing command fails again, its `|| exit` stops the script where the run stopped.
          `echo ${shellQuote(comment(`swarmlab: in the recorded run, ${step.id} failed on ${result.host} here`))} >&2`,
        );
      }
    }
  });

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

/** The apply command a failed step died on: the last one that exited non-zero. */
function failingCommand(result: ReportStepResult): ReportCommand | undefined {
  if (result.status !== 'failed') return undefined;
  return [...result.commands]
    .reverse()
    .find((command) => phaseOf(command) === 'apply' && command.exitCode !== 0);
}

function summarizeReadOnly(result: ReportStepResult, out: string[]): void {
  const reads = result.commands.filter((command) => phaseOf(command) !== 'apply');
  if (reads.length === 0) return;
  const shown = reads.slice(0, 4).map((command) => truncate(firstLine(command.command), 90));
  out.push(
    comment(
      `#   read-only (${reads.length} command${reads.length === 1 ? '' : 's'}, not replayed):`,
    ),
  );
  for (const line of shown) out.push(comment(`#     ${line}`));
  if (reads.length > shown.length) out.push(`#     … and ${reads.length - shown.length} more`);
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

function appendCommand(
  blocks: Block[],
  host: ReportHost,
  command: ReportCommand,
  failedStep: ReportStepResult | undefined,
  files: ReadonlyMap<ReportCommand, LocalFile>,
): void {
  const root = command.sudo && host.user !== 'root';
  const joinsWithToken = command.command.split('\n').includes(READ_TOKEN_LINE);
  const file = files.get(command);
  let block = blocks.at(-1);
  // A local file opens a block of its own: what follows it on this host in this step (the
  // `docker load` of the archive) needs the file and is skipped with it.
  if (
    !block ||
    block.host.id !== host.id ||
    block.root !== root ||
    joinsWithToken ||
    block.tokenRole ||
    file
  ) {
    block = {
      host,
      root,
      tokenRole: joinsWithToken ? host.role : undefined,
      file,
      waitedForDocker: false,
      lines: [],
    };
    blocks.push(block);
  }
  if (file) {
    block.lines.push(
      comment(
        `# ${file.path} (mode ${file.mode}, ${file.bytes} bytes) was sent from $${file.variable} above`,
      ),
    );
    return;
  }
  if (!command.upload && !block.waitedForDocker && USES_DOCKER.test(command.command)) {
    block.lines.push(...WAIT_FOR_DOCKER);
    block.waitedForDocker = true;
  }
  block.lines.push(...commandLines(command, failedStep));
}

function commandLines(command: ReportCommand, failedStep: ReportStepResult | undefined): string[] {
  const timing =
    command.exitCode === null
      ? 'no exit code recorded'
      : `exit ${command.exitCode}${command.durationMs !== null ? `, ${seconds(command.durationMs)}` : ''}`;
  if (command.upload) {
    const { path, mode, bytes, content } = command.upload;
    const header = comment(`# write ${path} (mode ${mode}, ${bytes} bytes)`);
    if (content === null) {
      return [
        header,
        '# Not text the journal keeps (a binary or a large file): copy it to this host yourself,',
        comment(`# e.g. scp FILE HOST:${path}`),
      ];
    }
    if (content.includes(REDACTED)) {
      return [header, '# It held a secret, which the report redacted: write this file yourself.'];
    }
    if (hasControlCharacters(content) || hasControlCharacters(path)) {
      return [
        header,
        '# It holds control characters, which this script does not carry: write this file yourself.',
      ];
    }
    const safeMode = /^[0-7]{3,4}$/.test(mode) ? mode : '0644';
    if (AUTHORIZED_KEYS.test(path)) return mergeKeyLines(path, safeMode, content);
    if (!content.endsWith('\n')) {
      // A heredoc always ends with a newline; printf keeps the file byte for byte.
      return [
        header,
        `( umask 077 && printf '%s' ${shellQuote(content)} >"\${TMPDIR:-/tmp}/swarmlab-file" && install -m ${safeMode} "\${TMPDIR:-/tmp}/swarmlab-file" ${shellQuote(path)} && rm -f "\${TMPDIR:-/tmp}/swarmlab-file" ) </dev/null || exit`,
      ];
    }
    const delimiter = delimiterFor(content, FILE_DELIMITER);
    return [
      header,
      'tmp=$(mktemp) || exit',
      `cat >"$tmp" <<'${delimiter}'`,
      ...content.slice(0, -1).split('\n'),
      delimiter,
      `install -m ${safeMode} "$tmp" ${shellQuote(path)} </dev/null || exit`,
      'rm -f "$tmp"',
    ];
  }

  const header = comment(`# ${truncate(describeCommand(command.command), 100)}  (${timing})`);
  if (command.command.includes(REDACTED)) {
    return [
      header,
      '# It held a secret, which the report redacted; run it yourself with the real value:',
      ...command.command.split('\n').map((line) => comment(`#   ${line}`)),
    ];
  }
  if (hasControlCharacters(command.command)) {
    // A raw escape sequence in the script would act on the terminal of whoever reads it.
    return [
      header,
      '# It holds control characters (shown visibly below), so it is not replayed; run it yourself:',
      ...command.command.split('\n').map((line) => comment(`#   ${line}`)),
    ];
  }
  const text = command.command
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === READ_TOKEN_LINE ? TOKEN_ARRIVED_LINE : line))
    .join('\n');
  const tolerated = command.exitCode !== null && command.exitCode !== 0 && !failedStep;
  const onFailure = tolerated
    ? '|| true  # it exited non-zero in the run too, which the step expected'
    : '|| exit';
  const lines = text.split('\n');
  if (lines.length === 1 && PRINTS_JOIN_TOKEN.test(text)) {
    // `docker swarm init` prints a ready-made join command with the worker token in it: the run
    // redacted it from its journal; the script keeps it off the screen (errors still show).
    return [header, `( ${text} >/dev/null ) </dev/null ${onFailure}`];
  }
  if (lines.length === 1) return [header, `( ${text} ) </dev/null ${onFailure}`];
  return [header, '(', ...lines, `) </dev/null ${onFailure}`];
}

/**
 * The run rewrote authorized_keys as it found it plus the app's key. The script adds the lines
 * that are missing instead: the same file on the run's hosts, and on other hosts the keys the
 * script's own ssh logins use stay.
 */
function mergeKeyLines(path: string, mode: string, content: string): string[] {
  const lines = content.split('\n').filter((line) => line.trim() !== '');
  const body = lines.join('\n');
  const delimiter = delimiterFor(body, FILE_DELIMITER);
  const file = shellQuote(path);
  const dir = shellQuote(path.replace(/\/[^/]*$/, '') || '/');
  return [
    comment(
      `# add the run's ${lines.length} key line${lines.length === 1 ? '' : 's'} to ${path} (mode ${mode}), keeping the lines already there`,
    ),
    '(',
    'umask 077',
    `mkdir -p ${dir} && touch ${file} || exit`,
    'while IFS= read -r line; do',
    `  grep -qxF -- "$line" ${file} || printf '%s\\n' "$line" >>${file} || exit`,
    `done <<'${delimiter}'`,
    ...lines,
    delimiter,
    `chmod ${mode} ${file}`,
    ') </dev/null || exit',
  ];
}

function tokenVariable(role: 'worker' | 'manager'): string {
  return `SWARM_JOIN_TOKEN_${role.toUpperCase()}`;
}

function flushBlocks(blocks: Block[], out: string[], ref: (hostId: string) => string): void {
  for (const block of blocks) {
    const body = block.lines.join('\n');
    const delimiter = delimiterFor(body, BLOCK_DELIMITER);
    const sudo = block.root ? 'sudo ' : '';
    const file = block.file;
    if (file) {
      // The bytes travel on ssh's stdin (scp would need its own address syntax for ports).
      const path = shellQuote(file.path);
      const mode = /^[0-7]{3,4}$/.test(file.mode) ? file.mode : '0600';
      const write = `umask 077 && cat >${path} && chmod ${mode} ${path}`;
      out.push(
        `if [ -n "$${file.variable}" ]; then`,
        `ssh -- ${ref(block.host.id)} ${shellQuote(block.root ? `sudo sh -c ${shellQuote(write)}` : write)} <"$${file.variable}"`,
        `ssh -- ${ref(block.host.id)} ${sudo}sh -s <<'${delimiter}'`,
        body,
        delimiter,
        'else',
        `echo ${shellQuote(comment(`swarmlab: skipped on ${block.host.id}: set ${file.variable} to a copy of ${file.path}`))} >&2`,
        'fi',
      );
      continue;
    }
    if (block.tokenRole) {
      // printf is a shell builtin: the token is in no command line, here or on the host.
      out.push(
        "# The token goes first on ssh's stdin, as the first line of the script the host runs.",
        `{ printf 'token=%s\\n' "$${tokenVariable(block.tokenRole)}"; cat <<'${delimiter}'`,
        body,
        delimiter,
        `} | ssh -- ${ref(block.host.id)} ${sudo}sh -s`,
      );
      continue;
    }
    out.push(`ssh -- ${ref(block.host.id)} ${sudo}sh -s <<'${delimiter}'`, body, delimiter);
  }
  blocks.length = 0;
}
