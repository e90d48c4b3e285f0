/**
 * The typed daemon.json editor: merges the inventory's `docker.daemon` into what the host
 * has, refuses what would stop dockerd (unknown keys, bad values, live-restore in swarm mode,
 * a setting given both as a flag in docker.service and in the file), validates with
 * `dockerd --validate` where the engine has it, restarts Docker and rolls back to the backup
 * by itself when the daemon does not come back.
 *
 * The decisions are pure functions below (merge, render, flag parsing, restart judgement), so
 * unit tests pin them; the step object only moves bytes and runs commands.
 */
import {
  DAEMON_KEYS,
  DaemonSchema,
  DOCKER_UNMANAGED_DAEMON_KEYS,
  type DaemonConfig,
} from '../../inventory/daemon';
import type { Inventory } from '../../inventory/schema';
import { systemdCommandLine } from '../../shell/escape';
import { shellQuote } from '../../shell/quote';
import { StepFailure, type StepContext, type StepDefinition } from '../step';

export const DAEMON_JSON = '/etc/docker/daemon.json';
export const BACKUP_SUFFIX = '.swarmlab-backup';
/** The drop-in that takes `-H` off dockerd's command line when daemon.json sets `hosts`. */
export const HOSTS_DROP_IN = '/etc/systemd/system/docker.service.d/swarmlab-hosts.conf';
/** How long Docker gets to answer `docker info` after a restart. */
export const RESTART_WAIT_SECONDS = 60;

export type JsonObject = Record<string, unknown>;

// ---------------------------------------------------------------------------------------
// daemon.json: read, merge, render

/**
 * The host's daemon.json as an object: a missing or empty file is `{}`. Anything else that is
 * not a JSON object stops the step, since rewriting it would lose what the user meant.
 */
