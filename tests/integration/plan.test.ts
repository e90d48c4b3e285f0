import { spawnSync } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { saveInventory } from '../../electron/engine/inventory';
import { hostExec, resetHosts } from '../../electron/engine/lab';
import { labInventory, labPasswordEnv } from '../../electron/engine/lab/inventory';
import type { HostPlanPreview } from '../../electron/engine/plan-preview';
import { REDACTED } from '../../electron/engine/redact';
import { expectNoLabSecrets, freshAppHome } from './helpers';

const lab = inject('lab');
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'swarmlab.mjs');
const viaSudoUser = { sudoUserHost: 2 };

/** What a plan must not touch: the name, the hosts file, Docker (none on a bare host). */
async function hostState(name: string): Promise<string> {
  const result = await hostExec(name, [
    'sh',
    '-c',
    'hostname; cat /etc/hostname /etc/hosts; ls -a /etc/docker 2>&1; command -v dockerd || echo no-dockerd',
  ]);
  return result.stdout;
}

describe('swarmlab plan against lab hosts', () => {
  let env: NodeJS.ProcessEnv;
  let file: string;

  beforeAll(async () => {
    await resetHosts(lab.hosts.map((host) => host.name));
    env = { ...(await freshAppHome()), ...labPasswordEnv(lab, viaSudoUser) };
    file = join(await mkdtemp(join(tmpdir(), 'swarmlab-plan-')), 'lab.yaml');
    await writeFile(file, saveInventory(labInventory(lab, viaSudoUser)));
  });

  it('prints, per host, the hostname, daemon.json and swarm init/join with the token masked, and changes nothing', async () => {
    const before = await Promise.all(lab.hosts.map((host) => hostState(host.name)));
    // A new app home: the hosts' keys are seen for the first time, printed, and trusted (--yes).
    const cli = spawnSync(process.execPath, [BIN, 'plan', '-f', file, '--yes'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(cli.stderr).toContain('First contact with 3 host key(s)');
    for (const host of lab.hosts) expect(cli.stderr).toContain(host.hostKeySha256);
    expect(cli.stderr).toContain('Trusted 3 new host key(s)');
    expect(cli.stderr).toContain('read-only facts probe');
    expect(cli.status).toBe(0);
    const text = cli.stdout;
    const [manager, ...workers] = lab.hosts;
    if (!manager) throw new Error('the lab needs hosts');

    // One section per host, in inventory order, each for the system the probe found.
    const sections = text.split(/\n(?=#### )/).slice(1);
    expect(sections).toHaveLength(lab.hosts.length);
    sections.forEach((section, index) => {
      const name = `node${String(index + 1).padStart(2, '0')}`;
      expect(section).toMatch(
        new RegExp(`^#### ${name} \\(${lab.hosts[index]?.address}\\) .*Debian GNU/Linux 12`),
      );
      expect(section).toContain(`hostnamectl set-hostname ${name}`);
      expect(section).toContain('apt-get -o DPkg::Lock::Timeout=300 install -y docker.io');
      expect(section).toContain("cat > /etc/docker/daemon.json <<'SWARMLAB_EOF'");
      expect(section).toContain('"registry-mirrors": [\n    "https://registry.lab.example"\n  ]');
    });
    expect(sections[0]).toContain(`docker swarm init --advertise-addr ${manager.address}\n`);
    expect(sections[0]).not.toContain('docker swarm join');
    workers.forEach((worker, index) => {
      const section = sections[index + 1] ?? '';
      expect(section).not.toContain('docker swarm init');
      expect(section).toContain(`# stdin: ${REDACTED} (the worker join token`);
      expect(section).toContain(
        `docker swarm join --token "$token" --advertise-addr ${worker.address} ${manager.address}:2377`,
      );
    });
    await expectNoLabSecrets(lab, [cli.stdout, cli.stderr]);

    const after = await Promise.all(lab.hosts.map((host) => hostState(host.name)));
    expect(after).toEqual(before);
    expect(after.every((state) => state.includes('no-dockerd'))).toBe(true);
  });

  it('--json gives the same plan as data, steps in setup order', () => {
    const cli = spawnSync(process.execPath, [BIN, 'plan', '-f', file, '--json', '--yes'], {
      encoding: 'utf8',
      env,
      timeout: 120_000,
    });
    expect(cli.status).toBe(0);
    const plan = JSON.parse(cli.stdout) as { hosts: HostPlanPreview[] };
    const ids = plan.hosts.map((host) => host.steps.map((step) => step.id));
    expect(ids[0]).toEqual(
      expect.arrayContaining(['hostname', 'docker-install', 'docker-daemon', 'swarm-init']),
    );
    expect(ids[0]?.indexOf('docker-install')).toBeLessThan(ids[0]?.indexOf('swarm-init') ?? -1);
    expect(ids[1]).toContain('swarm-join');
    const daemon = plan.hosts[1]?.steps.find((step) => step.id === 'docker-daemon');
    expect(daemon?.files[0]?.path).toBe('/etc/docker/daemon.json');
    expect(JSON.parse(daemon?.files[0]?.content ?? '{}')).toMatchObject({
      'log-driver': 'json-file',
    });
  });
});
