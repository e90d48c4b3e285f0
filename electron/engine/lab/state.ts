import { link, mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import {
  LAB_LOCK_FILE,
  LAB_SESSION_LOCK_FILE,
  LAB_SESSION_LOCK_NAME,
  LAB_STATE_FILE,
  labRunDir,
} from './paths';
import { isProcessAlive } from './processes';
import type { LabLog } from './types';

/**
 * What the lab started, on disk: the PIDs to stop, the iptables rules to
 * delete, and the credentials to hand out again when `up` runs twice.
 * It holds passwords, so it is readable by root only.
 */

const iptablesRuleSchema = z.object({
  table: z.enum(['filter', 'nat']),
  chain: z.string().min(1),
  spec: z.array(z.string()),
});
export type IptablesRule = z.infer<typeof iptablesRuleSchema>;

const hostStateSchema = z.object({
  index: z.number().int().positive(),
  name: z.string(),
  address: z.string(),
  rootPassword: z.string(),
  sudoPassword: z.string(),
  hostKeySha256: z.string(),
  nspawnPid: z.number().int().positive().nullable(),
  initPid: z.number().int().positive().nullable(),
});
export type HostState = z.infer<typeof hostStateSchema>;

const labStateSchema = z.object({
  version: z.literal(1),
  baseDir: z.string(),
  image: z.object({ archive: z.string(), name: z.string() }).nullable(),
  /**
   * ip_forward as found before the lab set it, as labs of earlier versions kept it. Now always
   * null: machine-wide settings are recorded once for all slots (machine-settings.ts), which reads
   * this only from a lab started before that.
   */
  ipForwardBefore: z.string().nullable(),
  iptablesRules: z.array(iptablesRuleSchema),
  hosts: z.array(hostStateSchema),
});
export type LabState = z.infer<typeof labStateSchema>;

export function emptyLabState(baseDir: string): LabState {
  return {
    version: 1,
    baseDir,
    image: null,
    ipForwardBefore: null,
    iptablesRules: [],
    hosts: [],
  };
}

/** The recorded lab, or undefined when none is recorded (or the record is unreadable). */
export async function loadLabState(): Promise<LabState | undefined> {
  let text: string;
  try {
    text = await readFile(LAB_STATE_FILE, 'utf8');
  } catch {
    return undefined;
  }
  const parsed = labStateSchema.safeParse(JSON.parse(text));
  // A state file from another version is treated as lost: `down` still finds
  // everything by its lab-owned names.
  return parsed.success ? parsed.data : undefined;
}

/** Written to a temp file and renamed, so a crash never leaves half a state file. */
export async function saveLabState(state: LabState): Promise<void> {
  await mkdir(dirname(LAB_STATE_FILE), { recursive: true, mode: 0o700 });
  const partial = `${LAB_STATE_FILE}.partial`;
  await writeFile(partial, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, LAB_STATE_FILE);
}

export async function removeLabState(): Promise<void> {
  await rm(LAB_STATE_FILE, { force: true });
}

/**
 * Takes `lockFile` if free. The PID is written to a private file first and
 * hard-linked into place, so the lock never exists without its owner's PID.
 */
async function tryTakeLock(lockFile: string): Promise<boolean> {
  const mine = `${lockFile}.${process.pid}`;
  await writeFile(mine, `${process.pid}\n`, { mode: 0o600 });
  try {
    await link(mine, lockFile);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(mine, { force: true });
  }
}

/**
 * Waits until `lockFile` is ours and returns its release. A lock whose owner
 * died (a killed command) is taken over.
 */
export async function takeLock(
  lockFile: string,
  what: string,
  log: LabLog,
): Promise<() => Promise<void>> {
  await mkdir(dirname(lockFile), { recursive: true, mode: 0o700 });
  for (let attempt = 0; !(await tryTakeLock(lockFile)); attempt++) {
    const text = await readFile(lockFile, 'utf8').catch(() => undefined);
    if (text === undefined) continue; // released meanwhile: try again
    const holder = Number(text.trim());
    if (holder === process.pid) throw new Error(`${what} taken twice by the same process`);
    if (!isProcessAlive(holder)) {
      await rm(lockFile, { force: true });
      continue;
    }
    if (attempt === 0) log(`waiting for ${what} held by pid ${holder}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return () => rm(lockFile, { force: true });
}

/**
 * Runs `action` while holding the lab lock, so two `lab up`/`down` commands
 * never boot the same host twice or tear down what the other is building.
 */
export async function withLabLock<T>(log: LabLog, action: () => Promise<T>): Promise<T> {
  const release = await takeLock(LAB_LOCK_FILE, 'the lab lock', log);
  try {
    return await action();
  } finally {
    await release();
  }
}

/**
 * Reserves the lab for one user (a test run) from `up` to `down`: a second test
 * run on the same machine waits here instead of tearing down hosts in use.
 * This process's slot, or `slot`. Returns the release.
 */
export function reserveLab(log: LabLog, slot?: number): Promise<() => Promise<void>> {
  const lockFile =
    slot === undefined ? LAB_SESSION_LOCK_FILE : join(labRunDir(slot), LAB_SESSION_LOCK_NAME);
  return takeLock(lockFile, 'the lab reservation (another test run)', log);
}
