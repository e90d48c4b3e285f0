import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

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
});
