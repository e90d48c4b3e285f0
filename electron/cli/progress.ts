import type { StepStatus } from '../shared/plan';
import type { RunEvent } from '../shared/run-events';
import { terminalSafe as safe } from '../engine/text/terminal-safe';
import { message, type Lang } from '../shared/messages';

/** The terminal speaks English; its phrases come from the catalog (cli.*) like every other. */
const LANG: Lang = 'en';

type CellState = 'pending' | 'running' | StepStatus;

const SYMBOL: Record<CellState, string> = {
  pending: '·',
  running: '…',
  ok: '✓',
  changed: '✚',
  failed: '✗',
  skipped: '–',
};

const COLOR: Record<CellState, string> = {
  pending: '\x1b[2m',
  running: '\x1b[36m',
  ok: '\x1b[32m',
  changed: '\x1b[33m',
  failed: '\x1b[31m',
  skipped: '\x1b[2m',
};
const RESET = '\x1b[0m';
const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];
const OUTPUT_LINES_ON_FAILURE = 12;
const REDRAW_MS = 100;

/**
 * The terminal's view of a run: on a TTY a live matrix of hosts × steps, elsewhere one line
 * per finished step. A failing step prints the last lines its commands wrote. Everything from
 * the run's events passes through terminalSafe before it is printed: messages and output quote
 * what hosts said, and the only escape sequences on this terminal are the view's own.
 */
export class ProgressView {
  private hosts: string[] = [];
  private steps: { id: string; hosts: string[] }[] = [];
  private readonly cells = new Map<string, CellState>();
  private readonly output = new Map<string, string[]>();
  private readonly notes: string[] = [];
  private drawnLines = 0;
  private frame = 0;
  private timer: NodeJS.Timeout | undefined;
  private startedAt = Date.now();

  constructor(
    private readonly out: NodeJS.WriteStream = process.stderr,
    private readonly live: boolean = Boolean(process.stderr.isTTY),
  ) {}

  handle(event: RunEvent): void {
    switch (event.type) {
      case 'run-started':
        this.hosts = event.hosts.map((host) => host.id);
        this.steps = event.steps.map((step) => ({ id: step.id, hosts: step.hosts }));
        this.startedAt = event.at;
        if (this.live) this.timer = setInterval(() => this.draw(), REDRAW_MS);
        break;
      case 'step-started':
        this.cells.set(key(event.host, event.step), 'running');
        break;
      case 'command-output': {
        const lines = this.output.get(key(event.host, event.step)) ?? [];
        // A lone CR (progress bars) starts a line of its own here, rather than overwriting one.
        lines.push(
          ...event.text
            .split(/\r?\n|\r/)
            .filter((line) => line.trim() !== '')
            .map(safe),
        );
        this.output.set(key(event.host, event.step), lines.slice(-OUTPUT_LINES_ON_FAILURE));
        break;
      }
      case 'step-finished': {
        this.cells.set(key(event.host, event.step), event.status);
        const where = `${safe(event.host)} ${safe(event.step)}`;
        const status = message(LANG, `cli.stepStatus.${event.status}`);
        const line = `${where}: ${status} — ${safe(event.message)} (${formatDuration(event.durationMs)})`;
        if (event.status === 'failed') {
          const tail = this.output.get(key(event.host, event.step)) ?? [];
          this.note([`✗ ${line}`, ...tail.map((output) => `    │ ${output}`)].join('\n'));
        } else if (!this.live) {
          this.out.write(`${line}\n`);
        }
        for (const warning of event.warnings) this.note(`! ${where}: ${safe(warning)}`);
        break;
      }
      case 'run-finished':
        this.stop();
        this.out.write(
          `\n${event.status === 'succeeded' ? '✓' : '✗'} ${message(LANG, 'cli.summary', {
            status: message(LANG, `cli.runFinished.${event.status}`),
            duration: formatDuration(event.durationMs),
            ok: event.summary.ok,
            changed: event.summary.changed,
            failed: event.summary.failed,
            skipped: event.summary.skipped,
          })}\n`,
        );
        for (const failure of event.failures) {
          this.out.write(
            `  ${safe(failure.host)} · ${safe(failure.step)}: ${safe(failure.message)}\n`,
          );
        }
        break;
      default:
        break;
    }
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    if (this.live) this.draw();
  }

  private note(text: string): void {
    if (this.live) this.notes.push(text);
    else this.out.write(`${text}\n`);
  }

  private draw(): void {
    this.frame += 1;
    const nameWidth = Math.max(4, ...this.hosts.map((host) => safe(host).length));
    const header = `${' '.repeat(nameWidth)}  ${this.steps.map((_, index) => String(index + 1).padStart(2)).join(' ')}`;
    const rows = this.hosts.map((host) => {
      const cells = this.steps.map((step) => {
        if (!step.hosts.includes(host)) return '  ';
        const state = this.cells.get(key(host, step.id)) ?? 'pending';
        const symbol =
          state === 'running' ? (SPINNER[this.frame % SPINNER.length] ?? '…') : SYMBOL[state];
        return ` ${COLOR[state]}${symbol}${RESET}`;
      });
      return `${safe(host).padEnd(nameWidth)}  ${cells.join(' ')}`;
    });
    const legend = this.steps.map((step, index) => `${index + 1} ${safe(step.id)}`).join('  ');
    const elapsed = message(LANG, 'cli.elapsed', {
      duration: formatDuration(Date.now() - this.startedAt),
    });
    const notes = this.notes.splice(0);
    const clear = this.drawnLines > 0 ? `\x1b[${this.drawnLines}A\x1b[J` : '';
    const block = [header, ...rows, `\x1b[2m${legend}\x1b[0m`, elapsed];
    this.out.write(`${clear}${notes.map((text) => `${text}\n`).join('')}${block.join('\n')}\n`);
    this.drawnLines = block.reduce(
      (lines, line) => lines + 1 + Math.floor(visibleLength(line) / (this.out.columns || 120)),
      0,
    );
  }
}

function key(host: string, step: string): string {
  return `${host}\u0000${step}`;
}

function visibleLength(text: string): number {
  // eslint-disable-next-line no-control-regex -- strips the ANSI colour codes we wrote
  return text.replace(/\x1b\[[0-9;]*[A-Za-z]/g, '').length;
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return message(LANG, 'cli.durationMs', { ms: Math.round(ms) });
  if (ms < 60_000) {
    return message(LANG, 'cli.durationSeconds', { seconds: (ms / 1000).toFixed(1) });
  }
  return message(LANG, 'cli.durationMinutes', {
    minutes: Math.floor(ms / 60_000),
    seconds: Math.round((ms % 60_000) / 1000),
  });
}
