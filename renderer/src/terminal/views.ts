/**
 * The xterm.js side of every terminal, kept out of Vue's reactivity on purpose: a Terminal is
 * a large mutable object that must never be proxied or deep-watched (DESIGN.md). Stores and
 * components hold ids; this module maps an id to its view. Each view owns one host element
 * that panes move between tabs and grid cells (like VS Code's terminal wrapper), so the xterm
 * instance is opened once and never re-created on a layout change.
 */
import { markRaw } from 'vue';
import { Terminal } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { WebLinksAddon } from '@xterm/addon-web-links';
import '@xterm/xterm/css/xterm.css';
import type {
  NodeStats,
  TerminalEvent,
  TerminalSize,
  TerminalState,
} from '../../../electron/contract/terminal';
import { TERMINAL_FLOW } from '../../../electron/contract/terminal-flow';
import { api } from '../api';
import { AckBatcher } from './ack';
import { terminalTheme } from './theme';

interface TerminalView {
  readonly id: string;
  readonly term: Terminal;
  readonly element: HTMLDivElement;
  readonly fit: FitAddon;
  readonly search: SearchAddon;
  /** Replaced only while the bench measures the delivery path (measureDeliveryPath). */
  ack: AckBatcher;
  opened: boolean;
}

/** What the views tell their owner (the terminals store). */
export interface ViewEvents {
  onInput(id: string, data: string): void;
  onState(id: string, state: TerminalState, detail: string | undefined): void;
  onExit(id: string, code: number | null, signal: string | undefined): void;
  onStats(id: string, stats: NodeStats): void;
}

/** The most xterm.js parses in one go (a few milliseconds of work on a slow machine). */
const WRITE_SLICE_BYTES = 32 * 1024;

const views = new Map<string, TerminalView>();
/** Events for ids whose `open` has not answered yet (main starts before it answers). */
const early = new Map<string, TerminalEvent[]>();
let owner: ViewEvents | undefined;
let dark = false;
let unsubscribe: (() => void) | undefined;

/** Starts routing main's terminal events (once per app). */
export function listenToTerminals(events: ViewEvents): void {
  owner = events;
  unsubscribe ??= api().terminal.onEvent(receive);
}

export function stopListeningToTerminals(): void {
  unsubscribe?.();
  unsubscribe = undefined;
}

function receive(event: TerminalEvent): void {
  const view = views.get(event.id);
  if (!view) {
    const queue = early.get(event.id) ?? [];
    queue.push(event);
    early.set(event.id, queue);
    return;
  }
  switch (event.type) {
    case 'data': {
      // Handed over in slices: xterm.js yields to the page between writes once a batch has
      // taken its time budget, but never inside one, so a large frame would be one long task.
      // Each slice is acknowledged once parsed, not on arrival: that keeps a flood in check.
      const bytes = event.data;
      for (let start = 0; start < bytes.byteLength; start += WRITE_SLICE_BYTES) {
        const slice = bytes.subarray(start, start + WRITE_SLICE_BYTES);
        view.term.write(slice, () => view.ack.parsed(slice.byteLength));
      }
      return;
    }
    case 'state':
      if (event.state === 'connecting') view.ack.reset();
      owner?.onState(event.id, event.state, event.detail);
      return;
    case 'exit':
      owner?.onExit(event.id, event.code, event.signal);
      return;
    case 'stats':
      owner?.onStats(event.id, event.stats);
  }
}

