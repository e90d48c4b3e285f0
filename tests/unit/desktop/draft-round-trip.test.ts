/**
 * Load → wizard → save changes nothing: inventories generated over every field of the schema
 * (seeded, so a failure names its seed) go through the wizard's draft and back, and validate to
 * the same inventory. Then the kept fields give way where the person changed the draft.
 */
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../helpers/random';
import {
  resolveHosts,
  validateInventory,
  type Inventory,
} from '../../../electron/engine/inventory';
import {
  fromInventoryDocument,
  newHostRow,
  toInventoryDocument,
} from '../../../renderer/src/model/draft';

type Doc = Record<string, unknown>;

function generator(seed: number) {
  const next = seededRandom(seed);
  const maybe = (chance = 0.5) => next() < chance;
  const pick = <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)] as T;
  const some = <T extends Doc>(fields: T): Partial<T> =>
    Object.fromEntries(Object.entries(fields).filter(() => maybe())) as Partial<T>;
  return { next, maybe, pick, some };
}

/** One way to log in (or none), and the optional secrets beside it, in either spelling. */
function login(g: ReturnType<typeof generator>, allowNone: boolean): Doc {
  const method = g.pick([
    'password',
    'passwordEnv',
    'keyFile',
    'agent',
    ...(allowNone ? ['none'] : []),
  ]);
  const doc: Doc = {};
  if (method === 'password') doc.password = g.pick(['p4ss', 'pa ss#1']);
  if (method === 'passwordEnv') doc.passwordEnv = g.pick(['LAB_PASSWORD', 'NODE_PW']);
  if (method === 'keyFile') {
    doc.keyFile = g.pick(['/root/.ssh/id_ed25519', '~/.ssh/lab']);
    Object.assign(doc, passphrase(g));
  }
  if (method === 'agent') doc.agent = true;
  return doc;
}

/** A key passphrase (or none), typed or read from the environment. */
function passphrase(g: ReturnType<typeof generator>): Doc {
  const kind = g.pick(['none', 'none', 'inline', 'env']);
  if (kind === 'inline') return { keyPassphrase: 'key-pw' };
  if (kind === 'env') return { keyPassphraseEnv: 'KEY_PASSPHRASE' };
  return {};
}

function sudo(g: ReturnType<typeof generator>): Doc {
  const kind = g.pick(['none', 'inline', 'env']);
  if (kind === 'inline') return { sudoPassword: 'sudo-pw' };
  if (kind === 'env') return { sudoPasswordEnv: 'SUDO_PW' };
  return {};
}

function hosts(g: ReturnType<typeof generator>): Doc[] {
  const count = 1 + Math.floor(g.next() * 5);
  return Array.from({ length: count }, (_, index) => ({
    address: `10.0.0.${index + 1}`,
    ...(index === 0 ? { role: 'manager' } : g.some({ role: g.pick(['manager', 'worker']) })),
    ...g.some({
      port: g.pick([22, 2222]),
      user: g.pick(['root', 'admin']),
      hostname: `node${String(index + 1).padStart(2, '0')}`,
      labels: { zone: g.pick(['a', 'b']), ...(g.maybe() ? { disk: 'ssd' } : {}) },
      advertiseAddress: `10.0.0.${index + 1}`,
    }),
    // A host with its own login, or the default login with (maybe) its own key passphrase.
    ...(g.maybe(0.4) ? login(g, false) : g.maybe(0.2) ? passphrase(g) : {}),
    ...(g.maybe(0.3) ? sudo(g) : {}),
  }));
}

function daemon(g: ReturnType<typeof generator>): Doc {
  return g.some({
    'registry-mirrors': ['https://docker.m.daocloud.io'],
    'insecure-registries': ['10.0.0.5:5000'],
    'log-driver': g.pick(['json-file', 'local', 'journald']),
    'log-opts': { 'max-size': '100m', ...(g.maybe() ? { 'max-file': '3' } : { compress: 'true' }) },
    'data-root': '/data/docker',
    'exec-opts': g.pick([
      ['native.cgroupdriver=systemd'],
      ['native.cgroupdriver=cgroupfs'],
      ['native.cgroupdriver=systemd', 'isolation=default'],
    ]),
    'storage-driver': g.pick(['overlay2', 'vfs']),
    'live-restore': false,
    mtu: 1450,
    'max-concurrent-downloads': 5,
  });
}

