import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { labelUpdateCommand } from '../../../electron/engine/steps/node-labels';
import {
  createNetworkCommand,
  networkDifferences,
} from '../../../electron/engine/steps/overlay-network';
import { swarmInitCommand } from '../../../electron/engine/steps/swarm-init';
import { swarmJoinScript } from '../../../electron/engine/steps/swarm-join';
import {
  createServiceCommand,
  fetchEachScript,
  fetchRepeatedlyScript,
  nodeOfAnswer,
  overlayTasks,
  parseFetches,
  parseNodeList,
} from '../../../electron/engine/swarm/verification';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';

const result = validateInventory({
  hosts: [{ address: '192.168.11.131', role: 'manager' }],
  swarm: {
    dataPathPort: 7789,
    network: { name: 'swarmlab-net', subnet: '10.10.0.0/24', encrypted: true, mtu: 1400 },
  },
});
if (!result.ok) throw new Error('fixture inventory is invalid');
const { swarm } = result.inventory;

describe('swarm commands', () => {
  const scripts: Record<string, string> = {
    'swarm-init': swarmInitCommand('192.168.11.131', swarm),
    'swarm-join': swarmJoinScript('192.168.11.132', '192.168.11.131', swarm),
    'node-labels': labelUpdateCommand('x1y2z3', { zone: 'a', 'disk type': 'ssd' }),
    'overlay-network': createNetworkCommand(swarm.network),
    'verify-service': createServiceCommand({
      name: 'swarmlab-verify',
      image: 'swarmlab/busybox:1',
      network: 'swarmlab-net',
      replicas: 3,
      maxPerNode: 1,
      endpointMode: 'dnsrr',
      publishHostPort: 18080,
    }),
    'verify-fetch-each': fetchEachScript(['10.10.0.3:80', '10.210.0.12:18080']),
    'verify-fetch-repeatedly-dnsrr': fetchRepeatedlyScript('swarmlab-verify', 80, 12, 'dnsrr'),
    'verify-fetch-repeatedly-vip': fetchRepeatedlyScript('swarmlab-verify', 80, 12, 'vip'),
  };
  for (const [name, script] of Object.entries(scripts)) {
    it(`${name} matches its golden file and passes shellcheck`, () => {
      expectGolden(`swarm/${name}.sh`, `${script}\n`);
      expect(shellcheck(script)).toBe('');
    });
  }

  it('keeps the join token out of the command text', () => {
    const script = swarmJoinScript('192.168.11.132', '192.168.11.131', swarm);
    expect(script).not.toMatch(/SWMTKN/);
    expect(script).toContain('read -r token');
  });
});

describe('overlay network comparison', () => {
  it('accepts a network that matches and names each difference otherwise', () => {
    const same = {
      driver: 'overlay',
      scope: 'swarm',
      subnet: '10.10.0.0/24',
      attachable: false,
      encrypted: true,
      mtu: '1400',
    };
    expect(networkDifferences(same, { ...swarm.network, attachable: false })).toEqual([]);
    expect(
      networkDifferences(
        { ...same, subnet: '10.0.9.0/24', driver: 'bridge' },
        { ...swarm.network, attachable: false },
      ),
    ).toEqual([
      { en: 'driver is bridge, not overlay', 'zh-CN': 'driver 为 bridge，而不是 overlay' },
      {
        en: 'subnet is 10.0.9.0/24, not 10.10.0.0/24',
        'zh-CN': 'subnet 为 10.0.9.0/24，而不是 10.10.0.0/24',
      },
    ]);
  });
});

describe('verification parsing', () => {
  it('reads node lists, task addresses and answers', () => {
    expect(parseNodeList('abc|node01|Ready|Active|Leader\ndef|node02|Down|Active|\n')).toEqual([
      {
        id: 'abc',
        hostname: 'node01',
        status: 'Ready',
        availability: 'Active',
        managerStatus: 'Leader',
      },
      { id: 'def', hostname: 'node02', status: 'Down', availability: 'Active', managerStatus: '' },
    ]);
    const inspect = JSON.stringify([
      {
        Services: {
          'swarmlab-verify': {
            Tasks: [
              {
                Name: 'swarmlab-verify.1.a',
                EndpointIP: '10.10.0.3',
                Info: { 'Host IP': '10.210.0.11' },
              },
              {
                Name: 'swarmlab-verify.2.b',
                EndpointIP: '10.10.0.4',
                Info: { 'Host IP': '10.210.0.12' },
              },
            ],
          },
        },
      },
    ]);
    expect(overlayTasks(inspect, 'swarmlab-verify').map((task) => task.ip)).toEqual([
      '10.10.0.3',
      '10.10.0.4',
    ]);
    expect(overlayTasks(inspect, 'other')).toEqual([]);
    expect(parseFetches('10.10.0.3:80 node01-1\n10.10.0.4:80 FAIL\n')).toEqual(
      new Map([
        ['10.10.0.3:80', 'node01-1'],
        ['10.10.0.4:80', 'FAIL'],
      ]),
    );
    expect(nodeOfAnswer('node-gone-12')).toBe('node-gone');
    expect(nodeOfAnswer('FAIL')).toBeUndefined();
  });
});
