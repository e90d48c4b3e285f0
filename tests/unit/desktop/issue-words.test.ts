import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { issuePlace, issueWords, pageOfIssue } from '../../../renderer/src/model/issues';

const hostAt = (number: number, address: string) => `第 ${number} 台主机（${address}）`;

describe('validation issues as the wizard shows them', () => {
  const result = validateInventory({
    hosts: [
      { address: '10.0.0.1', hostname: 'node1', role: 'manager' },
      { address: '10.0.0.2', hostname: 'node1' },
    ],
    swarm: { network: { subnet: '172.168.0.1/24' } },
  });

  it('speaks the wizard’s language and names a host by its number and address', () => {
    const duplicate = result.errors.find((issue) => issue.path === 'hosts[1].hostname');
    if (!duplicate) throw new Error(`no duplicate hostname issue: ${JSON.stringify(result)}`);
    expect(issueWords(duplicate, 'zh-CN').message).toBe(
      '主机名 "node1" 已被第 1 台主机（10.0.0.1）使用',
    );
    expect(issueWords(duplicate, 'en').message).toBe(
      'hostname "node1" is already used by host 1 (10.0.0.1)',
    );
    expect(issuePlace(duplicate, hostAt)).toBe('第 2 台主机（10.0.0.2） · hostname');
    expect(pageOfIssue(duplicate)).toBe('hosts');
  });

  it('tells a tutorial reader in Chinese that 172.168.0.1/24 was taken as its network, and is public', () => {
    const subnet = result.warnings.filter((issue) => issue.path === 'swarm.network.subnet');
    const chinese = subnet.map((issue) => issueWords(issue, 'zh-CN').message);
    expect(chinese).toContain('"172.168.0.1/24" 含主机位：按 Docker 的做法视为 172.168.0.0/24');
    expect(chinese.some((text) => text.includes('属于公网地址'))).toBe(true);
    const first = subnet[0];
    if (!first) throw new Error('no subnet warning');
    expect(issuePlace(first, hostAt)).toBe('swarm.network.subnet');
  });

  it('words a field’s own rule in Chinese too, with its fix', () => {
    const bad = validateInventory({
      hosts: [{ address: '10.0.0.1:22', hostname: 'node_1', role: 'manager' }],
    });
    const byField = new Map(bad.errors.map((issue) => [issue.path, issueWords(issue, 'zh-CN')]));
    expect(byField.get('hosts[0].hostname')).toEqual({
      message: '"node_1" 不是有效的主机名',
      fix: '使用字母、数字和 "-"（最多 63 个字符），例如 "node-1"',
    });
    expect(byField.get('hosts[0].address')?.fix).toBe(
      '端口请填在单独的字段中：地址 "10.0.0.1"，端口 22',
    );
  });

  it('keeps the engine’s English where it has no catalog words', () => {
    const plain = { path: 'hosts[0].hostname', message: 'm', fix: 'f' };
    expect(issueWords(plain, 'zh-CN')).toEqual({ message: 'm', fix: 'f' });
  });
});
