/**
 * A run as the UI shows it, folded from the engine's events: plain data (Pinia stores it,
 * tests feed it events). One fold for the live stream and for a journal read back.
 */
import type {
  PlanHostSummary as PlanHost,
  PlanStepSummary as PlanStep,
  RunSummary,
  StepStatus,
} from '../../../electron/shared/plan';
import type { StepWords } from '../../../electron/shared/localized';
import { localized } from './localized-text';
import type { RunEvent, RunEventOf, RunOperation } from '../../../electron/shared/run-events';

export type CellStatus = 'pending' | 'running' | StepStatus;

export interface CommandRecord {
  id: number;
  command: string;
  sudo: boolean;
  upload?: { path: string; mode: string; bytes: number; content?: string };
  output: { stream: 'stdout' | 'stderr'; text: string }[];
  /** Characters dropped from the front when the output grew past the cap. */
  truncated: number;
  exitCode?: number | null;
  durationMs?: number;
}

export interface CellState {
  status: CellStatus;
  phase?: 'probe' | 'apply' | 'verify';
  /** In English, as the journal keeps it; `localized` has it in every language when it can. */
  message: string;
  changes: string[];
  localized?: StepWords;
  warnings: string[];
  data?: unknown;
  durationMs?: number;
  /** Not looked at: a step before it failed, or the run was cancelled. */
  blocked?: boolean;
  commands: CommandRecord[];
  /** When this window saw the step start (Date.now()), to tell how long it has been running. */
  startedAt?: number;
}

export interface LogLine {
  at: number;
  level: 'info' | 'warn' | 'error';
  host?: string;
  step?: string;
  message: string;
}

export interface RunState {
  runId: string;
  /** What the run does: a setup, or a remove or reset of a finished swarm. */
  operation: RunOperation;
  hosts: PlanHost[];
  steps: PlanStep[];
  /** By {@link cellKey}. */
  cells: Record<string, CellState>;
  logs: LogLine[];
  /** When the first attempt started; attempts are the first run and every resume. */
  startedAt: number | undefined;
  attemptStartedAt: number | undefined;
  attempts: number;
  status: 'starting' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  finishedAt: number | undefined;
  summary: RunSummary | undefined;
  failures: { host: string; step: string; message: string }[];
}

/** Output kept per command; the tail matters most (where it failed). */
export const MAX_OUTPUT_CHARS = 200_000;
const MAX_LOG_LINES = 2_000;

export function cellKey(host: string, step: string): string {
  return `${host}|${step}`;
}

export function emptyRunState(runId: string): RunState {
  return {
    runId,
    operation: 'setup',
    hosts: [],
    steps: [],
    cells: {},
    logs: [],
    startedAt: undefined,
    attemptStartedAt: undefined,
    attempts: 0,
    status: 'starting',
    finishedAt: undefined,
    summary: undefined,
    failures: [],
  };
}

function emptyCell(): CellState {
  return { status: 'pending', message: '', changes: [], warnings: [], commands: [] };
}

function cellOf(state: RunState, host: string, step: string): CellState {
  const key = cellKey(host, step);
  let cell = state.cells[key];
  if (!cell) {
    cell = emptyCell();
    state.cells[key] = cell;
  }
  return cell;
}

function commandOf(
  state: RunState,
  event: { host: string; step: string; commandId: number },
): CommandRecord | undefined {
  return cellOf(state, event.host, event.step).commands.find(
    (command) => command.id === event.commandId,
  );
}

function startAttempt(state: RunState, event: RunEventOf<'run-started'>): void {
  state.attempts += 1;
  state.startedAt ??= event.at;
  state.attemptStartedAt = event.at;
  state.status = 'running';
  state.finishedAt = undefined;
  // A resume may leave a host out: keep its cells (they are history) but list only planned hosts.
  state.hosts = event.hosts;
  state.steps = event.steps;
  state.operation = event.operation ?? 'setup';
  for (const step of event.steps) {
    for (const host of step.hosts) {
      const cell = cellOf(state, host, step.id);
      if (cell.status !== 'ok' && cell.status !== 'changed') {
        state.cells[cellKey(host, step.id)] = { ...emptyCell(), commands: cell.commands };
      }
    }
  }
}

function appendOutput(command: CommandRecord, stream: 'stdout' | 'stderr', text: string): void {
  const last = command.output.at(-1);
  if (last && last.stream === stream) last.text += text;
  else command.output.push({ stream, text });
  let total = command.output.reduce((sum, chunk) => sum + chunk.text.length, 0);
  while (total > MAX_OUTPUT_CHARS && command.output.length > 0) {
    const first = command.output[0];
    if (!first) break;
    const excess = total - MAX_OUTPUT_CHARS;
    if (first.text.length <= excess) {
      command.output.shift();
      command.truncated += first.text.length;
      total -= first.text.length;
    } else {
      first.text = first.text.slice(excess);
      command.truncated += excess;
      total -= excess;
    }
  }
}

