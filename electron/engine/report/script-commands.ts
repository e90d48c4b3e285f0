/**
 * How the reproduction script replays recorded commands: each command as lines of a host's
 * `sh -s` script, gathered into blocks per host and sudo, sent by `ssh` with a heredoc.
 */
import { REDACTED } from '../redact';
import { shellQuote } from '../shell/quote';
import { hasControlCharacters, terminalSafe } from '../text/terminal-safe';
import type { ReportCommand, ReportHost, ReportStepResult } from './schema';

const BLOCK_DELIMITER = 'SWARMLAB';
const FILE_DELIMITER = 'SWARMLAB_FILE';
/** The first line of the swarm-join script: the token arrives on stdin (steps/swarm-join.ts). */
export const READ_TOKEN_LINE = 'IFS= read -r token';
/** What stands for it in the script: the token is set by the first line the host received. */
const TOKEN_ARRIVED_LINE =
  ': "${token:?the join token did not arrive}"  # set by the first line of this script, sent on stdin';
export const JOIN_TOKEN_COMMAND = /^docker swarm join-token -q (worker|manager)\s*$/;
export const RULE = `# ${'-'.repeat(76)}`;

/** One line of comment text: no newlines, nothing that could end the comment or act on a terminal. */
export function comment(text: string): string {
  return terminalSafe(text.replace(/[\r\n]+/g, ' ')).replace(/\s+$/, '');
}

export function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A heredoc delimiter that no line of the body equals. */
function delimiterFor(body: string, base: string): string {
  const lines = new Set(body.split('\n'));
  let candidate = base;
  for (let suffix = 2; lines.has(candidate); suffix++) candidate = `${base}_${suffix}`;
  return candidate;
}

export function phaseOf(command: ReportCommand): 'probe' | 'apply' | 'verify' {
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

export function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? '';
}

/** A file the run uploaded whose bytes the journal does not keep (a binary or a large file). */
export interface LocalFile {
  /** The script variable that names a local copy of it. */
  variable: string;
  path: string;
  mode: string;
  bytes: number;
}

export interface Block {
  host: ReportHost;
  root: boolean;
  tokenRole: 'worker' | 'manager' | undefined;
  /** The block starts by sending this local file, and is skipped when none is given. */
  file: LocalFile | undefined;
  /** A wait for Docker was already written into the block. */
  waitedForDocker: boolean;
  /** A command in the block calls a shared helper, which is sent ahead of the block. */
  usesHelpers: boolean;
  lines: string[];
}

/** What replaying a command needs beyond the command itself. */
export interface ReplayContext {
  files: ReadonlyMap<ReportCommand, LocalFile>;
  helpers: SharedHelpers;
}

/**
 * Shell functions several replayed commands define word for word (the apt lock wait every
 * host's install repeats): defined once at the top of the script, by name.
 */
export type SharedHelpers = ReadonlyMap<string, string>;

/** The variable the top of the script keeps the shared helpers' text in. */
export const HELPERS_VARIABLE = 'SWARMLAB_HELPERS';

