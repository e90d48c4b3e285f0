/**
 * `swarmlab known-hosts forget` accepts every form of a host that swarmlab's own messages
 * print (security issue, finding 8): IPv6 with and without brackets and port, any spelling
 * of the same address.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseHostPort } from '../../../electron/cli/commands/known-hosts';
import { HostKeyChangedError } from '../../../electron/engine/ssh/errors';
import { KnownHostsStore } from '../../../electron/engine/ssh/known-hosts-store';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'swarmlab.mjs');

/** An ssh-ed25519 public key blob (the key itself does not matter here). */
function keyBlob(seed: number): Buffer {
  const type = Buffer.from('ssh-ed25519');
  const key = Buffer.alloc(32, seed);
  const length = (n: number) => {
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(n);
    return buffer;
  };
  return Buffer.concat([length(type.length), type, length(key.length), key]);
}

/** Hosts as they appear in inventories: IPv6 in several spellings, IPv4, a name. */
const TARGETS: { host: string; port: number }[] = [
  { host: '::1', port: 2222 },
  { host: '2001:db8::1', port: 22 },
  { host: '2001:db8::2', port: 2200 },
  { host: '2001:DB8:0:0:0:0:0:3', port: 22 },
  { host: 'fd00:0:0::a', port: 2022 },
  { host: '192.168.11.131', port: 2222 },
  { host: '192.168.11.132', port: 22 },
  { host: 'node01.lab', port: 22 },
];

function forgetArgumentOf(message: string): string {
  const match = /known-hosts forget (\S+?)`/.exec(message);
  if (!match?.[1]) throw new Error(`no forget command in: ${message}`);
  return match[1];
}

describe('known-hosts forget takes back what swarmlab prints', () => {
  it.each(TARGETS)('$host port $port: the CHANGED-key message', async ({ host, port }) => {
    const path = join(mkdtempSync(join(tmpdir(), 'swarmlab-known-hosts-')), 'known_hosts');
    const store = new KnownHostsStore(path);
    await store.add(host, port, keyBlob(1));
    const refusal = new HostKeyChangedError(
      host,
      port,
      ['SHA256:old'],
      'SHA256:new',
      path,
      keyBlob(2),
    );
    const target = parseHostPort(forgetArgumentOf(refusal.message));
    expect(await store.forget(target.host, target.port)).toBe(1);
    expect(await store.lookup(host, port, keyBlob(1))).toEqual({ status: 'unknown' });
  });

  it.each([
    ['[::1]:2222', { host: '::1', port: 2222 }],
    ['[2001:db8::1]', { host: '2001:db8::1', port: 22 }],
    ['2001:db8::1', { host: '2001:db8::1', port: 22 }],
    ['2001:DB8:0:0:0:0:0:1', { host: '2001:db8::1', port: 22 }],
    ['[2001:0db8::0001]:2200', { host: '2001:db8::1', port: 2200 }],
    ['[192.168.11.131]:2222', { host: '192.168.11.131', port: 2222 }],
    ['Node01.Lab', { host: 'node01.lab', port: 22 }],
  ])('reads %s', (text, expected) => {
    expect(parseHostPort(text)).toEqual(expected);
  });

  it.each(['[::1', '::1]:22', '[::1]:0', '[bad host!]:22', 'a b', 'host:', '[::1]:22:33', ''])(
    'refuses %j, saying which forms it takes',
    (text) => {
      expect(() => parseHostPort(text)).toThrow(/\[IPv6\]:PORT/);
    },
  );

  it('forgets a key filed under another spelling of the same IPv6 address', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'swarmlab-known-hosts-')), 'known_hosts');
    const store = new KnownHostsStore(path);
    await store.add('2001:DB8:0:0:0:0:0:7', 2222, keyBlob(2));
    const target = parseHostPort('[2001:db8::7]:2222');
    expect(await store.forget(target.host, target.port)).toBe(1);
  });

  it('the CLI forgets every name `known-hosts list` prints', { timeout: 120_000 }, async () => {
    const home = mkdtempSync(join(tmpdir(), 'swarmlab-known-hosts-cli-'));
    const store = new KnownHostsStore(join(home, 'known_hosts'));
    for (const [index, { host, port }] of TARGETS.entries())
      await store.add(host, port, keyBlob(index + 10));
    const run = (args: string[]) =>
      spawnSync(process.execPath, [BIN, 'known-hosts', ...args], {
        encoding: 'utf8',
        env: { ...process.env, SWARMLAB_HOME: home },
        timeout: 60_000,
      });
    const listed = run(['list']);
    expect(listed.status).toBe(0);
    const names = listed.stdout
      .trim()
      .split('\n')
      .map((line) => line.split(/\s+/)[0] ?? '');
    expect(names).toHaveLength(TARGETS.length);
    // Each name in a run of its own, as a person would type it.
    const failures: string[] = [];
    for (const name of names) {
      const forgot = run(['forget', name]);
      if (forgot.status !== 0 || !/Forgot 1 key/.test(forgot.stderr))
        failures.push(`${name}: ${forgot.status} ${forgot.stderr.trim()}`);
    }
    expect(failures).toEqual([]);
    expect(run(['list']).stdout).toBe('');
  });
});
