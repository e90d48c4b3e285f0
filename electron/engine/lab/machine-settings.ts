import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { runChecked } from './exec';
import { labRunDir, MACHINE_SETTINGS_FILE, MACHINE_SETTINGS_LOCK_FILE } from './paths';
import { takeLock } from './state';
import type { LabLog, UnmetMachineSetting } from './types';

/**
 * Settings of the whole machine that lab hosts depend on (IPv4 forwarding: without it they
 * cannot reach Debian's mirror through the lab's NAT). Several labs run side by side, one per
 * slot, and share them: a setting is changed when the first slot comes up and put back to the
 * value found then only when the last slot goes down. That value and the slots that claimed the
 * settings are kept in one machine-wide record, changed under a lock by one command at a time.
 */

export interface MachineSetting {
  /** The sysctl name, as people know it. */
  name: string;
  /** Where it is read and written. */
  path: string;
  /** The value the labs need. */
  needed: string;
}

export const LAB_MACHINE_SETTINGS: readonly MachineSetting[] = [
  { name: 'net.ipv4.ip_forward', path: '/proc/sys/net/ipv4/ip_forward', needed: '1' },
];

const recordSchema = z.object({
  version: z.literal(1),
  /** The slots whose lab claimed the settings and has not gone down since. */
  slots: z.array(z.number().int().min(0).max(9)),
  /** Each setting's value before the first of those slots came up, by name. */
  original: z.record(z.string(), z.string()),
});
export type MachineSettingsRecord = z.infer<typeof recordSchema>;

export type SettingValues = Readonly<Record<string, string>>;

export interface SettingWrite {
  setting: MachineSetting;
  value: string;
}

export interface SettingsDecisionInput {
  record?: MachineSettingsRecord;
  slot: number;
  /** Slots other than `slot` whose lab is up now (their bridge exists). */
  otherSlotsUp: readonly number[];
  /** Claiming: this slot's lab was up already before this `lab up` (its bridge existed). */
  slotWasUp?: boolean;
  current: SettingValues;
  settings: readonly MachineSetting[];
  /**
   * Original values a lab of an earlier version kept in its own state (it had no machine-wide
   * record): used only where no record exists.
   */
  legacyOriginal?: SettingValues;
}

/** What a lab coming up in `slot` records and writes. Pure. */
export function planClaim(input: SettingsDecisionInput): {
  record: MachineSettingsRecord;
  writes: SettingWrite[];
} {
  const { record, slot, otherSlotsUp, current, settings } = input;
  // With no lab up before this one, a record left by labs that are gone (a reboot, a killed lab)
  // is stale: what the machine says now is its own setting.
  const stale = otherSlotsUp.length === 0 && !input.slotWasUp;
  const original = stale
    ? { ...current }
    : { ...current, ...input.legacyOriginal, ...record?.original };
  const keptSlots = stale ? [] : (record?.slots ?? []);
  return {
    record: {
      version: 1,
      slots: [...new Set([...keptSlots, slot])].sort((a, b) => a - b),
      original: pick(original, settings),
    },
    // Also when other labs are up: someone may have turned a setting back while they ran.
    writes: settings
      .filter((setting) => current[setting.name] !== setting.needed)
      .map((setting) => ({ setting, value: setting.needed })),
  };
}

/** What a lab going down in `slot` leaves recorded (undefined: remove the record) and writes. Pure. */
export function planRelease(input: SettingsDecisionInput): {
  record: MachineSettingsRecord | undefined;
  writes: SettingWrite[];
} {
  const { record, slot, otherSlotsUp, current, settings } = input;
  if (otherSlotsUp.length > 0) {
    if (!record) return { record: undefined, writes: [] };
    return {
      record: { ...record, slots: record.slots.filter((known) => known !== slot) },
      writes: [],
    };
  }
  const original = record?.original ?? input.legacyOriginal ?? {};
  return {
    record: undefined,
    writes: settings.flatMap((setting) => {
      const value = original[setting.name];
      return value === undefined || value === current[setting.name] ? [] : [{ setting, value }];
    }),
  };
}

/** The settings whose value is not the one the labs need. Pure. */
export function unmetMachineSettings(
  current: SettingValues,
  settings: readonly MachineSetting[] = LAB_MACHINE_SETTINGS,
): UnmetMachineSetting[] {
  return settings
    .filter((setting) => current[setting.name] !== setting.needed)
    .map((setting) => ({
      name: setting.name,
      needed: setting.needed,
      actual: current[setting.name] ?? 'unreadable',
    }));
}

/** The slots whose lab bridge (swlab0…swlab9) is listed in `ip -o link show` output. Pure. */
export function labSlotsWithBridges(listing: string): number[] {
  const slots = new Set<number>();
  for (const match of listing.matchAll(/^\d+:\s+swlab(\d)(?:@\S+)?:/gm)) {
    slots.add(Number(match[1]));
  }
  return [...slots].sort((a, b) => a - b);
}

function pick(values: SettingValues, settings: readonly MachineSetting[]): Record<string, string> {
  const picked: Record<string, string> = {};
  for (const setting of settings) {
    const value = values[setting.name];
    if (value !== undefined) picked[setting.name] = value;
  }
  return picked;
}

