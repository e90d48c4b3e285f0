/**
 * The importers with files as people write them: an ssh config with an Include chain,
 * wildcard hosts and a shared ProxyJump; Ansible inventories in INI and YAML with groups,
 * children, ranges and group vars. Every result validates as an inventory and holds no secret.
 */
import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { importAnsibleInventory } from '../../../electron/engine/inventory/import/ansible';
import { importSshConfig } from '../../../electron/engine/inventory/import/ssh-config';
import type { ImportFile } from '../../../electron/engine/inventory/import/types';

const HOME = '/home/li';

const SSH_FILES: Record<string, string> = {
  '/home/li/.ssh/config': `
# lab machines
Include config.d/*.conf

Host bastion
  HostName 203.0.113.10
  User jump
  Port 2200

# last, as ssh_config(5) advises: the first value obtained wins
Host *
  ServerAliveInterval 30
  User root
  IdentityFile ~/.ssh/id_ed25519
`,
  '/home/li/.ssh/config.d/lab.conf': `
Host node1 node2 node3
  ProxyJump bastion
Host node1
  HostName 10.0.0.11
Host node2
  HostName=10.0.0.12
  Port 2222
  LocalForward 8080 localhost:80
Host node3
  HostName "10.0.0.13"
  User admin
  IdentityFile ~/.ssh/lab_%h
Host !node3 node*
  Compression yes
Match host node3
  User nobody
`,
};

function include(pattern: string): ImportFile[] {
  const base = pattern.startsWith('/') ? pattern : `${HOME}/.ssh/${pattern}`;
  const regex = new RegExp(`^${base.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*')}$`);
  return Object.entries(SSH_FILES)
    .filter(([path]) => regex.test(path))
    .map(([path, text]) => ({ path, text }));
}

function importConfig(managers?: string) {
  return importSshConfig(
    { path: `${HOME}/.ssh/config`, text: SSH_FILES[`${HOME}/.ssh/config`] ?? '' },
    { include, home: HOME, ...(managers ? { managers } : {}) },
  );
}

function valid(inventory: Record<string, unknown>) {
  const result = validateInventory(inventory);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.inventory;
}

describe('importing an ssh config', () => {
  it('reads Include chains, first values and wildcard defaults as ssh does', () => {
    const { inventory } = importConfig();
    expect(inventory.hosts).toEqual([
      {
        address: '10.0.0.11',
        user: 'root',
        keyFile: `${HOME}/.ssh/id_ed25519`.replace(HOME, '~'),
        role: 'manager',
      },
      {
        address: '10.0.0.12',
        port: 2222,
        user: 'root',
        keyFile: '~/.ssh/id_ed25519',
        role: 'worker',
      },
      // The Include comes first in the file: node3's own IdentityFile (%h expanded) and User
      // are obtained before Host *'s.
      { address: '10.0.0.13', user: 'admin', keyFile: '~/.ssh/lab_node3', role: 'worker' },
    ]);
    // The jump host every node shares is the inventory's, not a node.
    expect(inventory.jumpHost).toEqual({
      address: '203.0.113.10',
      port: 2200,
      user: 'jump',
      keyFile: '~/.ssh/id_ed25519',
    });
    valid(inventory);
  });

  it('lists what it did not carry over', () => {
    const { notes } = importConfig('node2,node9');
    const said = notes.map((note) => `${note.host ?? '*'}: ${note.what.en}`);
    expect(said).toContainEqual(
      expect.stringMatching(/^node2: 8080 localhost:80 \(localforward\)/),
    );
    expect(said).toContainEqual(expect.stringMatching(/^\*: Match host node3 is not evaluated/));
    expect(said).toContainEqual(expect.stringMatching(/^node3: only the first IdentityFile/));
    expect(said).toContainEqual(expect.stringMatching(/^bastion: is a jump host/));
    // The wizard shows them in its language: each in Chinese too, the host's words kept.
    const chinese = notes.map((note) => note.what['zh-CN']);
    expect(chinese).toContain('是其他主机的跳板机，因此不作为 Swarm 节点');
    expect(chinese).toContainEqual(expect.stringMatching(/^未解析 Match host node3/));
    for (const text of chinese) expect(text).toMatch(/[\u4e00-\u9fff]/);
    expect(said).toContainEqual('*: manager node9 is not among the imported hosts');
    // Quiet options (keepalives) are not noise.
    expect(said.join('\n')).not.toMatch(/serveraliveinterval/);
  });

  it('marks the named managers', () => {
    const roles = (importConfig('node2,node3').inventory.hosts as { role: string }[]).map(
      (host) => host.role,
    );
    expect(roles).toEqual(['worker', 'manager', 'manager']);
  });

  it('does not invent a jump host when hosts go through different ones', () => {
    const { inventory, notes } = importSshConfig(
      {
        path: 'config',
        text: 'Host a\n  HostName 10.0.0.1\n  ProxyJump j1\nHost b\n  HostName 10.0.0.2\n  ProxyJump u@j2:2022\n',
      },
      { include: () => [], home: HOME },
    );
    expect(inventory.jumpHost).toBeUndefined();
    expect(notes.map((note) => note.what.en).join('\n')).toMatch(/one jump host for all hosts/);
  });
});

