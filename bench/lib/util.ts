/**
 * Small helpers of the benchmark: run a command and time it, describe the machine, summarise
 * repeated measurements. Nothing here knows about swarmlab's engine.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus, loadavg, totalmem } from 'node:os';

export interface Timed {
  exitCode: number | null;
  wallMs: number;
  stdout: string;
  stderr: string;
  /** Peak resident memory of the process, from /usr/bin/time -v when asked for. */
  maxRssKb?: number;
}

export interface RunOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  input?: string;
  /** Measure peak RSS with GNU time (only the first process of the command, not its children). */
  measureRss?: boolean;
  /** Echo stderr lines as they come (long runs), prefixed. */
  echo?: string;
}

/** Runs argv, returns its output and how long it took from spawn to exit. */
export function timedRun(argv: readonly string[], options: RunOptions = {}): Promise<Timed> {
  const [command, ...args] = options.measureRss ? ['/usr/bin/time', '-v', ...argv] : argv;
  if (!command) throw new Error('timedRun needs a command');
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr.push(chunk);
      if (options.echo) process.stderr.write(prefixLines(options.echo, chunk.toString()));
    });
    child.on('error', reject);
    child.on('close', (exitCode) => {
      const wallMs = performance.now() - started;
      const err = Buffer.concat(stderr).toString();
      const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(err);
      resolve({
        exitCode,
        wallMs,
        stdout: Buffer.concat(stdout).toString(),
        stderr: err,
        ...(rss?.[1] ? { maxRssKb: Number(rss[1]) } : {}),
      });
    });
    // A command that exits without reading its stdin must not crash the bench with EPIPE.
    child.stdin.on('error', () => undefined);
    if (options.input === undefined) child.stdin.end();
    else child.stdin.end(options.input);
  });
}

function prefixLines(prefix: string, text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => `${prefix} ${line}\n`)
    .join('');
}

/** Like timedRun, but a failing exit code is an error that shows the command's stderr. */
export async function mustRun(argv: readonly string[], options: RunOptions = {}): Promise<Timed> {
  const result = await timedRun(argv, options);
  if (result.exitCode !== 0) {
    throw new Error(
      `${argv.join(' ')} exited with ${result.exitCode}:\n${result.stderr.slice(-4000)}${result.stdout.slice(-2000)}`,
    );
  }
  return result;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] ?? Number.NaN)
    : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Series {
  /** Every measurement, in the order taken. */
  runs: number[];
  median: number;
  min: number;
  max: number;
}

export function series(values: readonly number[]): Series {
  return {
    runs: [...values],
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
  };
}

/** The 1-minute load average now: the noise indicator recorded next to every measurement. */
export function load1(): number {
  return Number((loadavg()[0] ?? 0).toFixed(2));
}

export interface MachineInfo {
  date: string;
  nproc: number;
  cpuModel: string;
  memoryGiB: number;
  kernel: string;
  loadAverage: number[];
}

export async function machineInfo(): Promise<MachineInfo> {
  const kernel = (await mustRun(['uname', '-srvm'])).stdout.trim();
  return {
    date: new Date().toISOString(),
    nproc: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Number((totalmem() / 1024 ** 3).toFixed(1)),
    kernel,
    loadAverage: loadavg().map((value) => Number(value.toFixed(2))),
  };
}

/** Peak and current resident memory of a process, from /proc/<pid>/status (kB). */
export async function processMemory(
  pid: number | 'self',
): Promise<{ hwmKb: number; rssKb: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { hwmKb: field('VmHWM'), rssKb: field('VmRSS') };
}

export const seconds = (ms: number): string => (ms / 1000).toFixed(1);