export function parseDaemonJson(text: string | null, path: string = DAEMON_JSON): JsonObject {
  if (text === null || text.trim() === '') return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new StepFailure(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); dockerd cannot start with it either`,
      `fix or remove ${path} on the host, then run again`,
    );
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StepFailure(
      `${path} holds JSON but not an object ({ … })`,
      `fix or remove ${path} on the host, then run again`,
    );
  }
  return value as JsonObject;
}

/** The inventory's keys as plain JSON values (options left out are not written). */
export function desiredEntries(desired: DaemonConfig | undefined): JsonObject {
  return Object.fromEntries(
    Object.entries(desired ?? {}).filter(([, value]) => value !== undefined),
  );
}

/** Inventory wins key by key (a key's whole value is replaced); the host's other keys stay. */
export function mergeDaemonConfig(
  current: JsonObject,
  desired: DaemonConfig | undefined,
): JsonObject {
  return { ...current, ...desiredEntries(desired) };
}

function sortKeysDeep(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortKeysDeep((value as JsonObject)[key])]),
    );
  }
  return value;
}

/**
 * daemon.json as swarmlab writes it: keys sorted at every level (a stable order, whatever the
 * inventory or the host had), two spaces, a final newline.
 */
export function renderDaemonJson(config: JsonObject): string {
  return `${JSON.stringify(sortKeysDeep(config), null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------
// docker.service's command line

/**
 * The command line of `systemctl show docker -p ExecStart`
 * (`ExecStart={ path=/usr/bin/dockerd ; argv[]=/usr/bin/dockerd -H fd:// … ; ignore_errors=no ; … }`).
 * systemd 219 (CentOS 7) has no `--value`, so the property name is tolerated. Several
 * ExecStart= lines are rare for dockerd; the last one is the one that runs the daemon.
 */
export function execStartFromShow(output: string): string | undefined {
  const matches = [...output.matchAll(/argv\[\]=(.*?) ; (?:ignore_errors|flags)=/g)];
  const last = matches.at(-1)?.[1]?.trim();
  return last || undefined;
}

/**
 * The effective ExecStart of `systemctl cat docker` (the unit followed by its drop-ins): an
 * empty `ExecStart=` resets the list, as systemd does.
 */
export function execStartFromCat(output: string): string | undefined {
  const joined = output.replace(/\\\n/g, ' ');
  let current: string | undefined;
  for (const line of joined.split('\n')) {
    const match = /^\s*ExecStart=(.*)$/.exec(line);
    if (!match) continue;
    const value = (match[1] ?? '').trim();
    current = value === '' ? undefined : value.replace(/^[-@:+!]+/, '');
  }
  return current;
}

/** `NAME=value` lines of /etc/default/docker or /etc/sysconfig/docker, quotes removed. */
export function parseEnvironmentFile(text: string): Record<string, string> {
  const env: Record<string, string> = {};
  for (const raw of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(raw);
    if (!match?.[1]) continue;
    let value = (match[2] ?? '').trim();
    const quote = value[0];
    if ((quote === '"' || quote === "'") && value.endsWith(quote) && value.length >= 2) {
      value = value.slice(1, -1);
    }
    env[match[1]] = value;
  }
  return env;
}

/** A word of the command line, with where it came from (a variable cannot be edited in a drop-in). */
export interface CommandWord {
  text: string;
  /** The variable this word came from (`DOCKER_OPTS`), when it did. */
  fromVariable?: string;
}

/**
 * Splits a systemd command line into words: quotes group, `$VAR` splits into words, `${VAR}`
 * stays one word. Without `env`, variables are kept as written (for rewriting the line).
 */
export function splitCommandLine(line: string, env?: Record<string, string>): CommandWord[] {
  const words: CommandWord[] = [];
  const pattern = /"((?:[^"\\]|\\.)*)"|'([^']*)'|(\S+)/g;
  for (const match of line.matchAll(pattern)) {
    const quoted = match[1] ?? match[2];
    if (quoted !== undefined) {
      words.push({ text: quoted });
      continue;
    }
    const word = match[3] ?? '';
    if (!env) {
      words.push({ text: word });
      continue;
    }
    const whole = /^\$([A-Za-z_][A-Za-z0-9_]*)$/.exec(word);
    if (whole?.[1]) {
      const name = whole[1];
      for (const part of (env[name] ?? '').split(/\s+/).filter(Boolean)) {
        words.push({ text: part, fromVariable: name });
      }
      continue;
    }
    words.push({
      text: word.replace(
        /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g,
        (_all, name: string) => env[name] ?? '',
      ),
    });
  }
  return words;
}

/** dockerd's one-letter flags, by long name. */
const SHORT_FLAGS: Readonly<Record<string, string>> = {
  H: 'host',
  D: 'debug',
  l: 'log-level',
  s: 'storage-driver',
  g: 'graph',
  G: 'group',
  p: 'pidfile',
  b: 'bridge',
};

/** Flags whose daemon.json key is not the flag's own name (mostly lists, named in the plural). */
const FLAG_KEYS: Readonly<Record<string, string>> = {
  host: 'hosts',
  graph: 'data-root',
  'log-opt': 'log-opts',
  'registry-mirror': 'registry-mirrors',
  'insecure-registry': 'insecure-registries',
  'exec-opt': 'exec-opts',
  'storage-opt': 'storage-opts',
  'default-address-pool': 'default-address-pools',
  'dns-opt': 'dns-opts',
  label: 'labels',
  'add-runtime': 'runtimes',
  'default-ulimit': 'default-ulimits',
  'authorization-plugin': 'authorization-plugins',
  feature: 'features',
  'allow-nondistributable-artifacts': 'allow-nondistributable-artifacts',
};

/** Flags that do not stand for a daemon.json key. */
const NOT_A_KEY = new Set(['config-file', 'validate', 'help', 'version']);

export interface DaemonFlag {
  /** As written: `-H`, `--storage-driver`. */
  flag: string;
  /** The daemon.json key the flag sets. */
  key: string;
  value: string | undefined;
  /** Indexes of the words the flag (and its value) took. */
  words: number[];
  fromVariable: string | undefined;
}