/** Applies one event to the state, in place (Pinia batches the reactivity). */
export function applyRunEvent(state: RunState, event: RunEvent): void {
  switch (event.type) {
    case 'run-started':
      startAttempt(state, event);
      return;
    case 'step-started': {
      const cell = cellOf(state, event.host, event.step);
      Object.assign(cell, {
        ...emptyCell(),
        status: 'running',
        phase: 'probe',
        startedAt: Date.now(),
      });
      return;
    }
    case 'step-phase':
      cellOf(state, event.host, event.step).phase = event.phase;
      return;
    case 'command-started':
      cellOf(state, event.host, event.step).commands.push({
        id: event.commandId,
        command: event.command,
        sudo: event.sudo,
        ...(event.upload ? { upload: event.upload } : {}),
        output: [],
        truncated: 0,
      });
      return;
    case 'command-output': {
      const command = commandOf(state, event);
      if (command) appendOutput(command, event.stream, event.text);
      return;
    }
    case 'command-finished': {
      const command = commandOf(state, event);
      if (command) {
        command.exitCode = event.exitCode;
        command.durationMs = event.durationMs;
      }
      return;
    }
    case 'step-finished': {
      const cell = cellOf(state, event.host, event.step);
      // A resumed run reports steps an earlier attempt finished without running them again:
      // keep what that attempt found (its data, its message).
      const carriedOver = cell.status === 'ok' || cell.status === 'changed';
      if (carriedOver && event.status === 'ok' && event.data === undefined) return;
      cell.status = event.status;
      cell.phase = undefined;
      cell.message = event.message;
      cell.changes = event.changes;
      cell.localized = event.localized;
      cell.warnings = event.warnings;
      cell.durationMs = event.durationMs;
      cell.data = event.data;
      cell.blocked = event.blocked;
      return;
    }
    case 'log':
      state.logs.push({
        at: event.at,
        level: event.level,
        message: event.message,
        ...(event.host ? { host: event.host } : {}),
        ...(event.step ? { step: event.step } : {}),
      });
      if (state.logs.length > MAX_LOG_LINES)
        state.logs.splice(0, state.logs.length - MAX_LOG_LINES);
      return;
    case 'run-finished':
      state.status = event.status;
      state.finishedAt = event.at;
      state.summary = event.summary;
      state.failures = event.failures;
      return;
  }
}

/** Cells of the plan (step applies to host), finished or not. */
export function plannedCells(state: RunState): { host: string; step: string; cell: CellState }[] {
  return state.steps.flatMap((step) =>
    step.hosts.map((host) => ({
      host,
      step: step.id,
      cell: state.cells[cellKey(host, step.id)] ?? emptyCell(),
    })),
  );
}

export function progressOf(state: RunState): { done: number; total: number } {
  const cells = plannedCells(state);
  // A step that was never looked at (cancelled, or after a failure) is not done.
  const done = cells.filter(
    ({ cell }) => cell.status !== 'pending' && cell.status !== 'running' && !cell.blocked,
  ).length;
  return { done, total: cells.length };
}

/** The failed cells of the latest attempt: what retry and "continue without" act on. */
export function failedCells(
  state: RunState,
  locale = 'en',
): { host: string; step: string; message: string }[] {
  return plannedCells(state)
    .filter(({ cell }) => cell.status === 'failed')
    .map(({ host, step, cell }) => ({ host, step, message: cellMessage(cell, locale) }));
}

/** What a cell, or a report's step result, says: in English and, where it can, every language. */
export type SaidWords = Pick<CellState, 'message' | 'changes' | 'warnings' | 'localized'>;

/** What the step said on this host, in the user's language where the engine gave it. */
export function cellMessage(cell: SaidWords, locale: string): string {
  return cell.localized ? localized(cell.localized.message, locale) : cell.message;
}

/** What the step changed on this host, in the user's language where the engine gave it. */
export function cellChanges(cell: SaidWords, locale: string): string[] {
  return cell.localized
    ? cell.localized.changes.map((change) => localized(change, locale))
    : cell.changes;
}

/** What the step warned about on this host, in the user's language where the engine gave it. */
export function cellWarnings(cell: SaidWords, locale: string): string[] {
  return cell.localized?.warnings?.map((warning) => localized(warning, locale)) ?? cell.warnings;
}

/** A step running longer than this shows what it is waiting on. */
export const SLOW_STEP_MS = 15_000;

export interface SlowCell {
  host: string;
  step: string;
  elapsedMs: number;
  /** The last line its commands printed, where they printed any. */
  lastLine: string;
}

/** Steps running for longer than {@link SLOW_STEP_MS} at `now`, the longest first. */
export function slowCells(state: RunState, now: number): SlowCell[] {
  const slow: SlowCell[] = [];
  for (const host of state.hosts) {
    for (const step of state.steps) {
      const cell = state.cells[cellKey(host.id, step.id)];
      if (cell?.status !== 'running' || cell.startedAt === undefined) continue;
      const elapsedMs = now - cell.startedAt;
      if (elapsedMs < SLOW_STEP_MS) continue;
      slow.push({ host: host.id, step: step.id, elapsedMs, lastLine: lastOutputLine(cell) });
    }
  }
  return slow.sort((a, b) => b.elapsedMs - a.elapsedMs);
}

function lastOutputLine(cell: CellState): string {
  for (const command of [...cell.commands].reverse()) {
    const text = command.output.map((chunk) => chunk.text).join('');
    const line = text
      .split(/\r?\n|\r/)
      .map((candidate) => candidate.trim())
      .filter(Boolean)
      .pop();
    if (line) return line;
  }
  return '';
}
