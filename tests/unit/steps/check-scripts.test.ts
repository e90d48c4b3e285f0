/**
 * The overlay doctor's scripts, run for real here: the port probe with bash against a port
 * that listens and one that does not, and the overlay ping under busybox sh (as inside the
 * probe container) against loopback, small and at full size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  NO_PING,
  overlayPingScript,
  parseOverlayPings,
  parsePortProbes,
  portProbeScript,
} from '../../../electron/engine/steps/check/overlay-findings';
import { NODE_STATE_SCRIPT } from '../../../electron/engine/steps/check/node-state';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';

let server: Server;
let open = 0;
let closed = 0;

beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  open = (server.address() as { port: number }).port;
  // A port that was just free: bound, read, released.
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closed = (probe.address() as { port: number }).port;
  await new Promise((resolve) => probe.close(resolve));
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

describe('check scripts', () => {
  const scripts: Record<string, string> = {
    'node-state': NODE_STATE_SCRIPT,
    'port-probe': portProbeScript([
      { address: '10.210.0.11', port: 2377 },
      { address: '10.210.0.11', port: 7946 },
    ]),
    'overlay-ping': overlayPingScript(['10.10.0.3', '10.10.0.4'], 1450),
  };
  for (const [name, script] of Object.entries(scripts)) {
    it(`${name} matches its golden file and passes shellcheck`, () => {
      expectGolden(`check/${name}.sh`, `${script}\n`);
      expect(shellcheck(script)).toBe('');
    });
  }
});

describe('the port probe', () => {
  it('says open for a listening port and refused for a closed one', () => {
    const script = portProbeScript([
      { address: '127.0.0.1', port: open },
      { address: '127.0.0.1', port: closed },
    ]);
    const result = spawnSync('sh', ['-c', script], { encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(Object.fromEntries(parsePortProbes(result.stdout))).toEqual({
      [`127.0.0.1:${open}`]: 'open',
      [`127.0.0.1:${closed}`]: 'refused',
    });
  });
});

describe('the overlay ping', () => {
  it('runs under busybox sh and reports small and full-size answers per peer', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'swarmlab-busybox-'));
    try {
      for (const applet of ['ping', 'date', 'sh'])
        await symlink('/usr/bin/busybox', join(bin, applet));
      const result = spawnSync(join(bin, 'sh'), ['-c', overlayPingScript(['127.0.0.1'], 1450)], {
        encoding: 'utf8',
        env: { PATH: bin },
      });
      expect(result.stderr).toBe('');
      expect([...parseOverlayPings(result.stdout)]).toEqual([
        ['127.0.0.1', { small: true, large: true }],
      ]);
      // An image without ping says so at once, instead of every peer seeming silent (dash with
      // an empty PATH: busybox sh would find its own ping applet whatever PATH says).
      const empty = await mkdtemp(join(tmpdir(), 'swarmlab-noping-'));
      const without = spawnSync('/bin/sh', ['-c', overlayPingScript(['127.0.0.1'], 1450)], {
        encoding: 'utf8',
        env: { PATH: empty },
        timeout: 5_000,
      });
      await rm(empty, { recursive: true, force: true });
      expect(without.stdout.trim()).toBe(NO_PING);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