/** The flags on dockerd's command line (the first word, the binary, is skipped). */
export function daemonFlags(words: readonly CommandWord[]): DaemonFlag[] {
  const flags: DaemonFlag[] = [];
  for (let index = 1; index < words.length; index += 1) {
    const word = words[index]?.text ?? '';
    if (!word.startsWith('-') || word === '-' || word === '--') continue;
    let name: string;
    let flag: string;
    let value: string | undefined;
    if (word.startsWith('--')) {
      const [head = '', ...rest] = word.slice(2).split('=');
      name = head;
      flag = `--${head}`;
      value = rest.length > 0 ? rest.join('=') : undefined;
    } else {
      const letter = word[1] ?? '';
      name = SHORT_FLAGS[letter] ?? letter;
      flag = `-${letter}`;
      const attached = word.slice(2).replace(/^=/, '');
      value = attached || undefined;
    }
    const taken = [index];
    const next = words[index + 1];
    // dockerd takes no positional arguments: a word after a flag that is not a flag is its
    // value (an unexpanded `$VAR` is not).
    if (value === undefined && next && !next.text.startsWith('-') && !next.text.startsWith('$')) {
      value = next.text;
      taken.push(index + 1);
      index += 1;
    }
    if (NOT_A_KEY.has(name)) {
      if (name === 'config-file')
        flags.push({
          flag,
          key: '',
          value,
          words: taken,
          fromVariable: words[taken[0] ?? 0]?.fromVariable,
        });
      continue;
    }
    flags.push({
      flag,
      key: FLAG_KEYS[name] ?? name,
      value,
      words: taken,
      fromVariable: words[taken[0] ?? 0]?.fromVariable,
    });
  }
  return flags;
}

/** The daemon.json path dockerd reads: `--config-file` on its command line, or the default. */
export function configFileOf(flags: readonly DaemonFlag[]): string {
  return flags.find((flag) => flag.flag === '--config-file')?.value ?? DAEMON_JSON;
}

export interface FlagConflict {
  key: string;
  flag: DaemonFlag;
}

/** Keys set both in daemon.json and by a flag: dockerd refuses to start with any of them. */
export function flagConflicts(config: JsonObject, flags: readonly DaemonFlag[]): FlagConflict[] {
  return flags
    .filter((flag) => flag.key !== '' && Object.hasOwn(config, flag.key))
    .map((flag) => ({ key: flag.key, flag }));
}

/**
 * A drop-in that replaces ExecStart with the same command line minus `-H`/`--host`, for when
 * daemon.json sets `hosts` (Docker's documented way). Variables stay as written, so
 * `$DOCKER_OPTS` keeps being read from its file.
 */
export function hostsDropIn(execStart: string): string {
  const raw = splitCommandLine(execStart);
  const hostWords = new Set(
    daemonFlags(raw)
      .filter((flag) => flag.key === 'hosts')
      .flatMap((flag) => flag.words),
  );
  return dropInText(raw.filter((_, index) => !hostWords.has(index)));
}

function dropInText(words: readonly CommandWord[]): string {
  // The words are argv as systemd shows it: specifiers and escapes resolved, `$VAR` kept (systemd
  // expands those when it starts dockerd), so they are written back escaped for a unit file.
  const line = systemdCommandLine(
    words.map((word) => word.text),
    { dollars: 'keep' },
  );
  return [
    '# Written by swarmlab: daemon.json sets "hosts", and dockerd refuses a setting given both',
    '# as a flag and in the file, so -H is taken off the command line here.',
    '[Service]',
    'ExecStart=',
    `ExecStart=${line}`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------
// Checking the merged result

export interface DaemonCheck {
  errors: string[];
  warnings: string[];
}

function zodIssues(config: JsonObject): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  const parsed = DaemonSchema.safeParse(config);
  if (parsed.success) return byKey;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? '');
    const where = issue.path.map(String).join('.');
    const list = byKey.get(key) ?? [];
    list.push(`${where}: ${issue.message}`);
    byKey.set(key, list);
  }
  return byKey;
}

