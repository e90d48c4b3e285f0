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
