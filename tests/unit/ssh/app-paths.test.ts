import { homedir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appDataDir, knownHostsPath } from '../../../electron/engine/app-paths';

describe('app paths', () => {
  it('prefers SWARMLAB_HOME, then XDG_CONFIG_HOME, then ~/.config', () => {
    expect(appDataDir({ SWARMLAB_HOME: '/srv/lab', XDG_CONFIG_HOME: '/x' })).toBe('/srv/lab');
    expect(appDataDir({ XDG_CONFIG_HOME: '/x' })).toBe('/x/swarmlab');
    expect(appDataDir({})).toBe(join(homedir(), '.config', 'swarmlab'));
  });

  it('keeps known_hosts in the app data dir', () => {
    expect(knownHostsPath({ SWARMLAB_HOME: '/srv/lab' })).toBe('/srv/lab/known_hosts');
  });
});