/**
 * Re-checks the merged file. The inventory's keys must be known and valid (errors). Keys the
 * host already had are kept: ones swarmlab does not know, or values stricter rules would
 * refuse, are warnings, since dockerd ran with them (and `dockerd --validate` checks them).
 * live-restore is refused wherever it comes from: swarmlab builds a swarm, and dockerd
 * refuses swarm mode with live-restore.
 */
export function checkDaemonConfig(merged: JsonObject, desired: JsonObject): DaemonCheck {
  const errors: string[] = [];
  const warnings: string[] = [];
  if (merged['live-restore'] === true) {
    errors.push(
      `live-restore is true${Object.hasOwn(desired, 'live-restore') ? '' : ' in the host’s daemon.json'}: Docker refuses live-restore in swarm mode`,
    );
  }
  const known = Object.fromEntries(
    Object.entries(merged).filter(([key]) => DAEMON_KEYS.includes(key) && key !== 'live-restore'),
  );
  const issues = zodIssues(known);
  for (const [key, messages] of issues) {
    (Object.hasOwn(desired, key) ? errors : warnings).push(...messages);
  }
  for (const key of Object.keys(merged)) {
    if (DAEMON_KEYS.includes(key)) continue;
    if (Object.hasOwn(desired, key))
      errors.push(`${key}: swarmlab does not know this daemon.json key`);
    else if (!DOCKER_UNMANAGED_DAEMON_KEYS.includes(key)) {
      warnings.push(`${key}: kept as the host has it (swarmlab does not know this key)`);
    }
  }
  return { errors, warnings };
}

// ---------------------------------------------------------------------------------------
// The plan

export interface DaemonPlanInput {
  /** The host's daemon.json text (null when missing). */
  currentText: string | null;
  desired: DaemonConfig | undefined;
  /** docker.service's ExecStart command line, unexpanded. */
  execStart: string | undefined;
  /** Variables of docker.service's environment files (DOCKER_OPTS, OPTIONS). */
  env: Record<string, string>;
}

export interface DaemonPlan {
  path: string;
  merged: JsonObject;
  /** What the file must hold. */
  content: string;
  /** True when the host's file already says the same (key order and spacing aside). */
  unchanged: boolean;
  /** A systemd drop-in to write, when `hosts` needs -H off the command line. */
  dropIn: string | undefined;
  warnings: string[];
}

/** Everything the step will write, or a StepFailure naming what stops it. Pure. */
export function planDaemonConfig(input: DaemonPlanInput): DaemonPlan {
  const words = splitCommandLine(input.execStart ?? '', input.env);
  const flags = daemonFlags(words);
  const path = configFileOf(flags);
  const current = parseDaemonJson(input.currentText, path);
  const desired = desiredEntries(input.desired);
  const merged = mergeDaemonConfig(current, input.desired);

  const check = checkDaemonConfig(merged, desired);
  if (check.errors.length > 0) {
    throw new StepFailure(
      `daemon.json would stop Docker: ${check.errors.join('; ')}`,
      Object.hasOwn(merged, 'live-restore') && merged['live-restore'] === true
        ? `remove live-restore from ${path} on the host, or set docker.daemon.live-restore: false in the inventory`
        : 'correct docker.daemon in the inventory',
    );
  }

  let dropIn: string | undefined;
  const conflicts = flagConflicts(merged, flags);
  const hostsConflict = conflicts.find((conflict) => conflict.key === 'hosts');
  const canDropIn =
    hostsConflict !== undefined &&
    Object.hasOwn(desired, 'hosts') &&
    conflicts
      .filter((conflict) => conflict.key === 'hosts')
      .every((conflict) => conflict.flag.fromVariable === undefined);
  if (canDropIn && input.execStart) dropIn = hostsDropIn(input.execStart);
  const blocking = conflicts.filter((conflict) => !(canDropIn && conflict.key === 'hosts'));
  if (blocking.length > 0) {
    throw new StepFailure(
      `docker.service already sets ${blocking
        .map(
          (conflict) =>
            `"${conflict.key}" with ${conflict.flag.flag}${conflict.flag.value ? ` ${conflict.flag.value}` : ''}${conflict.flag.fromVariable ? ` (from $${conflict.flag.fromVariable})` : ''}`,
        )
        .join(
          ', ',
        )}, and daemon.json sets it too: dockerd refuses to start ("the following directives are specified both as a flag and in the configuration file")`,
      flagConflictFix(blocking),
    );
  }

  const content = renderDaemonJson(merged);
  return {
    path,
    merged,
    content,
    // A missing file and `{}` say the same: nothing is written when nothing is asked.
    unchanged: renderDaemonJson(current) === content,
    dropIn,
    warnings: check.warnings,
  };
}

