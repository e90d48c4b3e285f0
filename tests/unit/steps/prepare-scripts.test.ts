import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import type { Inventory, InventoryInput } from '../../../electron/engine/inventory';
import { factsProbeScript } from '../../../electron/engine/facts/probe-script';
import {
  disableFirewallScript,
  openPortsScript,
  swarmPorts,
} from '../../../electron/engine/steps/firewall';
import { setHostnameScript } from '../../../electron/engine/steps/hostname';
import {
  HOSTS_BLOCK_BEGIN,
  HOSTS_BLOCK_END,
  renderHostsFile,
} from '../../../electron/engine/steps/hosts-file';
import {
  leavesSourcesAlone,
  mirrorPlan,
  rockyMirrorScript,
} from '../../../electron/engine/steps/package-mirrors';
import { MANAGER_KEYGEN_SCRIPT } from '../../../electron/engine/steps/manager-key';
import { SELINUX_PERMISSIVE_SCRIPT } from '../../../electron/engine/steps/selinux';
import { timeSyncInstallScript } from '../../../electron/engine/steps/time-sync';
import { factsFixture as hostFacts, type OsFixture } from './facts-fixtures';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';

function inventory(extra: Partial<InventoryInput> = {}): Inventory {
  const result = validateInventory({
    hosts: [{ address: '192.168.11.131', role: 'manager' }],
    ...extra,
  });
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

/** The systems whose mirror switching is pinned by golden files. */
const MIRROR_SYSTEMS: OsFixture[] = [
  'debian-11',
  'debian-12',
  'ubuntu-22.04',
  'ubuntu-24.04',
  'centos-7',
  'rocky-9',
];

describe('package mirror plans', () => {
  for (const os of MIRROR_SYSTEMS) {
    for (const mirror of ['aliyun', 'tuna', 'ustc'] as const) {
      it(`${os} → ${mirror}`, () => {
        const plan = mirrorPlan(hostFacts(os), inventory({ prepare: { mirror } }).prepare);
        if (leavesSourcesAlone(plan)) throw new Error(plan.en);
        const rendered = [
          ...plan.files.map((file) => `## ${file.path}\n${file.content}`),
          `## move aside: ${plan.moveAside.join(' ') || '(nothing)'}`,
          `## refresh\n${plan.refresh}\n`,
        ].join('\n');
        expectGolden(`mirrors/${os}-${mirror}.txt`, rendered);
        expect(shellcheck(plan.refresh)).toBe('');
        for (const file of plan.files)
          expect(file.content).toContain(mirror === 'tuna' ? 'tsinghua' : mirror);
      });
    }
  }

  it('leaves a system alone when no mirror is chosen, but gives CentOS 7 the vault', () => {
    expect(mirrorPlan(hostFacts('debian-12'), inventory().prepare)).toEqual({
      en: 'keeps the system’s own package sources',
      'zh-CN': '保留系统自带的软件源',
    });
    const centos = mirrorPlan(hostFacts('centos-7'), inventory().prepare);
    if (leavesSourcesAlone(centos)) throw new Error(centos.en);
    expect(centos.files[0]?.content).toContain(
      'baseurl=https://vault.centos.org/7.9.2009/os/$basearch/',
    );
  });

  it('uses a custom mirror root for every repository', () => {
    const plan = mirrorPlan(
      hostFacts('debian-12'),
      inventory({ prepare: { mirror: 'custom', mirrorUrl: 'http://deb.example.org/' } }).prepare,
    );
    if (leavesSourcesAlone(plan)) throw new Error(plan.en);
    expect(plan.files[0]?.content.split('\n').filter((line) => line.startsWith('deb '))).toEqual([
      'deb http://deb.example.org/debian bookworm main contrib non-free non-free-firmware',
      'deb http://deb.example.org/debian bookworm-updates main contrib non-free non-free-firmware',
      'deb http://deb.example.org/debian-security bookworm-security main contrib non-free non-free-firmware',
    ]);
  });

  it('refuses systems it cannot switch, saying so', () => {
    const alma = hostFacts('rocky-9', {
      os: { ...hostFacts('rocky-9').os, id: 'almalinux', prettyName: 'AlmaLinux 9.4' },
    });
    expect(mirrorPlan(alma, inventory({ prepare: { mirror: 'aliyun' } }).prepare)).toMatchObject({
      en: expect.stringMatching(/AlmaLinux 9.4 is not supported/),
      'zh-CN': expect.stringMatching(/不支持在 AlmaLinux 9.4 上切换镜像/),
    });
  });

  it('pins Rocky to a mirror with a sed that shellcheck accepts', () => {
    expect(shellcheck(rockyMirrorScript('https://mirrors.aliyun.com'))).toBe('');
  });
});

describe('generated preparation scripts', () => {
  const scripts: Record<string, string> = {
    'facts-probe': factsProbeScript([
      { id: 'node02', address: '192.168.11.132', port: 22 },
      { id: 'node03', address: '192.168.11.133', port: 2222 },
    ]),
    hostname: setHostnameScript('node01'),
    'time-sync-debian': timeSyncInstallScript(hostFacts('debian-12')),
    'time-sync-centos7': timeSyncInstallScript(hostFacts('centos-7')),
    'time-sync-rocky9': timeSyncInstallScript(hostFacts('rocky-9')),
    'firewalld-open': openPortsScript('firewalld', swarmPorts(inventory()), true),
    'ufw-open': openPortsScript('ufw', swarmPorts(inventory()), false),
    'firewalld-disable': disableFirewallScript('firewalld'),
    'selinux-permissive': SELINUX_PERMISSIVE_SCRIPT,
    'manager-keygen': MANAGER_KEYGEN_SCRIPT,
  };
  for (const [name, script] of Object.entries(scripts)) {
    it(`${name} matches its golden file and passes shellcheck`, () => {
      expectGolden(`prepare/${name}.sh`, `${script}\n`);
      expect(shellcheck(script)).toBe('');
    });
  }

  it('quotes a hostile hostname so it stays data', () => {
    expect(setHostnameScript("x'; touch /tmp/pwned; '")).toContain(
      `'x'\\''; touch /tmp/pwned; '\\'''`,
    );
  });

  it('opens the data path port the inventory chose', () => {
    expect(swarmPorts(inventory({ swarm: { dataPathPort: 7789 } }))).toContain('7789/udp');
  });
});

describe('the /etc/hosts block', () => {
  const entries = [
    { address: '192.168.11.131', hostname: 'node01' },
    { address: '192.168.11.132', hostname: 'node02' },
  ];

  it('appends one block and keeps the rest of the file', () => {
    const original = '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost\n';
    const written = renderHostsFile(original, entries);
    expect(written.startsWith(original)).toBe(true);
    expect(written).toContain(
      `${HOSTS_BLOCK_BEGIN}\n192.168.11.131 node01\n192.168.11.132 node02\n${HOSTS_BLOCK_END}\n`,
    );
  });

  it('rewrites the block in place, never twice, and is stable on a second pass', () => {
    const once = renderHostsFile('127.0.0.1 localhost\n', entries);
    const withTail = `${once}10.0.0.9 printer\n`;
    const changed = renderHostsFile(withTail, [{ address: '192.168.11.140', hostname: 'node09' }]);
    expect(changed.split(HOSTS_BLOCK_BEGIN)).toHaveLength(2);
    expect(changed).not.toContain('node01');
    expect(changed.endsWith('10.0.0.9 printer\n')).toBe(true);
    expect(renderHostsFile(changed, [{ address: '192.168.11.140', hostname: 'node09' }])).toBe(
      changed,
    );
  });
});