function inventoryDocument(seed: number): Doc {
  const g = generator(seed);
  const install = g.pick(['official', 'mirror', 'distro', 'offline', 'skip']);
  const mirror = g.pick(['none', 'aliyun', 'tuna', 'ustc', 'custom']);
  return {
    ...g.some({ name: g.pick(['lab', 'swarm-1']) }),
    defaults: {
      ...g.some({ user: g.pick(['root', 'admin']), port: g.pick([22, 2222]), role: 'worker' }),
      ...login(g, true),
      ...sudo(g),
    },
    ...(g.maybe(0.3)
      ? {
          jumpHost: {
            address: '10.9.0.1',
            ...g.some({ port: 2200, user: 'hop' }),
            ...login(g, false),
          },
        }
      : {}),
    hosts: hosts(g),
    prepare: {
      mirror,
      ...(mirror === 'custom' ? { mirrorUrl: 'https://mirrors.example.com' } : {}),
      ...g.some({
        hostsFile: g.maybe(),
        timeSync: g.maybe(),
        firewall: g.pick(['open-ports', 'disable', 'leave']),
        selinux: g.pick(['keep', 'permissive']),
        keyExchange: g.maybe(),
        managerKeyToNodes: g.maybe(),
      }),
    },
    docker: {
      install,
      ...(install === 'mirror'
        ? { mirror: g.pick(['aliyun', 'https://mirror.example.com/docker-ce']) }
        : {}),
      ...(install === 'offline' ? { offlineBundle: '/srv/docker-bundle.tar.gz' } : {}),
      ...g.some({ version: '24.0.7', removeConflicting: g.maybe() }),
      ...(g.maybe(0.7) ? { daemon: daemon(g) } : {}),
    },
    swarm: g.some({
      advertiseInterface: 'eth0',
      dataPathAddr: '10.0.0.1',
      dataPathPort: 4790,
      network: g.some({
        name: 'swarm_net',
        subnet: '10.20.0.0/24',
        attachable: g.maybe(),
        encrypted: g.maybe(),
        mtu: 1400,
      }),
    }),
    verify: g.some({
      enabled: g.maybe(),
      image: 'nginx:alpine',
      imageArchive: '/srv/nginx.tar',
      replicasPerNode: 2,
      keepService: g.maybe(),
    }),
  };
}

function validated(document: unknown): Inventory | undefined {
  const result = validateInventory(document);
  return result.ok ? result.inventory : undefined;
}

/**
 * What an inventory means: each host as the run resolves it (defaults applied), and every
 * option. The wizard may spell a default out (user: root), which means the same.
 */
function meaning(inventory: Inventory | undefined) {
  if (!inventory) return undefined;
  const options: Partial<Inventory> = { ...inventory };
  delete options.defaults;
  delete options.hosts;
  return { hosts: resolveHosts(inventory), options };
}

describe('an inventory survives load → wizard → save', () => {
  it('unchanged, for 400 generated inventories', () => {
    let checked = 0;
    for (let seed = 1; seed <= 400; seed += 1) {
      const loaded = inventoryDocument(seed);
      const before = validated(loaded);
      if (!before) continue;
      checked += 1;
      const saved = toInventoryDocument(fromInventoryDocument(loaded));
      const after = validateInventory(saved);
      expect(after.ok ? [] : after.errors, `seed ${seed}`).toEqual([]);
      expect(meaning(validated(saved)), `seed ${seed}`).toEqual(meaning(before));
    }
    // The generator writes valid inventories: most of them count.
    expect(checked).toBeGreaterThan(300);
  });

  it('keeps what the wizard does not show, and lets go of what the person replaced', () => {
    const draft = fromInventoryDocument({
      defaults: { passwordEnv: 'LAB_PASSWORD', sudoPasswordEnv: 'SUDO_PW' },
      hosts: [
        { address: '10.0.0.1', role: 'manager', advertiseAddress: '10.0.0.1' },
        { address: '10.0.0.2', passwordEnv: 'NODE2_PW' },
      ],
      swarm: { dataPathPort: 4790 },
      verify: { replicasPerNode: 3 },
      docker: { daemon: { 'live-restore': false, 'exec-opts': ['isolation=default'] } },
    });
    // The person logs in to node 2 with a key instead, types the sudo password, removes the
    // first host's row and adds another, and turns the systemd cgroup driver on.
    const second = draft.hosts[1];
    if (!second) throw new Error('no second row');
    second.login = 'key';
    second.keyFile = '/root/.ssh/lab';
    draft.access.sudoPassword = 'typed';
    draft.hosts = [second, newHostRow({ address: '10.0.0.3', role: 'manager' })];
    draft.options.docker.daemon.systemdCgroups = true;
    const saved = toInventoryDocument(draft) as Doc;

    expect(saved.defaults).toEqual(
      expect.objectContaining({ passwordEnv: 'LAB_PASSWORD', sudoPassword: 'typed' }),
    );
    expect(saved.defaults).not.toHaveProperty('sudoPasswordEnv');
    expect(saved.hosts).toEqual([
      expect.objectContaining({ address: '10.0.0.2', keyFile: '/root/.ssh/lab' }),
      { address: '10.0.0.3', role: 'manager' },
    ]);
    expect((saved.hosts as Doc[])[0]).not.toHaveProperty('passwordEnv');
    expect(saved.swarm).toEqual(expect.objectContaining({ dataPathPort: 4790 }));
    expect(saved.verify).toEqual(expect.objectContaining({ replicasPerNode: 3 }));
    expect((saved.docker as Doc).daemon).toEqual({
      'live-restore': false,
      'exec-opts': ['isolation=default', 'native.cgroupdriver=systemd'],
    });
    expect(validated(saved)).toBeDefined();
  });

  it('drops a jump host switched off, with the fields the wizard did not show of it', () => {
    const draft = fromInventoryDocument({
      jumpHost: { address: '10.9.0.1', passwordEnv: 'JUMP_PW' },
      hosts: [{ address: '10.0.0.1', role: 'manager', password: 'p' }],
    });
    expect(toInventoryDocument(draft)).toHaveProperty('jumpHost.passwordEnv', 'JUMP_PW');
    draft.access.jump.enabled = false;
    expect(toInventoryDocument(draft)).not.toHaveProperty('jumpHost');
  });
});