function flagConflictFix(conflicts: readonly FlagConflict[]): string {
  const fromVariable = conflicts.find((conflict) => conflict.flag.fromVariable);
  if (fromVariable) {
    return `remove ${fromVariable.flag.flag} from $${fromVariable.flag.fromVariable} (/etc/default/docker or /etc/sysconfig/docker), or leave ${fromVariable.key} out of docker.daemon`;
  }
  const keys = conflicts.map((conflict) => conflict.key).join(', ');
  return `either leave ${keys} out of docker.daemon, or add a systemd drop-in (systemctl edit docker) with "ExecStart=" followed by the ExecStart line without ${conflicts.map((conflict) => conflict.flag.flag).join(', ')}`;
}

// ---------------------------------------------------------------------------------------
// Restart and rollback

/** Restarts Docker and waits until `docker info` answers; prints `answered=yes|no`. */
export function restartAndWaitScript(seconds: number = RESTART_WAIT_SECONDS): string {
  return [
    'set -u',
    // Earlier failed starts count against StartLimitBurst and would block this one.
    'systemctl reset-failed docker.service 2>/dev/null || true',
    // systemd waits for dockerd's ready notification: a failed restart is final, no need to wait.
    'if ! systemctl restart docker.service; then',
    '  echo restart=failed',
    '  echo answered=no',
    '  exit 1',
    'fi',
    'i=0',
    `while [ "$i" -lt ${seconds} ]; do`,
    '  if docker info >/dev/null 2>&1; then echo answered=yes; exit 0; fi',
    '  sleep 1',
    '  i=$((i + 1))',
    'done',
    'echo answered=no',
    'exit 1',
    '',
  ].join('\n');
}

export interface RestartOutcome {
  restartFailed: boolean;
  answered: boolean;
}

export function parseRestartOutput(output: string): RestartOutcome {
  return {
    restartFailed: /^restart=failed$/m.test(output),
    answered: /^answered=yes$/m.test(output),
  };
}

/** Keep the new configuration only when Docker answers with it; say why otherwise. */
export function judgeRestart(
  outcome: RestartOutcome,
  seconds: number = RESTART_WAIT_SECONDS,
): { kind: 'keep' } | { kind: 'rollback'; reason: string } {
  if (outcome.answered) return { kind: 'keep' };
  return {
    kind: 'rollback',
    reason: outcome.restartFailed
      ? '`systemctl restart docker` failed with the new daemon.json'
      : `Docker did not answer \`docker info\` within ${seconds} s of the restart`,
  };
}

/** What the host had before the change, to put back. */
export interface DaemonBackup {
  path: string;
  /** Whether daemon.json existed (then it was copied to path + BACKUP_SUFFIX). */
  existed: boolean;
  /** Whether the step wrote the hosts drop-in in this change. */
  wroteDropIn: boolean;
}

