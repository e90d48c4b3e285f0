/**
 * The commands of a journal, folded per step: each (host, step)'s own commands, and the helper
 * commands a step sent to another host. A resumed run appends to the same journal: a new
 * step-started for a (host, step) starts its command list afresh, so the commands kept are
 * those of the outcome the report shows.
 */
import type { StepPhase } from '../../shared/plan';
import type { CommandStartedEvent, RunEvent } from '../../shared/run-events';
import type { ReportCommand } from './schema';

/** Fields a newer runner may add to command-started; read when present. */
interface CommandStartedExtras {
  /** The step phase the command ran in. */
  phase?: StepPhase;
  /** The step's host, when the command ran on another host on its behalf. */
  forHost?: string;
}

const key = (host: string, step: string) => `${host}\u0000${step}`;

export class StepCommands {
  private readonly ownCommands = new Map<string, ReportCommand[]>();
  private readonly running = new Set<string>();
  private readonly phaseOf = new Map<string, StepPhase>();
  private readonly latestPhaseOfStep = new Map<string, StepPhase>();
  private readonly helpers = new Map<string, { segment: number; commands: ReportCommand[] }>();
  private readonly open = new Map<number, ReportCommand>();
  /** Counts run-started events: helpers of an earlier run segment are replaced, not added to. */
  private segment = 0;

  constructor(events: readonly RunEvent[]) {
    for (const event of events) this.add(event);
  }

  /** The commands a host ran for its own step, in the latest attempt. */
  of(host: string, step: string): ReportCommand[] {
    return this.ownCommands.get(key(host, step)) ?? [];
  }

  /** The commands a step ran on other hosts on its hosts' behalf, in the latest run. */
  helpersOf(step: string): ReportCommand[] {
    return this.helpers.get(step)?.commands ?? [];
  }

  private add(event: RunEvent): void {
    switch (event.type) {
      case 'run-started':
        this.segment += 1;
        this.open.clear();
        break;
      case 'step-started':
        this.running.add(key(event.host, event.step));
        this.ownCommands.set(key(event.host, event.step), []);
        this.phaseOf.delete(key(event.host, event.step));
        break;
      case 'step-phase':
        this.phaseOf.set(key(event.host, event.step), event.phase);
        this.latestPhaseOfStep.set(event.step, event.phase);
        break;
      case 'command-started':
        this.start(event);
        break;
      case 'command-output': {
        const target = this.open.get(event.commandId);
        if (!target) break;
        const last = target.output.at(-1);
        if (last && last.stream === event.stream) last.text += event.text;
        else target.output.push({ stream: event.stream, text: event.text });
        break;
      }
      case 'command-finished': {
        const target = this.open.get(event.commandId);
        if (!target) break;
        target.exitCode = event.exitCode;
        target.durationMs = event.durationMs;
        this.open.delete(event.commandId);
        break;
      }
      case 'step-finished':
        this.running.delete(key(event.host, event.step));
        break;
      default:
        break;
    }
  }

  private start(event: CommandStartedEvent & CommandStartedExtras): void {
    const stepHost = event.forHost ?? event.host;
    const own = this.running.has(key(stepHost, event.step)) && stepHost === event.host;
    const phase =
      event.phase ??
      (own ? this.phaseOf.get(key(event.host, event.step)) : undefined) ??
      (event.forHost ? this.phaseOf.get(key(event.forHost, event.step)) : undefined) ??
      this.latestPhaseOfStep.get(event.step) ??
      null;
    const command: ReportCommand = {
      id: event.commandId,
      host: event.host,
      phase,
      startedAt: new Date(event.at).toISOString(),
      command: event.command,
      sudo: event.sudo,
      upload: event.upload
        ? {
            path: event.upload.path,
            mode: event.upload.mode,
            bytes: event.upload.bytes,
            content: event.upload.content ?? null,
          }
        : null,
      output: [],
      exitCode: null,
      durationMs: null,
      ...(event.purpose ? { purpose: event.purpose } : {}),
    };
    // Commands a step sent to another host (the manager handing out a join token) are kept
    // apart as the step's helpers: they are not that host's own step.
    const owner = own
      ? (this.ownCommands.get(key(event.host, event.step)) ?? [])
      : this.helperList(event.step);
    if (own) this.ownCommands.set(key(event.host, event.step), owner);
    owner.push(command);
    this.open.set(event.commandId, command);
  }

  private helperList(step: string): ReportCommand[] {
    const existing = this.helpers.get(step);
    if (existing && existing.segment === this.segment) return existing.commands;
    const fresh = { segment: this.segment, commands: [] as ReportCommand[] };
    this.helpers.set(step, fresh);
    return fresh.commands;
  }
}
