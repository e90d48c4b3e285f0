import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  claimMachineSettings,
  labSlotsWithBridges,
  LAB_MACHINE_SETTINGS,
  planClaim,
  planRelease,
  releaseMachineSettings,
  unmetMachineSettings,
  type MachineSetting,
  type MachineSettingsIo,
} from '../../../electron/engine/lab/machine-settings';

const ipForward = LAB_MACHINE_SETTINGS.find((setting) => setting.name === 'net.ipv4.ip_forward');
if (!ipForward) throw new Error('the lab no longer lists net.ipv4.ip_forward');
const settings = [ipForward];
const forwarding = (value: string) => ({ 'net.ipv4.ip_forward': value });
const record = (slots: number[], original: string) => ({
  version: 1 as const,
  slots,
  original: forwarding(original),
});

describe('claiming machine-wide settings when a lab comes up', () => {
  it('the first lab records the value it found and turns forwarding on', () => {
    expect(planClaim({ slot: 3, otherSlotsUp: [], current: forwarding('0'), settings })).toEqual({
      record: record([3], '0'),
      writes: [{ setting: ipForward, value: '1' }],
    });
  });

  it('writes nothing when forwarding is already on, and will restore nothing', () => {
    expect(planClaim({ slot: 3, otherSlotsUp: [], current: forwarding('1'), settings })).toEqual({
      record: record([3], '1'),
      writes: [],
    });
  });

  it('a second lab joins the record and keeps the value found before the first', () => {
    expect(
      planClaim({
        record: record([4], '0'),
        slot: 3,
        otherSlotsUp: [4],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([3, 4], '0'), writes: [] });
  });

  it('puts forwarding back on when someone turned it off under running labs, keeping the original', () => {
    expect(
      planClaim({
        record: record([4], '0'),
        slot: 4,
        otherSlotsUp: [],
        current: forwarding('0'),
        settings,
      }).writes,
    ).toEqual([{ setting: ipForward, value: '1' }]);
    expect(
      planClaim({
        record: record([4], '0'),
        slot: 3,
        otherSlotsUp: [4],
        current: forwarding('0'),
        settings,
      }),
    ).toEqual({ record: record([3, 4], '0'), writes: [{ setting: ipForward, value: '1' }] });
  });

  it('reads the value afresh when the record names only labs that are gone (a reboot, a crash)', () => {
    expect(
      planClaim({
        record: record([7], '0'),
        slot: 3,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([3], '1'), writes: [] });
  });

  it('trusts the record when the lab claiming again was up already (lab up run twice)', () => {
    expect(
      planClaim({
        record: record([3], '0'),
        slot: 3,
        slotWasUp: true,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([3], '0'), writes: [] });
    // A lab of an earlier version, alone, whose original another lab took into the record.
    expect(
      planClaim({
        record: record([], '0'),
        slot: 9,
        slotWasUp: true,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([9], '0'), writes: [] });
  });

  it('takes the original from a running lab of an earlier version, which kept it in its own state', () => {
    expect(
      planClaim({
        slot: 3,
        otherSlotsUp: [9],
        current: forwarding('1'),
        settings,
        legacyOriginal: forwarding('0'),
      }),
    ).toEqual({ record: record([3], '0'), writes: [] });
  });
});

describe('releasing them when a lab goes down', () => {
  it('leaves forwarding on while another lab is still up', () => {
    expect(
      planRelease({
        record: record([3, 4], '0'),
        slot: 3,
        otherSlotsUp: [4],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([4], '0'), writes: [] });
  });

  it('counts a lab that is up though the record lacks it (its record was lost)', () => {
    expect(
      planRelease({
        record: record([3], '0'),
        slot: 3,
        otherSlotsUp: [9],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: record([], '0'), writes: [] });
  });

  it('the last lab down restores the value found before the first came up', () => {
    expect(
      planRelease({
        record: record([3], '0'),
        slot: 3,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: undefined, writes: [{ setting: ipForward, value: '0' }] });
  });

  it('the last lab down writes nothing when forwarding was on before', () => {
    expect(
      planRelease({
        record: record([3], '1'),
        slot: 3,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }),
    ).toEqual({ record: undefined, writes: [] });
  });

  it('restores when the other labs of the record are gone without going down', () => {
    expect(
      planRelease({
        record: record([3, 4], '0'),
        slot: 3,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
      }).writes,
    ).toEqual([{ setting: ipForward, value: '0' }]);
  });

  it('falls back to what a lab of an earlier version recorded in its own state', () => {
    expect(
      planRelease({
        slot: 9,
        otherSlotsUp: [],
        current: forwarding('1'),
        settings,
        legacyOriginal: forwarding('0'),
      }).writes,
    ).toEqual([{ setting: ipForward, value: '0' }]);
    expect(
      planRelease({
        slot: 9,
        otherSlotsUp: [3],
        current: forwarding('1'),
        settings,
        legacyOriginal: forwarding('0'),
      }).writes,
    ).toEqual([]);
  });

  it('changes nothing it has no record of', () => {
    expect(planRelease({ slot: 3, otherSlotsUp: [], current: forwarding('1'), settings })).toEqual({
      record: undefined,
      writes: [],
    });
  });
});

describe('what lab status reports', () => {
  it('names a machine-wide setting that is not as the labs need it', () => {
    expect(unmetMachineSettings(forwarding('0'), settings)).toEqual([
      { name: 'net.ipv4.ip_forward', needed: '1', actual: '0' },
    ]);
    expect(unmetMachineSettings(forwarding('1'), settings)).toEqual([]);
  });

  it('finds the slots whose lab bridge exists in `ip -o link show` output', () => {
    const listing = [
      '1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT',
      '5: swlab9: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT',
      '6: swl9-h1@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue master swlab9',
      '7: swlab0: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT',
      '8: swlab12: <BROADCAST,MULTICAST> mtu 1500 qdisc noop state DOWN mode DEFAULT',
      '9: docker0: <NO-CARRIER,BROADCAST,MULTICAST,UP> mtu 1500 qdisc noqueue state DOWN',
    ].join('\n');
    expect(labSlotsWithBridges(listing)).toEqual([0, 9]);
  });
});

describe('the machine-wide record on disk', () => {
  let dir: string;
  let io: MachineSettingsIo;
  let setting: MachineSetting;
  /** Slots whose bridge exists: a lab makes it before claiming and removes it before releasing. */
  let bridges: Set<number>;
  const quiet = () => undefined;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlab-machine-'));
    setting = { ...ipForward, path: join(dir, 'ip_forward') };
    await writeFile(setting.path, '0\n');
    bridges = new Set();
    io = {
      recordFile: join(dir, 'machine-settings.json'),
      lockFile: join(dir, 'machine-settings.lock'),
      settings: [setting],
      slotsUp: async () => [...bridges],
      legacyOriginals: async () => ({}),
    };
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const value = async () => (await readFile(setting.path, 'utf8')).trim();
  const up = async (slot: number) => {
    bridges.add(slot);
    await claimMachineSettings(slot, quiet, io);
  };
  const down = async (slot: number) => {
    bridges.delete(slot);
    await releaseMachineSettings(slot, quiet, io);
  };

  it('keeps forwarding on until the last of two labs goes down, then restores it', async () => {
    await up(4);
    await up(3);
    expect(await value()).toBe('1');
    await down(3);
    expect(await value()).toBe('1');
    await down(4);
    expect(await value()).toBe('0');
    await expect(stat(io.recordFile)).rejects.toThrow();
  });

  it('keeps the original when a lab already up is brought up again', async () => {
    await up(3);
    await claimMachineSettings(3, quiet, io, { slotWasUp: true });
    await down(3);
    expect(await value()).toBe('0');
  });

  it('stays consistent when labs of many slots come up and go down at once', async () => {
    const slots = [1, 2, 3, 4, 5, 6];
    await Promise.all(slots.map(up));
    expect(await value()).toBe('1');
    expect(JSON.parse(await readFile(io.recordFile, 'utf8'))).toMatchObject({
      slots,
      original: { 'net.ipv4.ip_forward': '0' },
    });
    await Promise.all(slots.slice(1).map(down));
    expect(await value()).toBe('1');
    await down(1);
    expect(await value()).toBe('0');
  });

  it('waits for the lock another process holds', async () => {
    // The parent process is alive and is not us: its lock is not taken over.
    await writeFile(io.lockFile, `${process.ppid}\n`);
    let done = false;
    const claiming = up(3).then(() => (done = true));
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(done).toBe(false);
    expect(await value()).toBe('0');
    await rm(io.lockFile);
    await claiming;
    expect(await value()).toBe('1');
  });
});
