import { describe, expect, it } from 'vitest';
import { validateInventory, type Inventory } from '../../../electron/engine/inventory';
import { describeOperation } from '../../../electron/engine/operation-plan';

function inventory(roles: ('manager' | 'worker')[], hostsFile = true): Inventory {
  const checked = validateInventory({
    hosts: roles.map((role, index) => ({
      address: `10.0.0.${index + 11}`,
      hostname: `node0${index + 1}`,
      role,
    })),
    prepare: { hostsFile },
  });
  if (!checked.ok) throw new Error('fixture inventory is invalid');
  return checked.inventory;
}

describe('what remove and reset will do, said before they start', () => {
  it('removes a manager: drained, demoted and left, removed by the manager that stays', () => {
    const plan = describeOperation(inventory(['manager', 'manager', 'worker']), {
      kind: 'remove',
      hostIds: ['node02'],
      force: false,
    });
    expect(plan.lines.map((line) => line.en)).toEqual([
      'node02 (10.0.0.12, manager): drain it so its tasks move to other nodes, demote it, then docker swarm leave on it',
      'node01 (10.0.0.11, manager): docker node rm node02 once they have left',
      'node01, node03: drop node02 from /etc/hosts',
    ]);
    expect(plan.lines[2]?.['zh-CN']).toBe('node01、node03：从 /etc/hosts 中删除 node02');
  });

  it('resets every host: the swarm is dissolved, Docker removed when asked, and what stays is named', () => {
    const plan = describeOperation(inventory(['manager', 'worker'], false), {
      kind: 'reset',
      hostIds: ['node01', 'node02'],
      uninstallDocker: true,
      force: false,
    });
    expect(plan.refusal).toBeUndefined();
    expect(plan.lines.map((line) => line.en)).toEqual([
      'dissolve the swarm: the workers leave, then the managers',
      'on node01, node02: put daemon.json and the hostname back as they were before swarmlab, remove the /etc/hosts block, remove the Docker packages swarmlab installed, then swarmlab’s keys',
      'Not undone: firewall ports swarmlab opened, the SELinux mode, package mirrors, the time service, the test image and anything in /var/lib/docker.',
    ]);
  });

  it('refuses to reset the only manager while workers stay, and names an unknown host', () => {
    const swarm = inventory(['manager', 'worker']);
    const lonely = describeOperation(swarm, {
      kind: 'reset',
      hostIds: ['node01'],
      uninstallDocker: false,
      force: true,
    });
    expect(lonely.lines).toEqual([]);
    expect(lonely.refusal?.en).toBe(
      'resetting node01 would take every manager out while other hosts stay in the swarm. Reset every host, or the workers first.',
    );
    expect(lonely.refusal?.['zh-CN']).toContain('重置 node01');
    const unknown = describeOperation(swarm, { kind: 'remove', hostIds: ['node09'], force: false });
    expect(unknown.refusal?.en).toBe(
      '"node09" is not a host of this inventory; its hosts are node01, node02',
    );
  });
});

describe('what check and practice will do, said before they start', () => {
  it('check reads every host and starts one probe service on the first manager, removed again', () => {
    const plan = describeOperation(inventory(['worker', 'manager', 'worker']), { kind: 'check' });
    expect(plan.refusal).toBeUndefined();
    expect(plan.lines.map((line) => line.en)).toEqual([
      'on node01, node02, node03: read whether Docker runs, the swarm state, the interfaces and the certificate; test 7946/tcp and 2377/tcp between them',
      'on node02 (10.0.0.12): start a probe service with one task per node, ping between the tasks over the overlay network, then remove it. Nothing else changes.',
    ]);
  });

  it('practice names its manager, the number of exercises and whether their services stay', () => {
    const plan = describeOperation(inventory(['manager', 'worker']), {
      kind: 'practice',
      exercises: ['practice-scale', 'practice-ping'],
      keep: true,
    });
    expect(plan.lines.map((line) => line.en)).toEqual([
      'on node01 (10.0.0.11): run 2 exercises, each creating its own services (swarmlab-practice-…)',
      'The exercises’ services stay running for you to explore.',
    ]);
  });
});
