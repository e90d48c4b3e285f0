import { describe, expect, it } from 'vitest';
import { assumedFacts } from '../../../electron/engine/facts/assumed';
import type { HostFacts } from '../../../electron/engine/facts/facts';
import {
  resolveHosts,
  resolveSecrets,
  validateInventory,
} from '../../../electron/engine/inventory';
import type { Inventory, InventoryInput } from '../../../electron/engine/inventory';
import {
  previewPlan,
  redactPreview,
  renderPlanText,
  type HostPlanPreview,
} from '../../../electron/engine/plan-preview';
import { REDACTED } from '../../../electron/engine/redact';
import { planHostSummary } from '../../../electron/engine/setup';
import { dockerDaemonStep } from '../../../electron/engine/steps/docker-daemon';
import { dockerInstallStep } from '../../../electron/engine/steps/docker-install';
import { swarmJoinStep } from '../../../electron/engine/steps/swarm-join';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';
import { factsFixture, type OsFixture } from '../steps/facts-fixtures';

function inventory(extra: Partial<InventoryInput> = {}): Inventory {
  const result = validateInventory({
    name: 'plan-test',
    hosts: [
      { address: '192.168.11.131', hostname: 'node01', role: 'manager', passwordEnv: 'PW' },
      { address: '192.168.11.132', hostname: 'node02', role: 'worker', passwordEnv: 'PW' },
      {
        address: '192.168.11.133',
        hostname: 'node03',
        role: 'worker',
        passwordEnv: 'PW',
        labels: { zone: 'b' },
      },
    ],
    prepare: { mirror: 'aliyun' },
    docker: {
      install: 'mirror',
      mirror: 'aliyun',
      daemon: {
        'registry-mirrors': ['https://registry.example.com'],
        'log-driver': 'json-file',
        'log-opts': { 'max-size': '10m' },
      },
    },
    swarm: { network: { name: 'app-net', subnet: '10.10.0.0/24', attachable: true } },
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

/** Facts of that system for every host, each owning the address the inventory names. */
function factsFor(input: Inventory, os: OsFixture): Map<string, HostFacts> {
  return new Map(
    input.hosts.map((entry) => [
      entry.hostname ?? entry.address,
      factsFixture(os, {
        hostname: 'localhost',
        interfaces: [{ name: 'eth0', address: entry.address, prefix: 24 }],
        defaultInterface: 'eth0',
      }),
    ]),
  );
}

const host = (inv: Inventory, index: number) => {
  const entry = resolveHosts(inv)[index];
  if (!entry) throw new Error('no such host');
  return planHostSummary(entry);
};

describe('swarmlab plan: the tutorial for these hosts', () => {
  for (const os of ['debian-12', 'ubuntu-24.04', 'centos-7', 'rocky-9'] as OsFixture[]) {
    it(`${os}: every host, every step, as one script that shellcheck accepts`, async () => {
      const inv = inventory();
      const previews = await previewPlan(inv, factsFor(inv, os));
      const text = renderPlanText(previews, `${os} fixture`);
      expectGolden(`plan/${os}.sh`, text);
      // Each host's part reads as one script; SC2317: code after the restart helper's exits.
      for (const part of text.split(/\n(?=#### )/).slice(1)) {
        expect(shellcheck(`#!/bin/sh\n# shellcheck disable=SC2317\n${part}`)).toBe('');
      }
      expect(previews.every((entry) => entry.steps.every((step) => !step.error))).toBe(true);
      // The wizard shows each step's note in its language: every one has Chinese words too.
      const notes = previews.flatMap((entry) => entry.steps.flatMap((step) => step.note ?? []));
      expect(notes.length).toBeGreaterThan(5);
      for (const note of notes) expect(note['zh-CN'], note.en).toMatch(/[\u4e00-\u9fff]/);
    });
  }

  it('lists the steps that apply to each host, in setup order', async () => {
    const inv = inventory();
    const [manager, worker, labelled] = await previewPlan(inv, factsFor(inv, 'debian-12'));
    expect(manager?.steps.map((step) => step.id)).toContain('swarm-init');
    expect(manager?.steps.map((step) => step.id)).not.toContain('swarm-join');
    expect(worker?.steps.map((step) => step.id)).toEqual(
      expect.arrayContaining(['hostname', 'docker-install', 'docker-daemon', 'swarm-join']),
    );
    expect(worker?.steps.map((step) => step.id)).not.toContain('node-labels');
    expect(labelled?.steps.at(-1)?.commands.join('\n')).toContain('--label-add zone=b');
  });

  it('swarm-join shows the join without its token, which goes through stdin', async () => {
    const inv = inventory();
    const preview = await swarmJoinStep.preview?.(
      host(inv, 1),
      factsFor(inv, 'debian-12').get('node02') ?? factsFixture('debian-12'),
      inv,
      [host(inv, 0), host(inv, 1)],
    );
    const text = preview?.commands.join('\n') ?? '';
    expect(text).toContain(
      'docker swarm join --token "$token" --advertise-addr 192.168.11.132 192.168.11.131:2377',
    );
    expect(text).toContain(`stdin: ${REDACTED}`);
    expect(text).toContain('# on node01: docker swarm join-token -q worker');
    expect(text).not.toMatch(/SWMTKN-1-/);
  });

  it('docker-daemon shows the daemon.json a bare host gets, keys sorted', async () => {
    const inv = inventory();
    const preview = await dockerDaemonStep.preview?.(
      host(inv, 0),
      factsFixture('debian-12'),
      inv,
      [],
    );
    expect(preview?.files).toEqual([
      {
        path: '/etc/docker/daemon.json',
        mode: 0o644,
        content:
          '{\n  "log-driver": "json-file",\n  "log-opts": {\n    "max-size": "10m"\n  },\n  "registry-mirrors": [\n    "https://registry.example.com"\n  ]\n}\n',
      },
    ]);
    const none = await dockerDaemonStep.preview?.(
      host(inv, 0),
      factsFixture('debian-12'),
      inventory({ docker: { install: 'distro' } }),
      [],
    );
    expect(none?.files).toEqual([]);
  });

  it('a combination apply would refuse is shown as the step’s error, not thrown', async () => {
    const inv = inventory({ docker: { install: 'distro' } });
    const [manager] = await previewPlan(inv, factsFor(inv, 'rocky-9'));
    const install = manager?.steps.find((step) => step.id === 'docker-install');
    expect(install?.error?.en).toMatch(/ships no Docker package of its own/);
    expect(install?.error?.['zh-CN']).toMatch(/[\u4e00-\u9fff]/);
    await expect(
      dockerInstallStep.preview?.(host(inv, 0), factsFixture('rocky-9'), inv, []) ??
        Promise.resolve(),
    ).rejects.toThrow(/ships no Docker package/);
  });

  it('a host that did not answer is listed with the reason', async () => {
    const inv = inventory();
    const facts = new Map<string, HostFacts | string>([
      ['node01', factsFixture('debian-12')],
      ['node02', 'connection refused'],
    ]);
    const previews = await previewPlan(inv, facts);
    expect(previews[1]).toMatchObject({ id: 'node02', error: 'connection refused', steps: [] });
    expect(previews[2]).toMatchObject({ id: 'node03', error: 'no facts' });
    expect(renderPlanText(previews, 't')).toContain('# not reachable, no plan: connection refused');
  });

  it('masks every secret of the inventory, wherever it would show', () => {
    const inv = inventory();
    const secrets = resolveSecrets(inv, { PW: 'correct-horse-battery' });
    const leaky: HostPlanPreview[] = [
      {
        id: 'node01',
        address: '192.168.11.131',
        role: 'manager',
        os: 'x',
        steps: [
          {
            id: 'hostname',
            title: 't',
            before: [],
            files: [{ path: '/x', mode: 0o600, content: 'pw=correct-horse-battery' }],
            commands: ['echo correct-horse-battery'],
          },
        ],
      },
    ];
    const text = JSON.stringify(redactPreview(leaky, secrets));
    expect(text).not.toContain('correct-horse-battery');
    expect(text).toContain(REDACTED);
  });

  it('assumed facts give the same plan as probed facts of that system', async () => {
    const inv = inventory();
    const assumed = await previewPlan(
      inv,
      new Map(inv.hosts.map((entry) => [entry.hostname ?? '', assumedFacts('rocky-9')])),
    );
    const install = assumed[0]?.steps.find((step) => step.id === 'docker-install');
    expect(install?.files[0]?.content).toContain(
      'baseurl=https://mirrors.aliyun.com/docker-ce/linux/centos/9/$basearch/stable',
    );
    expect(
      assumed[0]?.steps.find((step) => step.id === 'package-mirrors')?.commands.join('\n'),
    ).toContain('dnf makecache');
  });
});
