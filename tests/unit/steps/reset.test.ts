/**
 * The pieces of `swarmlab reset` that decide what to write: the originals kept on a host, the
 * /etc/hosts and authorized_keys without swarmlab's lines, the Docker install record, and which
 * steps a reset of some hosts or of all runs.
 */
import { describe, expect, it } from 'vitest';
import {
  keepOriginalScript,
  originalOf,
  originalStateScript,
  restoreOriginalScript,
} from '../../../electron/engine/steps/originals';
import { renderHostsFile } from '../../../electron/engine/steps/hosts-file';
import {
  parseInstallRecord,
  resetSteps,
  withoutHostsBlock,
  withoutKey,
} from '../../../electron/engine/steps/reset';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';
import { planHosts } from '../helpers/fake-swarm';

const APP_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAppKeyBlobForTheResetTest swarmlab@laptop';

describe('the originals a host keeps', () => {
  it('are scripts that match their golden file and pass shellcheck', () => {
    const scripts = [
      keepOriginalScript('/etc/docker/daemon.json'),
      restoreOriginalScript('/etc/docker/daemon.json'),
      originalStateScript('/etc/docker/daemon.json'),
    ];
    expectGolden('reset/originals.sh', `${scripts.join('\n# --\n')}\n`);
    for (const script of scripts) expect(shellcheck(script)).toBe('');
  });

  it('are named by the path with its slashes as %, one file per path', () => {
    expect(originalOf('/etc/docker/daemon.json')).toBe(
      '/var/lib/swarmlab/originals/%etc%docker%daemon.json',
    );
    // Kept once: the script copies only when neither the copy nor the "absent" marker is there.
    expect(keepOriginalScript('/etc/hostname')).toContain(
      'if [ ! -e /var/lib/swarmlab/originals/%etc%hostname ] && [ ! -e /var/lib/swarmlab/originals/%etc%hostname.absent ]; then',
    );
  });
});

describe('/etc/hosts after a reset', () => {
  it('loses the swarmlab block and the blank line before it, nothing else', () => {
    const original = '127.0.0.1 localhost\n::1 localhost\n';
    const withBlock = renderHostsFile(original, [{ address: '10.0.0.11', hostname: 'node01' }]);
    expect(withBlock).not.toBe(original);
    expect(withoutHostsBlock(withBlock)).toBe(original);
    expect(withoutHostsBlock(original)).toBe(original);
    const inTheMiddle = `${withBlock}10.9.9.9 mine\n`;
    expect(withoutHostsBlock(inTheMiddle)).toBe(`${original}\n10.9.9.9 mine\n`);
  });
});

describe('authorized_keys after a reset', () => {
  it('loses the lines of the key, with or without options and comments, and keeps the rest', () => {
    const keys = [
      '# my keys',
      'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMine me@desk',
      APP_KEY,
      `from="10.0.0.0/8" ${APP_KEY.replace('swarmlab@laptop', 'renamed')}`,
      '',
    ].join('\n');
    expect(withoutKey(keys, APP_KEY)).toBe(
      ['# my keys', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIMine me@desk', ''].join('\n'),
    );
    expect(withoutKey(keys, '')).toBe(keys);
  });
});

describe('the Docker install record', () => {
  it('is read when docker-install wrote it, and refused when it names anything else', () => {
    expect(parseInstallRecord('{"installer":"apt-get","packages":["docker.io"]}\n')).toEqual({
      installer: 'apt-get',
      packages: ['docker.io'],
    });
    expect(parseInstallRecord(null)).toBeUndefined();
    expect(parseInstallRecord('not json')).toBeUndefined();
    expect(parseInstallRecord('{"installer":"rm","packages":["x"]}')).toBeUndefined();
    expect(
      parseInstallRecord('{"installer":"apt-get","packages":["docker.io; reboot"]}'),
    ).toBeUndefined();
  });
});

describe('the steps of a reset', () => {
  it('dissolve the swarm when every host is reset, and take some hosts out as remove does', () => {
    const hosts = planHosts(1, 2);
    const ids = (steps: readonly { id: string }[]) => steps.map((step) => step.id);
    const cleanup = [
      'reset-daemon-config',
      'reset-hostname',
      'reset-hosts-block',
      'reset-docker',
      'reset-keys',
      'reset-manager-pair',
    ];
    expect(
      ids(resetSteps(hosts, { hostIds: ['node01', 'node02', 'node03'], uninstallDocker: false })),
    ).toEqual(['swarm-dissolve-workers', 'swarm-dissolve-managers', ...cleanup]);
    expect(ids(resetSteps(hosts, { hostIds: ['node03'], uninstallDocker: false }))).toEqual([
      'node-drain',
      'swarm-leave',
      'node-remove',
      'hosts-file-drop',
      ...cleanup,
    ]);
  });
});
