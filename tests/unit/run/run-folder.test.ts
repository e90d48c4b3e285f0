import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRunFolder, runFolderName } from '../../../electron/engine/run-folder';

describe('run folders', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'swarmlab-runs-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it("are named by their start time, as apply's runs/<time>", () => {
    expect(runFolderName(new Date('2025-03-04T05:06:07.089Z'))).toBe('2025-03-04T05-06-07-089Z');
  });

  it('is created private under runs/ of the app folder', async () => {
    const at = new Date('2025-03-04T05:06:07.089Z');
    const folder = await createRunFolder({ appDir: dir, now: at });
    expect(folder).toBe(join(dir, 'runs', '2025-03-04T05-06-07-089Z'));
    expect((await stat(folder)).mode & 0o777).toBe(0o700);
  });

  it('gives runs started at the same moment folders of their own', async () => {
    const at = new Date('2025-03-04T05:06:07.089Z');
    const folders = await Promise.all(
      Array.from({ length: 5 }, () => createRunFolder({ appDir: dir, now: at })),
    );
    expect(new Set(folders).size).toBe(5);
    expect(new Set(folders.map(dirname))).toEqual(new Set([join(dir, 'runs')]));
    expect((await readdir(join(dir, 'runs'))).sort()).toEqual(
      folders.map((f) => basename(f)).sort(),
    );
    for (const folder of folders)
      expect(basename(folder)).toMatch(/^2025-03-04T05-06-07-089Z(-\d+)?$/);
  });
});
