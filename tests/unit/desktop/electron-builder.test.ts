import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DebugLogger } from 'builder-util/out/DebugLogger.js';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';

const config = parse(
  readFileSync(
    join(import.meta.dirname, '..', '..', '..', 'build', 'electron-builder.yml'),
    'utf8',
  ),
) as {
  asarUnpack: string[];
  files: string[];
  linux: { target: string[] };
  win: { target: string[] };
  mac: { target: string[] };
  asar?: boolean;
  electronFuses?: Record<string, boolean>;
};

describe('electron-builder config', () => {
  it('packages for every platform users run', () => {
    expect(config.linux.target).toEqual(['AppImage', 'deb', 'rpm']);
    expect(config.win.target).toEqual(['nsis']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it('keeps node-pty outside the asar so its native module loads', () => {
    expect(config.asarUnpack).toContain('node_modules/node-pty/**');
  });

  it('ships the built bundles, not the sources', () => {
    expect(config.files).toContain('out/**');
    expect(config.files.some((pattern) => pattern.startsWith('electron/'))).toBe(false);
  });

  it('is valid for electron-builder, so a misspelt option or fuse name fails here', async () => {
    await expect(
      validateConfiguration(config as unknown as Configuration, new DebugLogger(false)),
    ).resolves.toBeUndefined();
  });

  it('flips the Electron fuses that close ways into the app', () => {
    expect(config.electronFuses).toEqual({
      // ELECTRON_RUN_AS_NODE would turn the app into a plain Node that runs any script.
      runAsNode: false,
      enableCookieEncryption: true,
      // NODE_OPTIONS and --inspect would let anyone who starts the app inject code into it.
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      // The app loads only from an app.asar whose integrity is checked (macOS and Windows).
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
    // onlyLoadAppFromAsar needs the app packed into an asar.
    expect(config.asar ?? true).toBe(true);
  });
});

describe('the app icon', () => {
  const root = join(import.meta.dirname, '..', '..', '..');
  /** Width and height from a PNG's IHDR. */
  const pngSize = (png: Buffer) => {
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    return [png.readUInt32BE(16), png.readUInt32BE(20)];
  };

  it('is drawn from one SVG in every size Linux, Windows and macOS take, and the config uses them', () => {
    expect(readFileSync(join(root, 'resources', 'icon.svg'), 'utf8')).toContain('<svg');
    for (const size of [16, 24, 32, 48, 64, 128, 256, 512, 1024]) {
      expect(pngSize(readFileSync(join(root, 'build', 'icons', `${size}x${size}.png`)))).toEqual([
        size,
        size,
      ]);
    }
    expect(pngSize(readFileSync(join(root, 'resources', 'icon.png')))).toEqual([512, 512]);

    const ico = readFileSync(join(root, 'build', 'icon.ico'));
    expect([ico.readUInt16LE(0), ico.readUInt16LE(2)]).toEqual([0, 1]);
    const icoSizes = Array.from({ length: ico.readUInt16LE(4) }, (_, index) => {
      const at = 6 + 16 * index;
      const image = ico.subarray(
        ico.readUInt32LE(at + 12),
        ico.readUInt32LE(at + 12) + ico.readUInt32LE(at + 8),
      );
      return pngSize(image)[0];
    });
    expect(icoSizes).toEqual([16, 24, 32, 48, 64, 128, 256]);

    const icns = readFileSync(join(root, 'build', 'icon.icns'));
    expect(icns.subarray(0, 4).toString('latin1')).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    const types: string[] = [];
    for (let at = 8; at < icns.length; at += icns.readUInt32BE(at + 4)) {
      types.push(
        `${icns.subarray(at, at + 4).toString('latin1')}:${pngSize(icns.subarray(at + 8))[0]}`,
      );
    }
    expect(types).toEqual([
      'icp4:16',
      'icp5:32',
      'icp6:64',
      'ic07:128',
      'ic08:256',
      'ic09:512',
      'ic10:1024',
    ]);

    const icons = config as unknown as Record<string, { icon?: string }>;
    expect([icons.linux?.icon, icons.win?.icon, icons.mac?.icon]).toEqual([
      'build/icons',
      'build/icon.ico',
      'build/icon.icns',
    ]);
  });
});
