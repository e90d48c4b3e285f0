/** The line under a node's terminal: figures read from /proc and statvfs, rates from deltas. */
import { describe, expect, it } from 'vitest';
import {
  NodeStatsReader,
  parseLoad,
  parseMemory,
  parseNetworkBytes,
  type NodeFiles,
} from '../../../electron/engine/terminal/node-stats';

const MEMINFO = `MemTotal:        2048000 kB
MemFree:          100000 kB
MemAvailable:    1536000 kB
Buffers:           20000 kB
`;

const netDev = (
  rx: number,
  tx: number,
  loRx = 999_999,
) => `Inter-|   Receive                                                |  Transmit
 face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed
    lo: ${loRx}    10    0    0    0     0          0         0 ${loRx}    10    0    0    0     0       0          0
  eth0: ${rx}  200    0    0    0     0          0         0 ${tx}  150    0    0    0     0       0          0
docker0: 1000  5    0    0    0     0          0         0 2000  5    0    0    0     0       0          0
`;

describe('node figures', () => {
  it('reads the load, memory in use (total less available) and traffic of every interface but lo', () => {
    expect(parseLoad('0.42 0.30 0.25 1/123 4567\n')).toBe(0.42);
    expect(parseMemory(MEMINFO)).toEqual({ totalKb: 2_048_000, usedKb: 512_000 });
    expect(parseNetworkBytes(netDev(5000, 7000))).toEqual({ rx: 6000, tx: 9000 });
  });

  it('turns counters into rates from the second sample on, and uses / before Docker has its folder', async () => {
    let counters = { rx: 10_000, tx: 20_000 };
    let now = 0;
    const asked: string[] = [];
    const files: NodeFiles = {
      read: async (path) =>
        ({
          '/proc/loadavg': '1.50 1.00 0.50 2/200 999\n',
          '/proc/meminfo': MEMINFO,
          '/proc/net/dev': netDev(counters.rx, counters.tx),
        })[path] ?? '',
      diskUse: async (path) => {
        asked.push(path);
        if (path === '/var/lib/docker') throw new Error('No such file');
        return { used: 30, total: 120 };
      },
    };
    const reader = new NodeStatsReader(files, () => now);
    expect(await reader.sample()).toEqual({
      load1: 1.5,
      memoryUsedPercent: 25,
      memoryTotalMiB: 2000,
      dockerDiskUsedPercent: 25,
      rxBytesPerSecond: 0,
      txBytesPerSecond: 0,
    });
    counters = { rx: 10_000 + 3 * 4096, tx: 20_000 + 3 * 1024 };
    now = 3_000;
    expect(await reader.sample()).toMatchObject({ rxBytesPerSecond: 4096, txBytesPerSecond: 1024 });
    expect(asked).toEqual(['/var/lib/docker', '/', '/var/lib/docker', '/']);
  });
});