const ANSIBLE_INI = `
# swarm lab
[managers]
mgr1 ansible_host=192.168.11.131

[workers]
worker[01:02] ansible_user=ubuntu
worker03 ansible_host=192.168.11.140 ansible_port=2222 ansible_ssh_pass=plain-secret

[workers:vars]
ansible_become=true
ansible_become_password="{{ vault_become }}"
ansible_connection=ssh

[swarm:children]
managers
workers

[swarm:vars]
ansible_user=root
ansible_ssh_private_key_file=~/.ssh/swarm
ansible_python_interpreter=/usr/bin/python3
`;

const ANSIBLE_YAML = `
all:
  vars:
    ansible_user: root
  children:
    swarm_managers:
      hosts:
        m1:
          ansible_host: 10.1.0.1
    workers:
      vars:
        ansible_user: deploy
        ansible_become_password: hunter2-become
      hosts:
        w[1:2]:
          ansible_ssh_private_key_file: /keys/w
        w3:
          ansible_host: 10.1.0.13
          ansible_user: admin
`;

describe('importing an Ansible inventory', () => {
  it('INI: groups, children, ranges, and vars applied parent first, host last', () => {
    const { inventory, notes } = importAnsibleInventory({ path: 'hosts.ini', text: ANSIBLE_INI });
    expect(inventory.hosts).toEqual([
      {
        address: '192.168.11.131',
        user: 'root',
        keyFile: '~/.ssh/swarm',
        role: 'manager',
      },
      {
        address: 'worker01',
        user: 'ubuntu',
        keyFile: '~/.ssh/swarm',
        role: 'worker',
      },
      {
        address: 'worker02',
        user: 'ubuntu',
        keyFile: '~/.ssh/swarm',
        role: 'worker',
      },
      {
        address: '192.168.11.140',
        port: 2222,
        user: 'root',
        keyFile: '~/.ssh/swarm',
        role: 'worker',
      },
    ]);
    const said = notes.map((note) => `${note.host ?? '*'}: ${note.what.en}`).join('\n');
    expect(said).toMatch(/worker03: its login password was not written/);
    expect(said).toMatch(/worker01: ansible_become_password=\{\{ vault_become \}\} is a template/);
    expect(said).toMatch(/worker01: ansible_connection=ssh is not used/);
    expect(JSON.stringify(inventory)).not.toContain('plain-secret');
    valid(inventory);
  });

  it('YAML: children, ranges, a become password left to a prompt, managers by group', () => {
    const { inventory } = importAnsibleInventory({ path: 'hosts.yml', text: ANSIBLE_YAML });
    expect(inventory.hosts).toEqual([
      { address: '10.1.0.1', user: 'root', role: 'manager' },
      {
        address: 'w1',
        user: 'deploy',
        keyFile: '/keys/w',
        sudoPasswordEnv: 'SWARMLAB_SUDO_PASSWORD',
        role: 'worker',
      },
      {
        address: 'w2',
        user: 'deploy',
        keyFile: '/keys/w',
        sudoPasswordEnv: 'SWARMLAB_SUDO_PASSWORD',
        role: 'worker',
      },
      {
        address: '10.1.0.13',
        user: 'admin',
        sudoPasswordEnv: 'SWARMLAB_SUDO_PASSWORD',
        role: 'worker',
      },
    ]);
    expect(JSON.stringify(inventory)).not.toContain('hunter2-become');
    valid(inventory);
  });

  it('takes managers from a group named on the command line, or from names', () => {
    const byGroup = importAnsibleInventory(
      { path: 'hosts.yml', text: ANSIBLE_YAML },
      { managers: 'workers' },
    );
    expect((byGroup.inventory.hosts as { role: string }[]).map((host) => host.role)).toEqual([
      'worker',
      'manager',
      'manager',
      'manager',
    ]);
    const byName = importAnsibleInventory(
      { path: 'hosts.ini', text: ANSIBLE_INI },
      { managers: 'worker02' },
    );
    expect((byName.inventory.hosts as { role: string }[]).map((host) => host.role)).toEqual([
      'worker',
      'worker',
      'manager',
      'worker',
    ]);
  });
});
