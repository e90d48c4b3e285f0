/**
 * The README's first command, run again and again, and labs of two slots side by side. These
 * tests start and stop whole labs, so they run without the shared integration lab (vitest project
 * `labs`, run by `npm run test:integration` after the `integration` project): no lab of the test
 * run holds the machine's IPv4 forwarding on for them.
 *
 * Slots: SWARMLAB_LAB_SLOT (default 0) for the demo, SWARMLAB_LAB_SECOND_SLOT (default the next
 * one) for the lab that stays up. Both are reserved like a test run's lab.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reserveLab } from '../../electron/engine/lab';
import type { LabInfo, LabStatus } from '../../electron/engine/lab';
import { nsenterArgs } from '../../electron/engine/lab/control';
import { runCommand } from '../../electron/engine/lab/exec';
import { labSlot } from '../../electron/engine/lab/paths';
import { expectNoLabSecrets } from './helpers';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'swarmlab.mjs');
const IP_FORWARD = '/proc/sys/net/ipv4/ip_forward';
const demoSlot = labSlot(process.env.SWARMLAB_LAB_SLOT);
const otherSlot = labSlot(process.env.SWARMLAB_LAB_SECOND_SLOT ?? String((demoSlot + 1) % 10));
const log = (line: string): void => {
  process.stderr.write(`[labs] ${line}\n`);
};

interface CliResult {
  exitCode: number;
  stdout: string;
  stderr: string;
}

let home: string;

/** `swarmlab …` in `slot`, with the test's app folder; its progress is echoed as it comes. */
function swarmlab(slot: number, args: readonly string[]): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      env: { ...process.env, SWARMLAB_LAB_SLOT: String(slot), SWARMLAB_HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      if (/^lab: |^Run folder|^Report/m.test(chunk.toString()))
        log(`slot ${slot} ${args[0]}: ${chunk.toString().trim()}`);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ exitCode: code ?? -1, stdout, stderr }));
  });
}

async function labUpJson(slot: number, hosts: number): Promise<LabInfo> {
  const result = await swarmlab(slot, ['lab', 'up', '--hosts', String(hosts), '--json']);
  expect(result.exitCode, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as LabInfo;
}

async function labDown(slot: number): Promise<void> {
  const result = await swarmlab(slot, ['lab', 'down']);
  expect(result.exitCode, result.stderr).toBe(0);
}

/** Runs argv as root inside a host of another slot's lab (nsenter into its container). */
async function inHost(slot: number, name: string, argv: readonly string[]) {
  const result = await swarmlab(slot, ['lab', 'status', '--json']);
  const status = JSON.parse(result.stdout) as LabStatus;
  const initPid = status.hosts.find((host) => host.name === name)?.initPid;
  if (!initPid) throw new Error(`${name} of slot ${slot} is not running`);
  return runCommand('nsenter', nsenterArgs(initPid, argv));
}

const ipForward = async (): Promise<string> => (await readFile(IP_FORWARD, 'utf8')).trim();
const sha256 = async (file: string): Promise<string> =>
  createHash('sha256')
    .update(await readFile(file))
    .digest('hex');

/** The run folder a demo printed, holding its journal and report. */
async function demoRunFolder(result: CliResult): Promise<string> {
  expect(result.exitCode, result.stderr.slice(-3000)).toBe(0);
  const folder = /^Run folder: (.+)$/m.exec(result.stderr)?.[1];
  if (!folder) throw new Error(`the demo printed no run folder:\n${result.stderr.slice(-2000)}`);
  expect(folder.startsWith(join(home, 'runs'))).toBe(true);
  expect(await readdir(folder)).toEqual(
    expect.arrayContaining(['journal.jsonl', 'report.json', 'report.md', 'lab.yaml']),
  );
  return folder;
}

let forwardingBefore: string;
const releases: (() => Promise<void>)[] = [];

beforeAll(async () => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error('these tests boot lab hosts: run them as root on Linux (they are not skipped)');
  }
  if (demoSlot === otherSlot) throw new Error('the two lab slots must differ');
  home = await mkdtemp(join(tmpdir(), 'swarmlab-home-'));
  // Another test run on either slot finishes first (as lab-setup.ts waits for its own slot).
  releases.push(await reserveLab(log, demoSlot), await reserveLab(log, otherSlot));
  await labDown(demoSlot);
  await labDown(otherSlot);
  forwardingBefore = await ipForward();
});

afterAll(async () => {
  await labDown(demoSlot).catch((error: unknown) => log(`slot ${demoSlot} down: ${String(error)}`));
  await labDown(otherSlot).catch((error: unknown) =>
    log(`slot ${otherSlot} down: ${String(error)}`),
  );
  for (const release of releases) await release();
});

describe('npm run demo, again and again', () => {
  const folders: string[] = [];

  it('runs twice in a row, each demo keeping its own run folder', async () => {
    const first = await swarmlab(demoSlot, ['demo']);
    folders.push(await demoRunFolder(first));
    const firstJournal = await sha256(join(folders[0] as string, 'journal.jsonl'));

    const second = await swarmlab(demoSlot, ['demo']);
    folders.push(await demoRunFolder(second));
    expect(folders[1]).not.toBe(folders[0]);
    // The second demo left the first one's journal as it was.
    expect(await sha256(join(folders[0] as string, 'journal.jsonl'))).toBe(firstJournal);

    const lab = await labUpJson(demoSlot, 3);
    await expectNoLabSecrets(lab, [first.stdout, first.stderr, second.stdout, second.stderr]);
  });

  it("keeps another slot's lab online when one slot goes down", async () => {
    const survivor = await labUpJson(otherSlot, 1);
    const host = survivor.hosts[0];
    if (!host) throw new Error('no host in the surviving lab');

    await labDown(demoSlot);
    expect(await ipForward()).toBe('1');
    // Name resolution and Debian's mirror, through the surviving lab's NAT.
    const update = await inHost(otherSlot, host.name, ['apt-get', 'update', '-q']);
    expect(update.exitCode, update.stderr).toBe(0);
    expect(update.stderr).not.toMatch(/Temporary failure resolving|Could not connect/);
  });

  it('runs again after lab down: the re-created lab has new host keys, and they are trusted', async () => {
    const third = await swarmlab(demoSlot, ['demo']);
    folders.push(await demoRunFolder(third));
    expect(third.stderr).toMatch(/host keys of .* recorded in .*known_hosts \(\d+ older entr/);
    expect(new Set(folders).size).toBe(3);
  });

  it('restores IPv4 forwarding when the last of the two labs goes down', async () => {
    await labDown(demoSlot);
    expect(await ipForward()).toBe('1');
    await labDown(otherSlot);
    // As found before the first lab came up (on a machine where other labs run, they keep it on).
    expect(await ipForward()).toBe(forwardingBefore);
  });
});
