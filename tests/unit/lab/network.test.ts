import { describe, expect, it } from 'vitest';
import {
  iptablesArgs,
  labIptablesRules,
  parseLabRules,
} from '../../../electron/engine/lab/network';
import { hostLayout, labMacAddress, MAX_LAB_HOSTS } from '../../../electron/engine/lab/paths';

describe('host addresses and names', () => {
  it('gives host N the address .10+N and lab-owned names', () => {
    expect(hostLayout(1)).toMatchObject({
      name: 'lab-1',
      address: '10.210.0.11',
      netns: 'swl-lab-1',
      veth: 'swl-h1',
    });
    expect(hostLayout(3).address).toBe('10.210.0.13');
    expect(hostLayout(MAX_LAB_HOSTS).address).toBe('10.210.0.254');
  });

  it('gives each address a fixed, locally administered MAC', () => {
    expect(labMacAddress('10.210.0.11')).toBe('02:5f:0a:d2:00:0b');
    expect(hostLayout(1).macAddress).toBe('02:5f:0a:d2:00:0b');
    expect(() => labMacAddress('10.210.0')).toThrow();
  });

  it('keeps interface names within the kernel limit of 15 characters', () => {
    expect(hostLayout(MAX_LAB_HOSTS).veth.length).toBeLessThanOrEqual(15);
  });

  it('rejects host numbers outside the subnet', () => {
    expect(() => hostLayout(0)).toThrow();
    expect(() => hostLayout(MAX_LAB_HOSTS + 1)).toThrow();
    expect(() => hostLayout(1.5)).toThrow();
  });
});

describe('iptables rules', () => {
  const rules = labIptablesRules('10.210.0.0/24', 'swlab0');

  it('masquerades traffic leaving the lab and accepts forwarding both ways', () => {
    expect(rules.map((rule) => `${rule.table} ${rule.chain} ${rule.spec.join(' ')}`)).toEqual([
      'nat POSTROUTING -s 10.210.0.0/24 ! -o swlab0 -m comment --comment swarmlab-lab -j MASQUERADE',
      'filter FORWARD -i swlab0 -m comment --comment swarmlab-lab -j ACCEPT',
      'filter FORWARD -o swlab0 -m state --state RELATED,ESTABLISHED -m comment --comment swarmlab-lab -j ACCEPT',
    ]);
  });

  it('builds argv for insert, check and delete', () => {
    const [masquerade] = rules;
    if (!masquerade) throw new Error('no rule');
    expect(iptablesArgs('-D', masquerade).slice(0, 5)).toEqual([
      '-w',
      '-t',
      'nat',
      '-D',
      'POSTROUTING',
    ]);
  });

  it('finds lab rules in iptables -S output, as added', () => {
    const listing = [
      '-P FORWARD DROP',
      '-A FORWARD -o swlab0 -m state --state RELATED,ESTABLISHED -m comment --comment swarmlab-lab -j ACCEPT',
      '-A FORWARD -i swlab0 -m comment --comment swarmlab-lab -j ACCEPT',
      '-A FORWARD -j DOCKER-USER',
    ].join('\n');
    expect(parseLabRules('filter', listing)).toEqual([rules[2], rules[1]]);
  });
});
