import { copyFile, mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { knownHostsPath } from '../../electron/engine/app-paths';
import { hostExec, resetHosts } from '../../electron/engine/lab';
import { labInventory } from '../../electron/engine/lab/inventory';
import { BASE_IMAGE_DIR } from '../../electron/engine/lab/paths';
import { KnownHostsStore } from '../../electron/engine/ssh/known-hosts-store';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { OFFLINE_STAGING_DIR } from '../../electron/engine/steps/docker-install/offline-bundle';
import { expectNoLabSecrets, freshAppHome, outcomes, runOnLab, validInventory } from './helpers';

const lab = inject('lab');
const STEPS = SETUP_STEPS.filter((step) =>
  ['preflight', 'docker-install', 'docker-daemon'].includes(step.id),
);
/** The lab base downloaded docker.io and its dependencies into its apt cache when it was built. */
const BASE_ARCHIVES = join(BASE_IMAGE_DIR, 'var/cache/apt/archives');

async function onHost(name: string, script: string): Promise<{ code: number; out: string }> {
  const result = await hostExec(name, ['sh', '-c', script]);
  return { code: result.exitCode, out: `${result.stdout}${result.stderr}`.trim() };
}

/**
 * The packages docker.io needs on this host, as the host's own apt resolves them from its
 * package lists (a simulation: it reads local files and changes nothing).
 */
async function dockerIoClosure(name: string): Promise<{ name: string; version: string }[]> {
  const simulated = await onHost(
    name,
    'apt-get install --simulate --no-install-recommends docker.io',
  );
  expect(simulated.code).toBe(0);
  return simulated.out.split('\n').flatMap((line) => {
    // "Inst runc (1.1.5+ds1-1+deb12u1 Debian:12.15/oldstable [amd64])"; an upgrade adds "[old] ".
    const match = /^Inst (\S+) (?:\[\S+\] )?\((\S+) /.exec(line);
    return match?.[1] && match[2] ? [{ name: match[1], version: match[2] }] : [];
  });
}

/** A bundle folder of exactly those .deb files, copied from the lab base's apt cache. */
async function buildBundle(
  packages: readonly { name: string; version: string }[],
): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'swarmlab-offline-bundle-'));
  const cached = await readdir(BASE_ARCHIVES);
  for (const pkg of packages) {
    // apt names cached files name_version_arch.deb, with the epoch's colon escaped.
    const prefix = `${pkg.name}_${pkg.version.replace(':', '%3a')}_`;
    const file = cached.find((entry) => entry.startsWith(prefix) && entry.endsWith('.deb'));
    if (!file) throw new Error(`${BASE_ARCHIVES} holds no ${prefix}*.deb: rebuild the lab base`);
    await copyFile(join(BASE_ARCHIVES, file), join(dir, file));
  }
  return dir;
}

describe('offline bundle on a host with no route to any mirror', () => {
  const host = lab.hosts[0];
  if (!host) throw new Error('the lab needs hosts');
  let env: NodeJS.ProcessEnv;
  let ssh: { knownHosts: KnownHostsStore };
  let bundle: string;
  let bundleFiles: string[];

  beforeAll(async () => {
    await resetHosts([host.name]);
    env = await freshAppHome();
    ssh = { knownHosts: new KnownHostsStore(knownHostsPath(env)) };
    const closure = await dockerIoClosure(host.name);
    expect(closure.map((pkg) => pkg.name)).toContain('docker.io');
    bundle = await buildBundle(closure);
    bundleFiles = (await readdir(bundle)).sort();

    // No way out of the lab subnet, and no .deb left in the host's own cache: the bundle is
    // the only source. The package lists stay, as on a host that was online once.
    expect((await onHost(host.name, 'ip route del default')).code).toBe(0);
    expect((await onHost(host.name, 'rm -f /var/cache/apt/archives/*.deb')).code).toBe(0);
  });

  afterAll(async () => {
    // Later test files expect a host with its default route back.
    await resetHosts([host.name]);
  });

  it('cannot reach Debian’s mirror from the host (only a DNS lookup is attempted, and it fails)', async () => {
    expect((await onHost(host.name, 'ip route show default')).out).toBe('');
    const curl = await onHost(
      host.name,
      'curl -sS --max-time 5 -o /dev/null http://deb.debian.org/debian/',
    );
    expect(curl.code).not.toBe(0);
    const apt = await onHost(host.name, 'cd /tmp && apt-get -o Acquire::Retries=0 download tini');
    expect(apt.code).not.toBe(0);
    expect((await onHost(host.name, 'command -v dockerd')).code).not.toBe(0);
  });

  it('installs docker.io from the bundle, Docker runs, and a rerun is ok', async () => {
    const input = labInventory(lab);
    const inventory = validInventory({
      ...input,
      hosts: input.hosts.slice(0, 1),
      docker: { ...input.docker, install: 'offline', offlineBundle: bundle },
    });
    const first = await runOnLab(lab, inventory, env, { steps: STEPS, ssh });
    expect(first.finished.failures).toEqual([]);
    expect(outcomes(first.events)).toEqual(
      expect.arrayContaining(['node01 docker-install changed', 'node01 docker-daemon changed']),
    );

    const version = await onHost(host.name, "docker version --format '{{.Server.Version}}'");
    expect(version).toEqual({ code: 0, out: expect.stringMatching(/^20\.10\.\d+/) as unknown });
    const installed = await onHost(
      host.name,
      `for p in ${bundleFiles.map((file) => file.split('_')[0]).join(' ')}; do dpkg-query -W -f='\${Package} \${Status}\\n' "$p"; done`,
    );
    for (const file of bundleFiles) {
      expect(installed.out).toContain(`${file.split('_')[0]} install ok installed`);
    }
    // The staging folder is gone and the host is still cut off: nothing came from elsewhere.
    expect((await onHost(host.name, `test -e ${OFFLINE_STAGING_DIR}`)).code).toBe(1);
    expect((await onHost(host.name, 'ip route show default')).out).toBe('');

    const second = await runOnLab(lab, inventory, env, { steps: STEPS, ssh });
    expect(second.finished.failures).toEqual([]);
    expect(outcomes(second.events)).toContain('node01 docker-install ok');
    expect(second.finished.summary.changed).toBe(0);
    await expectNoLabSecrets(
      lab,
      [JSON.stringify(first.events), JSON.stringify(second.events)],
      [first.journalPath, second.journalPath],
    );
  });
});
