import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APT_UPDATE_FUNCTION } from '../../../electron/engine/shell/package-locks';
import { validateInventory } from '../../../electron/engine/inventory';
import { leavesSourcesAlone, mirrorPlan } from '../../../electron/engine/steps/package-mirrors';
import { factsFixture } from '../steps/facts-fixtures';

const LISTS_LOCK_ERROR =
  'E: Could not get lock /var/lib/apt/lists/lock. It is held by process 4242 (apt-get)';

/**
 * Runs a script under /bin/sh with fake `apt-get` and `sleep` first on PATH: apt-get fails
 * with the lists' lock held for its first `lockedCalls` calls (or with `otherError`), then
 * succeeds; sleep only counts the seconds asked for.
 */
function runWithFakeApt(
  script: string,
  fake: { lockedCalls: number; otherError?: string },
): { status: number | null; stdout: string; stderr: string; aptCalls: number; slept: number } {
  const bin = mkdtempSync(join(tmpdir(), 'swarmlab-fake-apt-'));
  try {
    const calls = join(bin, 'calls');
    const sleeps = join(bin, 'sleeps');
    writeFileSync(calls, '');
    writeFileSync(sleeps, '');
    const failure = fake.otherError
      ? `echo ${JSON.stringify(fake.otherError)} >&2; exit 100`
      : `if [ "$n" -le ${fake.lockedCalls} ]; then echo '${LISTS_LOCK_ERROR}' >&2; exit 100; fi`;
    writeFileSync(
      join(bin, 'apt-get'),
      `#!/bin/sh\necho "$*" >> ${calls}\nn=$(wc -l < ${calls})\n${failure}\necho 'Reading package lists... Done'\n`,
    );
    writeFileSync(join(bin, 'sleep'), `#!/bin/sh\necho "$1" >> ${sleeps}\n`);
    chmodSync(join(bin, 'apt-get'), 0o755);
    chmodSync(join(bin, 'sleep'), 0o755);
    const result = spawnSync('/bin/sh', ['-c', script], {
      encoding: 'utf8',
      env: { PATH: `${bin}:/usr/bin:/bin` },
    });
    const lines = (file: string) => readFileSync(file, 'utf8').split('\n').filter(Boolean);
    return {
      status: result.status,
      stdout: result.stdout,
      stderr: result.stderr,
      aptCalls: lines(calls).length,
      slept: lines(sleeps).reduce((sum, seconds) => sum + Number(seconds), 0),
    };
  } finally {
    rmSync(bin, { recursive: true, force: true });
  }
}

describe('apt_update: apt-get update that waits for the package lists’ lock', () => {
  const updateScript = `${APT_UPDATE_FUNCTION}\napt_update`;

  it('waits while another apt holds the lists’ lock, then updates', () => {
    const run = runWithFakeApt(updateScript, { lockedCalls: 2 });
    expect(run.status).toBe(0);
    expect(run.aptCalls).toBe(3);
    expect(run.slept).toBe(10);
    expect(run.stdout).toContain('Reading package lists... Done');
  });

  it('fails at once, with apt’s own words, on any other error', () => {
    const run = runWithFakeApt(updateScript, {
      lockedCalls: 0,
      otherError: 'E: The repository is not signed.',
    });
    expect(run.status).toBe(1);
    expect(run.aptCalls).toBe(1);
    expect(run.slept).toBe(0);
    expect(run.stderr).toContain('E: The repository is not signed.');
  });

  it('gives up after 300 s of a held lock and names the lock', () => {
    const run = runWithFakeApt(updateScript, { lockedCalls: 1_000 });
    expect(run.status).toBe(1);
    expect(run.slept).toBe(300);
    expect(run.stderr).toContain(LISTS_LOCK_ERROR);
    expect(run.stderr).toContain(
      'another apt process still holds /var/lib/apt/lists/lock after 300 s',
    );
  });
});

describe('package-mirrors refresh', () => {
  it('waits for the lists’ lock too, after switching a Debian host’s mirror', () => {
    const inventory = validateInventory({
      hosts: [{ address: '192.168.11.131', role: 'manager' }],
      prepare: { mirror: 'aliyun' },
    });
    if (!inventory.ok) throw new Error(JSON.stringify(inventory.errors));
    const plan = mirrorPlan(factsFixture('debian-12'), inventory.inventory.prepare);
    if (leavesSourcesAlone(plan)) throw new Error(plan.en);
    const run = runWithFakeApt(plan.refresh, { lockedCalls: 1 });
    expect(run.status).toBe(0);
    expect(run.aptCalls).toBe(2);
    expect(run.slept).toBe(5);
  });
});
