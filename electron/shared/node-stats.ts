/** A node's figures for the line under its terminal (engine/terminal/node-stats.ts). */
export interface NodeStats {
  load1: number;
  memoryUsedPercent: number;
  memoryTotalMiB: number;
  /** Of the filesystem holding /var/lib/docker (the root one before Docker is installed). */
  dockerDiskUsedPercent: number;
  rxBytesPerSecond: number;
  txBytesPerSecond: number;
}
