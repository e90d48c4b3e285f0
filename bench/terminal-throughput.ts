/**
 * Terminal throughput: how fast a remote command's text reaches the screen, side by side with
 * what the renderer alone can do and what OpenSSH alone does, in one run on one lab host.
 *
 *   npx tsx bench/terminal-throughput.ts [--mib 64] [--runs 1] [--no-build]
 *
 * - pipeline: `yes <line> | head -c N` typed into the app's terminal on the node: ssh2 shell
 *   (engine) → TerminalManager framing + flow control (main) → the e2e harness's IPC stand-in
 *   (the handler layer the app uses; a loopback WebSocket read by a worker stands in for
 *   Electron IPC, see tests/e2e/renderer-server.ts) → views.ts → xterm.js in Chromium. Timed
 *   from Enter to the end marker on screen. The session is recorded (the app's default: a
 *   transcript, redacted, written by main as the output passes).
 * - pipelineNotRecorded: the same in a second terminal opened with the Record switch off.
 * - rendererCeiling: the same number of bytes of the same line (with the pty's \r\n) written
 *   straight into the same xterm in the same page, in frames of the size main sends.
 * - rendererPathWithoutTransport: the same frames handed to the renderer's own event handler
 *   (views.ts receive) one task each, with flow control played in the page: everything the
 *   renderer does in the pipeline except receiving messages.
 * - plainSsh: `ssh host 'cmd' > /dev/null` with OpenSSH (no pty, no renderer).
 * - ssh2Alone: the engine's ssh2 connection running the command, bytes counted and dropped.
 *
 * While each of the first two streams, the page records the longest gap between animation
 * frames and long tasks. Figures go to stdout as one JSON document; progress to stderr.
 * Uses the lab of SWARMLAB_LAB_SLOT: the running one, or a 1-host lab it starts and stops.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import ssh2 from 'ssh2';
import type { Page } from 'playwright-core';
import { TERMINAL_FLOW } from '../electron/contract/terminal-flow';
import { labDown, labStatus, labUp, type LabHost } from '../electron/engine/lab';
import { closeConnection, openConnection } from '../electron/engine/ssh/connect';
import { HostSession } from '../electron/engine/ssh/host-session';
import { KnownHostsStore } from '../electron/engine/ssh/known-hosts-store';
import type { SshTarget } from '../electron/engine/ssh/types';
import { permitRealPtyUnderTest } from '../electron/main/terminals/spawn-pty';
import { openApp, sampleFlow, type AppUnderTest } from '../tests/e2e/harness';

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
};
const MIB = Number(flag('--mib') ?? 64);
const RUNS = Number(flag('--runs') ?? 1);
const BYTES = MIB * 1024 * 1024;
/** 78 characters: with the pty's \r\n, 80 bytes a line, like a full-width log line. */
const LINE = 'swarmlab terminal throughput bench: the quick brown fox jumps over the lazy dog';
const COMMAND = `yes '${LINE}' | head -c ${BYTES}`;
/** Targets from the issue. */
const TARGET_RATIO = 0.8;
const TARGET_LONGEST_FRAME_MS = 100;

const log = (line: string): void => void process.stderr.write(`[terminal-bench] ${line}\n`);
const mibPerSecond = (bytes: number, ms: number): number =>
  Number((bytes / 1024 / 1024 / (ms / 1000)).toFixed(1));

interface FrameFigures {
  longestFrameMs: number;
  longTasks: number;
  longestTaskMs: number;
}

const FRAME_METER_START = `(() => {
  const state = { longestFrameMs: 0, last: performance.now(), running: true, longTasks: 0, longestTaskMs: 0 };
  globalThis.__benchFrames = state;
  const tick = (now) => {
    state.longestFrameMs = Math.max(state.longestFrameMs, now - state.last);
    state.last = now;
    if (state.running) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  state.observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      state.longTasks += 1;
      state.longestTaskMs = Math.max(state.longestTaskMs, entry.duration);
    }
  });
  state.observer.observe({ type: 'longtask' });
})()`;
const FRAME_METER_STOP = `(() => {
  const s = globalThis.__benchFrames;
  s.running = false;
  s.observer.disconnect();
  return { longestFrameMs: Math.round(s.longestFrameMs * 10) / 10, longTasks: s.longTasks,
    longestTaskMs: Math.round(s.longestTaskMs * 10) / 10 };
})()`;

interface ProbeWindow {
  __swarmlabTerminalProbe: {
    ids(): string[];
    tail(id: string, count: number): string;
    measureWriteCeiling(id: string, line: string, totalBytes: number): Promise<number>;
    measureDeliveryPath(id: string, line: string, totalBytes: number): Promise<number>;
    whenLineShown(id: string, line: string, timeoutMs: number): Promise<number>;
  };
}