/** Puts the previous daemon.json (or its absence) and the unit back. */
export function rollbackScript(backup: DaemonBackup): string {
  const path = shellQuote(backup.path);
  const lines = ['set -eu'];
  if (backup.existed) {
    const saved = shellQuote(`${backup.path}${BACKUP_SUFFIX}`);
    const staged = shellQuote(`${backup.path}.swarmlab-restore`);
    lines.push(`cp -p ${saved} ${staged}`, `mv -f ${staged} ${path}`);
  } else {
    lines.push(`rm -f ${path}`);
  }
  if (backup.wroteDropIn)
    lines.push(`rm -f ${shellQuote(HOSTS_DROP_IN)}`, 'systemctl daemon-reload');
  return `${lines.join('\n')}\n`;
}

/** The failure after a rollback: why, whether Docker runs again, and the journal's last lines. */
export function rollbackFailure(reason: string, recovered: boolean, journal: string): StepFailure {
  const tail = journal.trim().split('\n').slice(-15).join('\n');
  const message = recovered
    ? `rolled daemon.json back: ${reason}. Docker runs again with the previous configuration`
    : `rolled daemon.json back: ${reason}. Docker did not come back with the previous configuration either`;
  return new StepFailure(
    message,
    recovered
      ? 'see the journal lines in the report, correct docker.daemon in the inventory and run again'
      : 'Docker is down on this host: run `journalctl -u docker` there and start it by hand',
    { journal: tail },
  );
}

// ---------------------------------------------------------------------------------------
// Probe

export interface DaemonHostState {
  dockerd: string | undefined;
  validate: boolean;
  execStart: string | undefined;
  env: Record<string, string>;
  active: boolean;
  dropInPresent: boolean;
}

/** Reads the unit, its environment files and what dockerd can do; changes nothing. */
export const DAEMON_PROBE_SCRIPT = [
  'set +e',
  'LC_ALL=C',
  'export LC_ALL',
  'echo "dockerd=$(command -v dockerd 2>/dev/null)"',
  // --validate arrived in Docker 23.0.
  'if dockerd --help 2>&1 | grep -q -- --validate; then echo validate=yes; fi',
  "echo \"execstart=$(systemctl show docker.service -p ExecStart 2>/dev/null | tr '\\n' ' ')\"",
  'echo "active=$(systemctl is-active docker.service 2>/dev/null)"',
  `if [ -e ${shellQuote(HOSTS_DROP_IN)} ]; then echo dropin=yes; fi`,
  'for file in /etc/default/docker /etc/sysconfig/docker; do',
  '  if [ -r "$file" ]; then',
  "    grep -E '^[[:space:]]*(export[[:space:]]+)?(DOCKER_OPTS|OPTIONS)=' \"$file\" | sed 's/^/env /'",
  '  fi',
  'done',
  'exit 0',
  '',
].join('\n');

export function parseDaemonProbe(output: string): DaemonHostState {
  const values = new Map<string, string>();
  const envLines: string[] = [];
  for (const line of output.split('\n')) {
    if (line.startsWith('env ')) {
      envLines.push(line.slice(4));
      continue;
    }
    const equals = line.indexOf('=');
    if (equals > 0) values.set(line.slice(0, equals), line.slice(equals + 1).trim());
  }
  return {
    dockerd: values.get('dockerd') || undefined,
    validate: values.get('validate') === 'yes',
    execStart: execStartFromShow(values.get('execstart') ?? ''),
    env: parseEnvironmentFile(envLines.join('\n')),
    active: values.get('active') === 'active',
    dropInPresent: values.get('dropin') === 'yes',
  };
}

// ---------------------------------------------------------------------------------------
// The step

interface DaemonProbe {
  state: DaemonHostState;
  currentText: string | null;
}

function planFor(probe: DaemonProbe, ctx: StepContext<Inventory>): DaemonPlan {
  if (!probe.state.dockerd) {
    throw new StepFailure(
      'dockerd is not installed on this host',
      'run the docker-install step first',
    );
  }
  return planDaemonConfig({
    currentText: probe.currentText,
    desired: ctx.options.docker.daemon,
    execStart: probe.state.execStart,
    env: probe.state.env,
  });
}

