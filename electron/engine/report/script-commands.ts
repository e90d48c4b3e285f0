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

export function appendCommand(
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

export function tokenVariable(role: 'worker' | 'manager'): string {
  return `SWARM_JOIN_TOKEN_${role.toUpperCase()}`;
}

export function flushBlocks(blocks: Block[], out: string[], ref: (hostId: string) => string): void {
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