async function main(): Promise<void> {
  if (!args.includes('--no-build')) {
    log('building the renderer');
    execFileSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  const status = await labStatus();
  const startedLab = !status.up;
  const host: LabHost | undefined = startedLab
    ? (await labUp({ hosts: 1, log: (line) => log(`lab: ${line}`) })).hosts[0]
    : status.hosts[0];
  if (!host) throw new Error('the lab has no host');
  const home = await mkdtemp(join(tmpdir(), 'swarmlab-terminal-bench-'));
  const knownHosts = join(home, 'known_hosts');
  const target: SshTarget = {
    id: 'bench',
    host: host.address,
    port: host.port,
    username: 'root',
    auth: [{ type: 'password', password: host.rootPassword }],
  };
  const connectOptions = {
    knownHosts: new KnownHostsStore(knownHosts),
    hostKeyPolicy: 'tofu' as const,
  };
  // A throwaway key for OpenSSH (BatchMode: no password prompt), removed at the end.
  const pair = ssh2.utils.generateKeyPairSync('ed25519', { comment: 'swarmlab-terminal-bench' });
  const keyPath = join(home, 'bench_key');
  await writeFile(keyPath, pair.private, { mode: 0o600 });
  const setup = new HostSession(target, connectOptions);
  await setup.exec('mkdir -p ~/.ssh && chmod 700 ~/.ssh && cat >> ~/.ssh/authorized_keys', {
    stdin: `${pair.public.trim()}\n`,
  });

  const runs: Record<string, unknown>[] = [];
  try {
    for (let run = 1; run <= RUNS; run += 1) {
      log(`run ${run}/${RUNS}: ${MIB} MiB`);
      const plainSsh = await timePlainSsh(host, keyPath, knownHosts);
      log(`plain ssh: ${plainSsh.mibPerSecond} MiB/s`);
      const ssh2Alone = await timeSsh2(target, connectOptions);
      log(`ssh2 alone: ${ssh2Alone.mibPerSecond} MiB/s`);
      const { pipeline, pipelineNotRecorded, rendererCeiling, rendererPathWithoutTransport } =
        await timeInBrowser(host, home);
      log(
        `pipeline: ${pipeline.mibPerSecond} MiB/s (not recorded: ${pipelineNotRecorded.mibPerSecond}); renderer ceiling: ${rendererCeiling.mibPerSecond} MiB/s; renderer path without transport: ${rendererPathWithoutTransport.mibPerSecond} MiB/s`,
      );
      runs.push({
        run,
        load1: loadavg()[0],
        pipeline,
        pipelineNotRecorded,
        rendererCeiling,
        rendererPathWithoutTransport,
        plainSsh,
        ssh2Alone,
      });
    }
  } finally {
    await setup
      .exec(
        `grep -v 'swarmlab-terminal-bench' ~/.ssh/authorized_keys > ~/.ssh/ak.tmp; mv ~/.ssh/ak.tmp ~/.ssh/authorized_keys`,
      )
      .catch(() => undefined);
    await setup.close();
    if (startedLab) await labDown({ log: (line) => log(`lab: ${line}`) });
    await rm(home, { recursive: true, force: true });
  }

  const ratios = runs.map((run) => {
    const pipeline = run.pipeline as { mibPerSecond: number; longestFrameMs: number };
    const ceiling = run.rendererCeiling as { mibPerSecond: number };
    return {
      pipelineVsCeiling: Number((pipeline.mibPerSecond / ceiling.mibPerSecond).toFixed(2)),
      longestFrameMs: pipeline.longestFrameMs,
    };
  });
  const worstRatio = Math.min(...ratios.map((entry) => entry.pipelineVsCeiling));
  const worstFrame = Math.max(...ratios.map((entry) => entry.longestFrameMs));
  process.stdout.write(
    `${JSON.stringify(
      {
        bench: 'terminal-throughput',
        date: new Date().toISOString(),
        mib: MIB,
        command: COMMAND,
        host: `${host.address}:${host.port}`,
        loadAverageAtStart: loadavg(),
        flowControl: TERMINAL_FLOW,
        runs,
        targets: {
          pipelineVsCeiling: {
            target: TARGET_RATIO,
            worst: worstRatio,
            met: worstRatio >= TARGET_RATIO,
          },
          longestFrameMs: {
            target: TARGET_LONGEST_FRAME_MS,
            worst: worstFrame,
            met: worstFrame <= TARGET_LONGEST_FRAME_MS,
          },
        },
      },
      null,
      2,
    )}\n`,
  );
}

/** OpenSSH, no pty, output to /dev/null. */
function timePlainSsh(host: LabHost, keyPath: string, knownHosts: string) {
  return new Promise<{ seconds: number; mibPerSecond: number }>((resolve, reject) => {
    const started = performance.now();
    const child = spawn(
      'ssh',
      [
        '-i',
        keyPath,
        '-o',
        `UserKnownHostsFile=${knownHosts}`,
        '-o',
        'StrictHostKeyChecking=yes',
        '-o',
        'BatchMode=yes',
        '-p',
        String(host.port),
        `root@${host.address}`,
        COMMAND,
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) reject(new Error(`ssh exited ${code}: ${stderr}`));
      else
        resolve({ seconds: Number((ms / 1000).toFixed(2)), mibPerSecond: mibPerSecond(BYTES, ms) });
    });
  });
}