async function probeDaemon(ctx: StepContext<Inventory>): Promise<DaemonProbe> {
  const result = await ctx.remote.exec(DAEMON_PROBE_SCRIPT, {
    sudo: true,
    allowFailure: true,
    quiet: true,
  });
  const state = parseDaemonProbe(result.stdout);
  const path = configFileOf(daemonFlags(splitCommandLine(state.execStart ?? '', state.env)));
  return { state, currentText: await ctx.remote.readFile(path, { sudo: true }) };
}

/** `dockerd --validate` on the new content, before anything is replaced. */
async function validateOnHost(ctx: StepContext<Inventory>, plan: DaemonPlan): Promise<void> {
  const candidate = `${plan.path}.swarmlab-new`;
  await ctx.remote.uploadFile(candidate, plan.content, { mode: 0o644, sudo: true });
  const result = await ctx.remote.exec(
    `dockerd --validate --config-file ${shellQuote(candidate)} 2>&1; status=$?; rm -f ${shellQuote(candidate)}; exit "$status"`,
    { sudo: true, allowFailure: true },
  );
  if (result.exitCode !== 0) {
    throw new StepFailure(
      `dockerd --validate refused the merged daemon.json: ${result.stdout.trim() || result.stderr.trim()}`,
      'correct docker.daemon in the inventory (nothing on the host was changed)',
    );
  }
}

async function restartDocker(ctx: StepContext<Inventory>): Promise<RestartOutcome> {
  const result = await ctx.remote.exec(restartAndWaitScript(), {
    sudo: true,
    allowFailure: true,
    timeoutMs: (RESTART_WAIT_SECONDS + 120) * 1000,
  });
  return parseRestartOutput(result.stdout);
}