/** The one field of a slot's state file where labs of earlier versions kept ip_forward's value. */
const legacyStateSchema = z.object({ ipForwardBefore: z.string().nullish() });

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Where the record lives and how the machine is asked; tests give temporary files. */
export interface MachineSettingsIo {
  recordFile: string;
  lockFile: string;
  settings: readonly MachineSetting[];
  /** The slots whose lab is up now. */
  slotsUp(): Promise<number[]>;
  /** Original values kept by labs of an earlier version in these slots' state files. */
  legacyOriginals(slots: readonly number[]): Promise<SettingValues>;
}

const thisMachine: MachineSettingsIo = {
  recordFile: MACHINE_SETTINGS_FILE,
  lockFile: MACHINE_SETTINGS_LOCK_FILE,
  settings: LAB_MACHINE_SETTINGS,
  slotsUp: async () =>
    labSlotsWithBridges(await runChecked('ip', ['-o', 'link', 'show', 'type', 'bridge'])),
  legacyOriginals: async (slots): Promise<SettingValues> => {
    for (const slot of slots) {
      const text = await readFile(join(labRunDir(slot), 'state.json'), 'utf8').catch(() => '{}');
      const parsed = legacyStateSchema.safeParse(parseJson(text));
      const before = parsed.success ? parsed.data.ipForwardBefore : undefined;
      if (before) return { 'net.ipv4.ip_forward': before };
    }
    return {};
  },
};

/** The current value of each setting, by name. */
export async function readMachineSettings(
  settings: readonly MachineSetting[] = LAB_MACHINE_SETTINGS,
): Promise<Record<string, string>> {
  const values: Record<string, string> = {};
  for (const setting of settings) {
    const value = await readFile(setting.path, 'utf8').catch(() => undefined);
    if (value !== undefined) values[setting.name] = value.trim();
  }
  return values;
}

async function loadRecord(file: string): Promise<MachineSettingsRecord | undefined> {
  const text = await readFile(file, 'utf8').catch(() => undefined);
  // An unreadable record is no record: the value found now counts as the original.
  const parsed = recordSchema.safeParse(text === undefined ? undefined : parseJson(text));
  return parsed.success ? parsed.data : undefined;
}

async function saveRecord(file: string, record: MachineSettingsRecord | undefined): Promise<void> {
  if (!record) {
    await rm(file, { force: true });
    return;
  }
  await mkdir(dirname(file), { recursive: true, mode: 0o700 });
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, `${JSON.stringify(record, null, 2)}\n`, { mode: 0o600 });
  await rename(partial, file);
}

/** One change at a time within this process too (the lock file tells processes apart). */
let queue: Promise<unknown> = Promise.resolve();

async function withMachineLock<T>(io: MachineSettingsIo, log: LabLog, action: () => Promise<T>) {
  const run = async (): Promise<T> => {
    const release = await takeLock(io.lockFile, 'the machine-wide lab settings lock', log);
    try {
      return await action();
    } finally {
      await release();
    }
  };
  const next = queue.then(run, run);
  queue = next.catch(() => undefined);
  return next;
}

async function applyWrites(writes: readonly SettingWrite[], log: LabLog, why: string) {
  for (const { setting, value } of writes) {
    await writeFile(setting.path, `${value}\n`);
    log(`${setting.name} set to ${value} (${why})`);
  }
}

/** Records that the lab of `slot` needs the settings, and sets them. Call once its bridge exists. */
export async function claimMachineSettings(
  slot: number,
  log: LabLog,
  io: MachineSettingsIo = thisMachine,
  { slotWasUp = false }: { slotWasUp?: boolean } = {},
): Promise<void> {
  await withMachineLock(io, log, async () => {
    const otherSlotsUp = (await io.slotsUp()).filter((known) => known !== slot);
    const record = await loadRecord(io.recordFile);
    const plan = planClaim({
      record,
      slot,
      otherSlotsUp,
      slotWasUp,
      current: await readMachineSettings(io.settings),
      settings: io.settings,
      legacyOriginal: record
        ? undefined
        : await io.legacyOriginals(slotWasUp ? [slot, ...otherSlotsUp] : otherSlotsUp),
    });
    await saveRecord(io.recordFile, plan.record);
    await applyWrites(
      plan.writes,
      log,
      'lab hosts reach the outside through it; the last lab down restores it',
    );
  });
}

/**
 * Records that the lab of `slot` no longer needs the settings; the last lab down puts them back.
 * Call once its bridge is gone. `legacyOriginal`: what this slot's state file of an earlier
 * version kept.
 */
export async function releaseMachineSettings(
  slot: number,
  log: LabLog,
  io: MachineSettingsIo = thisMachine,
  legacyOriginal?: SettingValues,
): Promise<void> {
  await withMachineLock(io, log, async () => {
    const otherSlotsUp = (await io.slotsUp()).filter((known) => known !== slot);
    const plan = planRelease({
      record: await loadRecord(io.recordFile),
      slot,
      otherSlotsUp,
      current: await readMachineSettings(io.settings),
      settings: io.settings,
      ...(legacyOriginal ? { legacyOriginal } : {}),
    });
    await saveRecord(io.recordFile, plan.record);
    if (otherSlotsUp.length > 0) {
      log(
        `machine-wide settings left as they are: the lab${otherSlotsUp.length === 1 ? '' : 's'} of slot ${otherSlotsUp.join(', ')} still need${otherSlotsUp.length === 1 ? 's' : ''} them`,
      );
    }
    await applyWrites(plan.writes, log, 'restored as before the first lab came up');
  });
}