/** The engine's ssh2 connection (already connected), exec, bytes counted and dropped. */
async function timeSsh2(target: SshTarget, options: { knownHosts: KnownHostsStore }) {
  const connection = await openConnection(target, target.id, options);
  try {
    const started = performance.now();
    const received = await new Promise<number>((resolve, reject) => {
      connection.client.exec(COMMAND, (error, stream) => {
        if (error) return reject(error);
        let bytes = 0;
        stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
        stream.stderr.resume();
        stream.on('close', () => resolve(bytes));
      });
    });
    const ms = performance.now() - started;
    if (received !== BYTES) throw new Error(`ssh2 got ${received} bytes, expected ${BYTES}`);
    return { seconds: Number((ms / 1000).toFixed(2)), mibPerSecond: mibPerSecond(BYTES, ms) };
  } finally {
    closeConnection(connection);
  }
}

/** What the renderer got: the pty turned each \n into \r\n. */
const DELIVERED_BYTES = BYTES + BYTES / (LINE.length + 1);

/** Opens the one host's terminal in the wizard and waits for its prompt; returns its id. */
async function openBenchTerminal(page: Page): Promise<string> {
  await page.getByText('Inventory YAML', { exact: true }).click();
  await page.getByRole('button', { name: 'Open file…' }).click();
  await page.click('[data-testid="open-terminal-0"]');
  const id = await waitFor(
    page,
    async () =>
      (
        await page.evaluate(() =>
          (globalThis as unknown as ProbeWindow).__swarmlabTerminalProbe.ids(),
        )
      )[0],
  );
  await waitFor(page, async () => /[#$] ?$/m.test(await tail(page, id, 3)) || undefined, 30_000);
  await page.click(`[data-testid="terminal-pane-${id}"] .xterm-screen`);
  return id;
}

/** A second terminal on the same node, after the first; returns its id. */
async function openAnotherTerminal(page: Page, first: string): Promise<string> {
  await page.click('[data-testid="open-terminal-0"]');
  const id = await waitFor(page, async () =>
    (
      await page.evaluate(() =>
        (globalThis as unknown as ProbeWindow).__swarmlabTerminalProbe.ids(),
      )
    ).find((candidate) => candidate !== first),
  );
  await waitFor(page, async () => /[#$] ?$/m.test(await tail(page, id, 3)) || undefined, 30_000);
  await page.click(`[data-testid="terminal-pane-${id}"] .xterm-screen`);
  return id;
}

/** The real pipeline: the command's output from the host through ssh2, main and IPC to xterm. */
async function measurePipeline(app: AppUnderTest, id: string) {
  const { page } = app;
  const flowSampler = sampleFlow(app, id, 10);
  await page.keyboard.type(`${COMMAND}; echo; echo BENCH""END`);
  // How the IPC stand-in delivered: every event into the page, its size, the gaps between.
  await page.evaluate(`(() => {
    const original = globalThis.__swarmlabDeliver;
    const stats = globalThis.__deliverStats = { events: 0, bytes: 0, ms: 0, last: 0, gaps: [] };
    globalThis.__swarmlabDeliver = (event) => {
      const t = performance.now();
      if (stats.last) stats.gaps.push(Math.round(t - stats.last));
      stats.events += 1;
      if (event[1].data) stats.bytes += event[1].data.byteLength;
      original(event);
      stats.ms += performance.now() - t; stats.last = performance.now();
    };
  })()`);
  await page.evaluate(FRAME_METER_START);
  const eluBefore = performance.eventLoopUtilization();
  // The end is seen by the page itself (no polling from here, which would load the renderer);
  // both ends are wall-clock times of this machine.
  const endShown = page.evaluate(
    ({ tid }) =>
      (globalThis as unknown as ProbeWindow).__swarmlabTerminalProbe.whenLineShown(
        tid,
        'BENCHEND',
        900_000,
      ),
    { tid: id },
  );
  const started = Date.now();
  await page.keyboard.press('Enter');
  const progress = setInterval(() => {
    const flow = app.handlers.terminals.flowOf(id);
    log(`  streaming: unacknowledged ${flow?.unacknowledged} B, paused ${flow?.paused}`);
  }, 5000);
  let ended: number;
  try {
    ended = await endShown;
  } finally {
    clearInterval(progress);
  }
  const pipelineMs = ended - started;
  // How busy this process (ssh2 + main's terminal layer + the IPC stand-in) was meanwhile.
  const mainBusy = performance.eventLoopUtilization(eluBefore).utilization;
  const { peakUnacked, pauses } = flowSampler.stop();
  const pipelineFrames = await page.evaluate<FrameFigures>(FRAME_METER_STOP);
  const ipc = await page.evaluate<{
    events: number;
    bytes: number;
    largestGapsMs: number[];
    msInDeliver: number;
  }>(
    `(() => { const s = globalThis.__deliverStats; return { events: s.events, bytes: s.bytes,
      largestGapsMs: s.gaps.sort((a, b) => b - a).slice(0, 5), msInDeliver: Math.round(s.ms) }; })()`,
  );
  return {
    seconds: Number((pipelineMs / 1000).toFixed(2)),
    bytesOnScreen: Math.round(DELIVERED_BYTES),
    mibPerSecond: mibPerSecond(DELIVERED_BYTES, pipelineMs),
    ...pipelineFrames,
    peakUnackedBytes: peakUnacked,
    pauses,
    mainEventLoopUtilization: Number(mainBusy.toFixed(2)),
    ipc,
  };
}

/** One of the probe's in-page measurements of the same bytes, with its frame figures. */
async function measureInPage(
  page: Page,
  id: string,
  measure: 'measureWriteCeiling' | 'measureDeliveryPath',
) {
  await page.evaluate(FRAME_METER_START);
  const ms = await page.evaluate(
    ({ tid, line, total, name }) =>
      (globalThis as unknown as ProbeWindow).__swarmlabTerminalProbe[name](tid, line, total),
    { tid: id, line: `${LINE}\r\n`, total: Math.round(DELIVERED_BYTES), name: measure },
  );
  const frames = await page.evaluate<FrameFigures>(FRAME_METER_STOP);
  return {
    seconds: Number((ms / 1000).toFixed(2)),
    mibPerSecond: mibPerSecond(DELIVERED_BYTES, ms),
    ...frames,
  };
}

/** The app's terminal in Chromium: the real pipeline, then the renderer's ceiling. */
async function timeInBrowser(host: LabHost, home: string) {
  permitRealPtyUnderTest();
  const inventory = JSON.stringify({
    hosts: [
      {
        address: host.address,
        port: host.port,
        role: 'manager',
        user: 'root',
        password: host.rootPassword,
      },
    ],
  });
  const app = await openApp({
    locale: 'en',
    home,
    dialogs: {
      saveDir: join(home, 'saved'),
      inventoryFile: { path: 'bench.yaml', text: inventory },
    },
  });
  try {
    const id = await openBenchTerminal(app.page);
    const pipeline = await measurePipeline(app, id);
    // The same again in a terminal that keeps no transcript.
    await app.page.click('[data-testid="terminal-record"]');
    const unrecorded = await openAnotherTerminal(app.page, id);
    const pipelineNotRecorded = await measurePipeline(app, unrecorded);
    return {
      pipeline,
      pipelineNotRecorded,
      // The renderer's ceiling: the same bytes straight into the same xterm.
      rendererCeiling: await measureInPage(app.page, id, 'measureWriteCeiling'),
      // The renderer's side of the pipeline with no transport: the same frames through the same
      // receive() that IPC events reach, one task each, flow control played in the page.
      rendererPathWithoutTransport: await measureInPage(app.page, id, 'measureDeliveryPath'),
    };
  } finally {
    await app.close();
  }
}

function tail(page: Page, id: string, count: number): Promise<string> {
  return page.evaluate(
    ({ tid, n }) => (globalThis as unknown as ProbeWindow).__swarmlabTerminalProbe.tail(tid, n),
    { tid: id, n: count },
  );
}

async function waitFor<T>(
  page: Page,
  check: () => Promise<T | undefined>,
  timeoutMs = 20_000,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting in the page');
    await page.waitForTimeout(intervalMs);
  }
}

await main();