/** Applies the inventory's daemon.json keys, with validation, backup and automatic rollback. */
export const dockerDaemonStep: StepDefinition<DaemonProbe, Inventory> = {
  id: 'docker-daemon',
  title: { en: 'Docker daemon settings', 'zh-CN': 'Docker 守护进程配置' },
  explanation: {
    en: 'Writes the daemon.json settings you chose (registry mirrors, log rotation, address pools, …) into /etc/docker/daemon.json, keeping every other key the host has. Settings that would stop Docker are refused before anything is written: unknown keys, live-restore (incompatible with swarm), or a setting docker.service already passes as a flag. The new file is validated, the old one backed up, and if Docker does not come back after the restart the old file is restored automatically.',
    'zh-CN':
      '把你选择的 daemon.json 配置（镜像加速、日志轮转、地址池等）写入 /etc/docker/daemon.json，并保留主机上已有的其他配置项。会导致 Docker 无法启动的配置会在写入前被拒绝：未知的配置项、live-restore（与 Swarm 不兼容），以及 docker.service 已经通过命令行参数设置的项。新文件会先校验，旧文件会备份；如果重启后 Docker 没有恢复运行，会自动还原旧文件。',
  },
  // No `waitsFor`: a host configures its own daemon right after its own install (the runner walks
  // a host's steps in order). Waiting for docker-install on every host would let one host that
  // lost its network mid-install leave every other host without its daemon settings.
  // Even with no keys to write, a host's own live-restore or flag clash is caught here, before
  // swarm init fails on it.
  appliesTo: () => true,

  probe: probeDaemon,

  decide(probe, ctx) {
    const plan = planFor(probe, ctx);
    for (const warning of plan.warnings) ctx.warn(warning);
    const changes: string[] = [];
    if (!plan.unchanged) {
      const keys = Object.keys(desiredEntries(ctx.options.docker.daemon));
      changes.push(
        `write ${plan.path}${keys.length > 0 ? ` (${keys.join(', ')})` : ''} and restart Docker`,
      );
    }
    if (plan.dropIn)
      changes.push(`take -H off docker.service’s command line with ${HOSTS_DROP_IN}`);
    if (changes.length === 0)
      return { kind: 'ok', message: `${plan.path} already holds these settings` };
    return { kind: 'change', changes };
  },

  async apply(ctx, probe) {
    const plan = planFor(probe, ctx);
    const { remote } = ctx;
    const path = shellQuote(plan.path);
    await remote.exec(`install -d -m 0755 "$(dirname ${path})"`, { sudo: true });
    if (probe.state.validate) await validateOnHost(ctx, plan);
    else
      ctx.log(
        'this Docker has no `dockerd --validate` (before 23.0): the restart checks the file, with rollback',
      );

    const backup: DaemonBackup = {
      path: plan.path,
      existed: probe.currentText !== null,
      wroteDropIn: plan.dropIn !== undefined,
    };
    if (backup.existed) {
      await remote.exec(`cp -p ${path} ${shellQuote(`${plan.path}${BACKUP_SUFFIX}`)}`, {
        sudo: true,
      });
    }
    await remote.uploadFile(plan.path, plan.content, { mode: 0o644, sudo: true });
    if (plan.dropIn) {
      await remote.exec(`install -d -m 0755 ${shellQuote(HOSTS_DROP_IN.replace(/\/[^/]+$/, ''))}`, {
        sudo: true,
      });
      await remote.uploadFile(HOSTS_DROP_IN, plan.dropIn, { mode: 0o644, sudo: true });
      await remote.exec('systemctl daemon-reload', { sudo: true });
    }

    const judgement = judgeRestart(await restartDocker(ctx));
    if (judgement.kind === 'keep') return;

    const journal = await remote.exec('journalctl -u docker.service --no-pager -n 30 -o cat 2>&1', {
      sudo: true,
      allowFailure: true,
    });
    ctx.warn(`${judgement.reason}: restoring the previous daemon.json`);
    await remote.exec(rollbackScript(backup), { sudo: true });
    const recovered = (await restartDocker(ctx)).answered;
    throw rollbackFailure(judgement.reason, recovered, journal.stdout);
  },

  async verify(ctx, before, changed) {
    const after = changed ? await probeDaemon(ctx) : before;
    const plan = planFor(after, ctx);
    if (!plan.unchanged) throw new StepFailure(`${plan.path} does not hold the merged settings`);
    const settings = {
      path: plan.path,
      keys: Object.keys(plan.merged).sort(),
      validatedBy: after.state.validate ? 'dockerd --validate' : 'restart',
    };
    // Untouched, Docker was not restarted: the install step has just seen it answer.
    if (!changed) return settings;
    const info = await ctx.remote.exec("docker info --format '{{.ServerVersion}}'", {
      sudo: true,
      allowFailure: true,
    });
    if (info.exitCode !== 0) {
      throw new StepFailure(
        'Docker does not answer `docker info`',
        'see `journalctl -u docker` on the host',
      );
    }
    return { ...settings, version: info.stdout.trim() };
  },

  preview(_host, _facts, options) {
    // A bare host: no daemon.json yet and the packaged unit's command line, which sets nothing
    // that clashes (a host's own file and flags are merged and checked during the run).
    const plan = planDaemonConfig({
      currentText: null,
      desired: options.docker.daemon,
      execStart: undefined,
      env: {},
    });
    if (plan.unchanged) {
      return {
        commands: [],
        files: [],
        note: 'no docker.daemon keys: daemon.json is left as it is',
      };
    }
    const candidate = shellQuote(`${plan.path}.swarmlab-new`);
    return {
      before: [
        `install -d -m 0755 "$(dirname ${shellQuote(plan.path)})"`,
        `# Docker 23.0 and later: the new content is checked first, written as ${candidate}\ndockerd --validate --config-file ${candidate}; rm -f ${candidate}`,
      ],
      commands: [restartAndWaitScript()],
      files: [{ path: plan.path, mode: 0o644, content: plan.content }],
      note: 'merged key by key with what the host’s daemon.json already holds; the old file is backed up and restored by itself if Docker does not come back',
    };
  },
};
