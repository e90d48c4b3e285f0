/**
 * A node's load, memory, Docker disk and network rate for the line under its terminal, read
 * over the terminal's own connection through one SFTP channel: /proc files and a statvfs are
 * plain reads by the one sftp-server process, so a sample starts no process on the host.
 */
import type { SFTPWrapper } from 'ssh2';
import type { NodeStats } from '../../shared/node-stats';

/** What a sample reads, as an interface so tests can feed it text. */
export interface NodeFiles {
  read(path: string): Promise<string>;
  /** Used and total bytes of the filesystem holding `path`. */
  diskUse(path: string): Promise<{ used: number; total: number }>;
}

/** Where Docker keeps images and containers: the disk that fills up in a lab. */
export const DOCKER_DIR = '/var/lib/docker';

export function parseLoad(loadavg: string): number {
  return Number.parseFloat(loadavg.trim().split(/\s+/)[0] ?? '') || 0;
}

/** Memory in use (total minus available), as /proc/meminfo counts it, in kB. */
export function parseMemory(meminfo: string): { usedKb: number; totalKb: number } {
  const field = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+)`, 'm').exec(meminfo)?.[1] ?? 0);
  const totalKb = field('MemTotal');
  return { totalKb, usedKb: Math.max(0, totalKb - field('MemAvailable')) };
}

/** Bytes received and sent by every interface but loopback, since boot. */
export function parseNetworkBytes(netDev: string): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const line of netDev.split('\n').slice(2)) {
    const [name, counters] = line.split(':');
    if (!counters || name?.trim() === 'lo') continue;
    const fields = counters.trim().split(/\s+/).map(Number);
    rx += fields[0] ?? 0;
    tx += fields[8] ?? 0;
  }
  return { rx, tx };
}

/** Counters read at one moment, to turn the next reading into rates. */
interface Reading {
  at: number;
  rx: number;
  tx: number;
}

/** Samples a node; each call after the first also has the network rate since the one before. */
export class NodeStatsReader {
  private last: Reading | undefined;

  constructor(
    private readonly files: NodeFiles,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async sample(): Promise<NodeStats> {
    const [loadavg, meminfo, netDev, disk] = await Promise.all([
      this.files.read('/proc/loadavg'),
      this.files.read('/proc/meminfo'),
      this.files.read('/proc/net/dev'),
      // Before Docker is installed its folder is not there: the root filesystem stands in.
      this.files.diskUse(DOCKER_DIR).catch(() => this.files.diskUse('/')),
    ]);
    const memory = parseMemory(meminfo);
    const network = parseNetworkBytes(netDev);
    const reading = { at: this.now(), ...network };
    const previous = this.last;
    this.last = reading;
    const seconds = previous ? (reading.at - previous.at) / 1000 : 0;
    const rate = (now: number, before: number) =>
      seconds > 0 ? Math.max(0, Math.round((now - before) / seconds)) : 0;
    return {
      load1: parseLoad(loadavg),
      memoryUsedPercent: percent(memory.usedKb, memory.totalKb),
      memoryTotalMiB: Math.round(memory.totalKb / 1024),
      dockerDiskUsedPercent: percent(disk.used, disk.total),
      rxBytesPerSecond: previous ? rate(reading.rx, previous.rx) : 0,
      txBytesPerSecond: previous ? rate(reading.tx, previous.tx) : 0,
    };
  }
}

function percent(part: number, whole: number): number {
  return whole > 0 ? Math.round((part / whole) * 100) : 0;
}

/** The fields of OpenSSH's statvfs reply this reads (ssh2 gives numbers or bigints). */
interface Statvfs {
  bsize: number | bigint;
  frsize: number | bigint;
  blocks: number | bigint;
  bfree: number | bigint;
}

/** The reads over an SFTP channel: files by `readFile`, disk use by OpenSSH's statvfs. */
export function sftpNodeFiles(sftp: SFTPWrapper): NodeFiles {
  return {
    read: (path) =>
      new Promise((resolve, reject) =>
        sftp.readFile(path, 'utf8', (error, data) =>
          error ? reject(error) : resolve(String(data)),
        ),
      ),
    diskUse: (path) =>
      new Promise((resolve, reject) =>
        sftp.ext_openssh_statvfs(path, (error: Error | undefined, fs: Statvfs) => {
          if (error) return reject(error);
          const blockSize = Number(fs.frsize || fs.bsize);
          const total = Number(fs.blocks) * blockSize;
          resolve({ total, used: total - Number(fs.bfree) * blockSize });
        }),
      ),
  };
}