export function createView(id: string): void {
  if (views.has(id)) return;
  const term = new Terminal({
    allowProposedApi: true,
    cursorBlink: true,
    fontFamily: '"DejaVu Sans Mono", "Noto Sans Mono CJK SC", Menlo, Consolas, monospace',
    fontSize: 13,
    scrollback: 5000,
    theme: terminalTheme(dark),
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  // A clicked address goes to the system browser through main, which accepts http(s) only;
  // the addon's default (window.open) is refused by the window's no-new-windows rule.
  term.loadAddon(
    new WebLinksAddon((_event, uri) => {
      void api()
        .openExternal({ url: uri })
        .catch(() => undefined);
    }),
  );
  // Ctrl+Shift+C / Ctrl+Shift+V are copy and paste, as in desktop terminals: xterm must not
  // turn them into control characters, so the browser's copy/paste events reach xterm's own
  // handlers (selection → clipboard, clipboard → input). Plain Ctrl+C stays SIGINT.
  term.attachCustomKeyEventHandler(
    (event) =>
      !(event.ctrlKey && event.shiftKey && (event.code === 'KeyC' || event.code === 'KeyV')),
  );
  const element = document.createElement('div');
  element.className = 'terminal-host';
  element.dataset.terminalId = id;
  const view: TerminalView = markRaw({
    id,
    term,
    element,
    fit,
    search,
    ack: new AckBatcher(TERMINAL_FLOW.ACK_SIZE_BYTES, (bytes) => {
      void api()
        .terminal.send({ type: 'ack', id, bytes })
        .catch(() => undefined);
    }),
    opened: false,
  });
  term.onData((data) => owner?.onInput(id, data));
  term.onBinary((data) => owner?.onInput(id, data));
  views.set(id, view);
  for (const event of early.get(id) ?? []) receive(event);
  early.delete(id);
}

export function disposeView(id: string): void {
  const view = views.get(id);
  views.delete(id);
  early.delete(id);
  view?.element.remove();
  view?.term.dispose();
}

/** Moves the terminal's element into a pane's container (opening xterm the first time). */
export function attachView(id: string, container: HTMLElement): void {
  const view = views.get(id);
  if (!view) return;
  if (view.element.parentElement !== container) container.appendChild(view.element);
  if (!view.opened) {
    view.term.open(view.element);
    view.opened = true;
  }
}

/**
 * Fits the terminal to its element, guarded as tabby's xtermFrontend does: a hidden or
 * zero-sized element (inactive tab, collapsed panel) proposes nonsense, so it is skipped.
 * Returns the new size when it changed.
 */
export function fitView(id: string): TerminalSize | undefined {
  const view = views.get(id);
  if (!view?.opened || !view.element.isConnected) return undefined;
  if (view.element.clientWidth < 20 || view.element.clientHeight < 10) return undefined;
  const proposed = view.fit.proposeDimensions();
  if (!proposed || !Number.isFinite(proposed.cols) || !Number.isFinite(proposed.rows)) return;
  const cols = Math.max(2, proposed.cols);
  const rows = Math.max(1, proposed.rows);
  if (cols === view.term.cols && rows === view.term.rows) return undefined;
  view.term.resize(cols, rows);
  return { cols, rows };
}

export function sizeOf(id: string): TerminalSize | undefined {
  const view = views.get(id);
  return view ? { cols: view.term.cols, rows: view.term.rows } : undefined;
}

export function focusView(id: string): void {
  views.get(id)?.term.focus();
}

/** A line from the app (not the remote side) in the terminal, e.g. "connection lost". */
export function noticeInView(id: string, text: string): void {
  views.get(id)?.term.write(`\r\n\x1b[7m ${text} \x1b[0m\r\n`);
}

export function searchInView(id: string, text: string, backwards = false): boolean {
  const view = views.get(id);
  if (!view || !text) return false;
  return backwards ? view.search.findPrevious(text) : view.search.findNext(text);
}

export function setViewsDark(value: boolean): void {
  dark = value;
  for (const view of views.values()) view.term.options.theme = terminalTheme(dark);
}

/** Everything on a terminal's screen and scrollback, as text (tests read this). */
export function textOfView(id: string): string {
  const view = views.get(id);
  if (!view) return '';
  const buffer = view.term.buffer.active;
  const lines: string[] = [];
  for (let index = 0; index < buffer.length; index += 1) {
    lines.push(buffer.getLine(index)?.translateToString(true) ?? '');
  }
  return lines.join('\n').replace(/\n+$/, '');
}

/** The last lines of a terminal, up to the cursor: cheap enough to poll while output streams. */
export function tailOfView(id: string, count: number): string {
  const view = views.get(id);
  if (!view) return '';
  const buffer = view.term.buffer.active;
  // Up to the cursor's line: below it a screen that is not full yet has only blank rows.
  const end = buffer.baseY + buffer.cursorY + 1;
  const lines: string[] = [];
  for (let index = Math.max(0, end - count); index < end; index += 1) {
    lines.push(buffer.getLine(index)?.translateToString(true) ?? '');
  }
  return lines.join('\n');
}

/** A frame of the size main sends, filled with `line` over and over (for the bench probes). */
function repeatedLine(line: string): Uint8Array {
  const pattern = new TextEncoder().encode(line);
  const frame = new Uint8Array(TERMINAL_FLOW.MAX_FRAME_BYTES);
  for (let index = 0; index < frame.length; index += 1) {
    frame[index] = pattern[index % pattern.length] ?? 0x20;
  }
  return frame;
}

/**
 * The renderer's own ceiling, for bench/terminal-throughput.ts: `totalBytes` of `line`
 * repeated, written straight into a terminal's xterm (no ssh, no IPC) in frames of the size
 * main sends, timed until xterm has parsed the last one. It only paints the local screen.
 */
function measureWriteCeiling(id: string, line: string, totalBytes: number): Promise<number> {
  const view = views.get(id);
  if (!view) return Promise.reject(new Error(`no terminal ${id}`));
  const frame = repeatedLine(line);
  // Written as fast as xterm parses, with at most the high watermark queued: xterm discards
  // writes beyond 50 MB pending, and the pipeline never queues more than this either.
  return new Promise((resolve) => {
    const started = performance.now();
    let left = totalBytes;
    let queued = 0;
    const pump = (): void => {
      while (left > 0 && queued < TERMINAL_FLOW.HIGH_WATERMARK_BYTES) {
        const size = Math.min(left, frame.length);
        left -= size;
        queued += size;
        view.term.write(frame.subarray(0, size), () => {
          queued -= size;
          if (left === 0 && queued === 0) resolve(performance.now() - started);
          else pump();
        });
      }
    };
    pump();
  });
}

/**
 * The renderer's side of the pipeline without any transport, for bench/terminal-throughput.ts:
 * `totalBytes` of `line` repeated, in frames of the size main sends, each handed to the same
 * receive() that IPC events reach, in a task of its own, with main's flow control played
 * locally (acks counted here instead of sent). Timed until the last byte is parsed.
 */
async function measureDeliveryPath(id: string, line: string, totalBytes: number): Promise<number> {
  const view = views.get(id);
  if (!view) throw new Error(`no terminal ${id}`);
  const frames = Array.from({ length: 8 }, () => repeatedLine(line));
  let unacknowledged = 0;
  let resume: (() => void) | undefined;
  const sending = view.ack;
  view.ack = new AckBatcher(TERMINAL_FLOW.ACK_SIZE_BYTES, (bytes) => {
    unacknowledged -= bytes;
    if (unacknowledged < TERMINAL_FLOW.LOW_WATERMARK_BYTES) resume?.();
  });
  const nextTask = new MessageChannel();
  const started = performance.now();
  try {
    for (let sent = 0, index = 0; sent < totalBytes; index += 1) {
      if (unacknowledged > TERMINAL_FLOW.HIGH_WATERMARK_BYTES) {
        await new Promise<void>((wake) => (resume = wake));
        resume = undefined;
      }
      const frame = frames[index % frames.length] ?? new Uint8Array();
      const data = frame.subarray(0, Math.min(frame.length, totalBytes - sent));
      sent += data.length;
      unacknowledged += data.length;
      await new Promise<void>((ran) => {
        nextTask.port2.onmessage = () => ran();
        nextTask.port1.postMessage(null);
      });
      receive({ type: 'data', id, data });
    }
    // xterm parses writes in order: this callback runs once every frame before it is parsed.
    await new Promise<void>((parsed) => view.term.write('', () => parsed()));
    return performance.now() - started;
  } finally {
    view.ack = sending;
    nextTask.port1.close();
  }
}

/**
 * Resolves with the wall-clock time (Date.now()) at which a line equal to `line` is first on
 * screen, checked each time xterm.js has parsed a write: the bench times a stream by it
 * without polling the page from outside, which would itself load the renderer.
 */
function whenLineShown(id: string, line: string, timeoutMs: number): Promise<number> {
  const view = views.get(id);
  if (!view) return Promise.reject(new Error(`no terminal ${id}`));
  return new Promise((resolve, reject) => {
    const shown = (): boolean => tailOfView(id, 4).split('\n').includes(line);
    if (shown()) return resolve(Date.now());
    const timer = setTimeout(() => {
      listener.dispose();
      reject(new Error(`"${line}" not shown within ${timeoutMs} ms`));
    }, timeoutMs);
    const listener = view.term.onWriteParsed(() => {
      if (!shown()) return;
      clearTimeout(timer);
      listener.dispose();
      resolve(Date.now());
    });
  });
}

/**
 * A probe for end-to-end tests and the bench: they read what a person would see on screen
 * without scraping the DOM renderer. It exposes text and sizes, and the bench's local write
 * measurement; nothing on it sends input to a shell.
 */
(globalThis as { __swarmlabTerminalProbe?: unknown }).__swarmlabTerminalProbe = Object.freeze({
  ids: (): string[] => [...views.keys()],
  text: textOfView,
  tail: tailOfView,
  size: sizeOf,
  measureWriteCeiling,
  measureDeliveryPath,
  whenLineShown,
});
