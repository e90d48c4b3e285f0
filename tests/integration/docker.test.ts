import { beforeAll, describe, expect, inject, it } from 'vitest';
import { knownHostsPath } from '../../electron/engine/app-paths';
import { hostExec, resetHosts } from '../../electron/engine/lab';
import { KnownHostsStore } from '../../electron/engine/ssh/known-hosts-store';
import { labInventory } from '../../electron/engine/lab/inventory';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { expectNoLabSecrets, freshAppHome, outcomes, runOnLab, validInventory } from './helpers';

const lab = inject('lab');
/** Preflight gathers the facts the Docker steps read; nothing else is needed before them. */
const DOCKER_STEPS = SETUP_STEPS.filter((step) =>
  ['preflight', 'docker-install', 'docker-daemon'].includes(step.id),
);
const viaSudoUser = { sudoUserHost: 2 };

async function onHost(name: string, script: string): Promise<string> {
  const result = await hostExec(name, ['sh', '-c', script]);
  return result.stdout.trim();
}

describe('Docker on bare lab hosts (distro package, daemon.json, rollback)', () => {
  let env: NodeJS.ProcessEnv;
  /** The fresh home's known_hosts, passed explicitly: the pool's default reads process.env. */
  let ssh: { knownHosts: KnownHostsStore };
  beforeAll(async () => {
    await resetHosts(lab.hosts.map((host) => host.name));
    env = await freshAppHome();
    ssh = { knownHosts: new KnownHostsStore(knownHostsPath(env)) };
  });

  it('installs docker.io and writes daemon.json on 3 hosts, then changes nothing on a rerun', async () => {
    const inventory = validInventory(labInventory(lab, viaSudoUser));
    const first = await runOnLab(lab, inventory, env, { ...viaSudoUser, steps: DOCKER_STEPS, ssh });
    expect(first.finished.failures).toEqual([]);
    for (const host of ['node01', 'node02', 'node03']) {
      expect(outcomes(first.events)).toContain(`${host} docker-install changed`);
      expect(outcomes(first.events)).toContain(`${host} docker-daemon changed`);
    }
    for (const host of lab.hosts) {
      expect(await onHost(host.name, "docker info --format '{{.LoggingDriver}}'")).toBe(
        'json-file',
      );
      const written = JSON.parse(await onHost(host.name, 'cat /etc/docker/daemon.json')) as object;
      expect(Object.keys(written)).toEqual([
        'insecure-registries',
        'log-driver',
        'log-opts',
        'registry-mirrors',
      ]);
      expect(await onHost(host.name, "dpkg-query -W -f='${Status}' docker.io")).toBe(
        'install ok installed',
      );
    }

    const second = await runOnLab(lab, inventory, env, {
      ...viaSudoUser,
      steps: DOCKER_STEPS,
      ssh,
    });
    expect(second.finished.summary.changed).toBe(0);
    expect(second.finished.summary.failed).toBe(0);
    await expectNoLabSecrets(
      lab,
      [JSON.stringify(first.events), JSON.stringify(second.events)],
      [first.journalPath, second.journalPath],
    );
  });

  it('rolls daemon.json back by itself when Docker does not start with it', async () => {
    const host = lab.hosts[0];
    if (!host) throw new Error('the lab needs hosts');
    const before = await onHost(host.name, 'cat /etc/docker/daemon.json');
    const input = labInventory(lab);
    // Valid JSON and a known key, but no ZFS here: dockerd refuses to start.
    const broken = validInventory({
      ...input,
      hosts: input.hosts.slice(0, 1),
      docker: { ...input.docker, daemon: { ...input.docker?.daemon, 'storage-driver': 'zfs' } },
    });
    const run = await runOnLab(lab, broken, env, { steps: DOCKER_STEPS, ssh });
    const failure = run.finished.failures.find((entry) => entry.step === 'docker-daemon');
    expect(failure?.message).toMatch(/rolled daemon\.json back: .*Docker runs again/);
    expect(await onHost(host.name, 'cat /etc/docker/daemon.json')).toBe(before);
    expect(await onHost(host.name, "docker info --format '{{.Driver}}'")).not.toBe('zfs');
  });

  it('refuses live-restore that is already on a host, before touching Docker', async () => {
    const host = lab.hosts[1];
    if (!host) throw new Error('the lab needs hosts');
    const input = labInventory(lab);
    await onHost(
      host.name,
      'cp /etc/docker/daemon.json /root/daemon.json.keep && sed -i \'s/^{/{"live-restore": true,/\' /etc/docker/daemon.json',
    );
    try {
      const inventory = validInventory({
        ...input,
        hosts: input.hosts.slice(1, 2).map((entry) => ({ ...entry, role: 'manager' as const })),
      });
      const run = await runOnLab(lab, inventory, env, { steps: DOCKER_STEPS, ssh });
      const failure = run.finished.failures.find((entry) => entry.step === 'docker-daemon');
      expect(failure?.message).toMatch(/live-restore is true in the host’s daemon\.json/);
    } finally {
      await onHost(host.name, 'mv -f /root/daemon.json.keep /etc/docker/daemon.json');
    }
  });
});