/** `name() {` on a line of its own, at the start of the line. */
const FUNCTION_START = /^([A-Za-z_][A-Za-z0-9_]*)\(\)\s*\{\s*$/;

/**
 * The functions a command defines at its top level (`name() {` … a line `}`), as written. A
 * command holding a heredoc is left alone: a function there is text for a file, not code.
 */
export function topLevelFunctions(command: string): { name: string; text: string }[] {
  if (command.includes('<<')) return [];
  const lines = command.split('\n');
  const found: { name: string; text: string }[] = [];
  for (let start = 0; start < lines.length; start++) {
    const name = FUNCTION_START.exec(lines[start] ?? '')?.[1];
    if (!name) continue;
    const end = lines.findIndex((line, index) => index > start && line === '}');
    if (end < 0) break;
    found.push({ name, text: lines.slice(start, end + 1).join('\n') });
    start = end;
  }
  return found;
}

/**
 * The helpers to define once: functions that two or more replayed commands define, each name
 * always with the same text (a name defined two ways stays inside its commands).
 */
export function sharedHelpers(commands: Iterable<ReportCommand>): SharedHelpers {
  const texts = new Map<string, Set<string>>();
  const uses = new Map<string, number>();
  for (const command of commands) {
    if (!isReplayed(command)) continue;
    for (const { name, text } of topLevelFunctions(command.command)) {
      texts.set(name, (texts.get(name) ?? new Set()).add(text));
      uses.set(name, (uses.get(name) ?? 0) + 1);
    }
  }
  const shared = new Map<string, string>();
  for (const [name, variants] of texts) {
    const [text] = variants;
    if (variants.size === 1 && text !== undefined && (uses.get(name) ?? 0) >= 2)
      shared.set(name, text);
  }
  return shared;
}

/** A command the script runs as it was recorded (not a file, a secret or control characters). */
function isReplayed(command: ReportCommand): boolean {
  return (
    phaseOf(command) === 'apply' &&
    command.upload === null &&
    !command.command.includes(REDACTED) &&
    !hasControlCharacters(command.command)
  );
}

/** The command without the shared helpers' definitions, and whether it had any. */
function withoutSharedHelpers(
  command: string,
  helpers: SharedHelpers,
): { text: string; usesHelpers: boolean } {
  let text = command;
  let usesHelpers = false;
  for (const { name, text: definition } of topLevelFunctions(command)) {
    if (helpers.get(name) !== definition) continue;
    text = text.replace(`${definition}\n`, '').replace(definition, '');
    usesHelpers = true;
  }
  return { text, usesHelpers };
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

export function appendCommand(
  blocks: Block[],
  host: ReportHost,
  command: ReportCommand,
  failedStep: ReportStepResult | undefined,
  replay: ReplayContext,
): void {
  const root = command.sudo && host.user !== 'root';
  const joinsWithToken = command.command.split('\n').includes(READ_TOKEN_LINE);
  const file = replay.files.get(command);
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
      usesHelpers: false,
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
  const replayed = isReplayed(command)
    ? withoutSharedHelpers(command.command, replay.helpers)
    : { text: command.command, usesHelpers: false };
  block.usesHelpers ||= replayed.usesHelpers;
  block.lines.push(...commandLines(command, replayed.text, failedStep));
}

/** The lines that replay a command (or say why not); `text` is what to run of it. */
function commandLines(
  command: ReportCommand,
  text: string,
  failedStep: ReportStepResult | undefined,
): string[] {
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

  const header = comment(`# ${truncate(describeCommand(text), 100)}  (${timing})`);
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
  const script = text
    .replace(/\n+$/, '')
    .split('\n')
    .map((line) => (line === READ_TOKEN_LINE ? TOKEN_ARRIVED_LINE : line))
    .join('\n');
  const tolerated = command.exitCode !== null && command.exitCode !== 0 && !failedStep;
  const onFailure = tolerated
    ? '|| true  # it exited non-zero in the run too, which the step expected'
    : '|| exit';
  const lines = script.split('\n');
  if (lines.length === 1 && PRINTS_JOIN_TOKEN.test(script)) {
    // `docker swarm init` prints a ready-made join command with the worker token in it: the run
    // redacted it from its journal; the script keeps it off the screen (errors still show).
    return [header, `( ${script} >/dev/null ) </dev/null ${onFailure}`];
  }
  if (lines.length === 1) return [header, `( ${script} ) </dev/null ${onFailure}`];
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

export function tokenVariable(role: 'worker' | 'manager'): string {
  return `SWARM_JOIN_TOKEN_${role.toUpperCase()}`;
}

export function flushBlocks(blocks: Block[], out: string[], ref: (hostId: string) => string): void {
  for (const block of blocks) {
    const body = block.lines.join('\n');
    const delimiter = delimiterFor(body, BLOCK_DELIMITER);
    const file = block.file;
    if (file) {
      // The bytes travel on ssh's stdin (scp would need its own address syntax for ports).
      const path = shellQuote(file.path);
      const mode = /^[0-7]{3,4}$/.test(file.mode) ? file.mode : '0600';
      const write = `umask 077 && cat >${path} && chmod ${mode} ${path}`;
      out.push(
        `if [ -n "$${file.variable}" ]; then`,
        `ssh -- ${ref(block.host.id)} ${shellQuote(block.root ? `sudo sh -c ${shellQuote(write)}` : write)} <"$${file.variable}"`,
        ...remoteScript(block, ref, body, delimiter),
        'else',
        `echo ${shellQuote(comment(`swarmlab: skipped on ${block.host.id}: set ${file.variable} to a copy of ${file.path}`))} >&2`,
        'fi',
      );
      continue;
    }
    if (block.tokenRole) {
      out.push(
        "# The token goes first on ssh's stdin, as the first line of the script the host runs.",
      );
    }
    out.push(...remoteScript(block, ref, body, delimiter));
  }
  blocks.length = 0;
}

/**
 * `ssh HOST sh -s` reading the block from a heredoc. What the block needs first goes ahead of it
 * on the same stdin: the join token (printf is a shell builtin: the token is in no command
 * line, here or on the host) and the shared helpers' definitions.
 */
function remoteScript(
  block: Block,
  ref: (hostId: string) => string,
  body: string,
  delimiter: string,
): string[] {
  const shell = `ssh -- ${ref(block.host.id)} ${block.root ? 'sudo ' : ''}sh -s`;
  const ahead = [
    ...(block.tokenRole ? [`printf 'token=%s\\n' "$${tokenVariable(block.tokenRole)}"`] : []),
    ...(block.usesHelpers ? [`printf '%s\\n' "$${HELPERS_VARIABLE}"`] : []),
  ];
  if (ahead.length === 0) return [`${shell} <<'${delimiter}'`, body, delimiter];
  return [`{ ${ahead.join('; ')}; cat <<'${delimiter}'`, body, delimiter, `} | ${shell}`];
}
