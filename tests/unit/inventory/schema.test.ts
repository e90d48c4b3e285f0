import { describe, expect, it } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { minimal, setAt } from './helpers';

type Path = (string | number)[];

function errorsFor(path: Path, value: unknown) {
  const data = minimal();
  if (path[0] === 'defaults' && path[1] === 'sudoPasswordEnv')
    setAt(data, ['defaults', 'sudoPassword'], 'pw');
  const result = validateInventory(setAt(data, path, value));
  return result.errors;
}

describe('field validation', () => {
  const invalid: { path: Path; value: unknown; issuePath: string; message: RegExp; fix: RegExp }[] =
    [
      {
        path: ['hosts', 2, 'hostname'],
        value: 'node_1',
        issuePath: 'hosts[2].hostname',
        message: /"node_1" is not a valid hostname/,
        fix: /e\.g\. "node-1"/,
      },
      {
        path: ['hosts', 0, 'hostname'],
        value: 'a'.repeat(64),
        issuePath: 'hosts[0].hostname',
        message: /not a valid hostname/,
        fix: /max 63/,
      },
      {
        path: ['hosts', 0, 'hostname'],
        value: '-node',
        issuePath: 'hosts[0].hostname',
        message: /not a valid hostname/,
        fix: /"node"/,
      },
      {
        path: ['hosts', 0, 'address'],
        value: '192.168.1.300',
        issuePath: 'hosts[0].address',
        message: /not a valid IPv4 address/,
        fix: /IPv4 address/,
      },
      {
        path: ['hosts', 0, 'address'],
        value: '[fe80::1]',
        issuePath: 'hosts[0].address',
        message: /brackets/,
        fix: /"fe80::1"/,
      },
      {
        path: ['hosts', 0, 'address'],
        value: '192.168.1.10:2222',
        issuePath: 'hosts[0].address',
        message: /not an IP address or DNS name/,
        fix: /port: 2222/,
      },
      {
        path: ['hosts', 0, 'port'],
        value: 0,
        issuePath: 'hosts[0].port',
        message: /below the minimum 1/,
        fix: /from 1 to 65535/,
      },
      {
        path: ['hosts', 0, 'port'],
        value: '22',
        issuePath: 'hosts[0].port',
        message: /expected a number/,
        fix: /without quotes: port: 22/,
      },
      {
        path: ['hosts', 0, 'port'],
        value: 22.5,
        issuePath: 'hosts[0].port',
        message: /whole number/,
        fix: /whole number/,
      },
      {
        path: ['hosts', 0, 'user'],
        value: 'bad user',
        issuePath: 'hosts[0].user',
        message: /not a valid user name/,
        fix: /letters/,
      },
      {
        path: ['hosts', 0, 'role'],
        value: 'manger',
        issuePath: 'hosts[0].role',
        message: /not one of the choices/,
        fix: /did you mean "manager"/,
      },
      {
        path: ['hosts', 0, 'labels'],
        value: { 'zone=a': 'x' },
        issuePath: 'hosts[0].labels["zone=a"]',
        message: /not a valid label key/,
        fix: /letters/,
      },
      {
        path: ['hosts', 0, 'labels'],
        value: { 'com.docker.x': 'y' },
        issuePath: 'hosts[0].labels["com.docker.x"]',
        message: /reserves/,
        fix: /com\.docker/,
      },
      {
        path: ['hosts', 0, 'labels'],
        value: { zone: 'a b' },
        issuePath: 'hosts[0].labels.zone',
        message: /not a valid label value/,
        fix: /no spaces/,
      },
      {
        path: ['hosts', 0, 'labels'],
        value: { gpu: true },
        issuePath: 'hosts[0].labels.gpu',
        message: /expected text/,
        fix: /gpu: "true"/,
      },
      {
        path: ['hosts', 0, 'advertiseAddress'],
        value: 'eth0',
        issuePath: 'hosts[0].advertiseAddress',
        message: /not an IP address/,
        fix: /IP/,
      },
      {
        path: ['hosts', 0, 'passwordEnv'],
        value: '1PASS',
        issuePath: 'hosts[0].passwordEnv',
        message: /environment variable name/,
        fix: /SWARM_PASSWORD/,
      },
      {
        path: ['hosts', 0, 'password'],
        value: '',
        issuePath: 'hosts[0].password',
        message: /empty/,
        fix: /asked at run time/,
      },
      {
        path: ['hosts', 0],
        value: { address: '10.1.1.1', role: 'manager', password: 'pw12', keyFile: '~/.ssh/id' },
        issuePath: 'hosts[0].keyFile',
        message: /more than one way to log in is set: password, keyFile/,
        fix: /choose one/,
      },
      {
        path: ['defaults', 'sudoPasswordEnv'],
        value: 'SUDO',
        issuePath: 'defaults.sudoPasswordEnv',
        message: /sudoPassword and sudoPasswordEnv/,
        fix: /keep one/,
      },
      {
        path: ['hosts'],
        value: [],
        issuePath: 'hosts',
        message: /at least 1 item/,
        fix: /add at least one host/,
      },
      {
        path: ['prepare', 'mirror'],
        value: 'custom',
        issuePath: 'prepare.mirrorUrl',
        message: /mirrorUrl is missing/,
        fix: /mirrorUrl/,
      },
      {
        path: ['prepare', 'firewall'],
        value: 'off',
        issuePath: 'prepare.firewall',
        message: /not one of/,
        fix: /open-ports, disable, leave/,
      },
      {
        path: ['docker', 'install'],
        value: 'mirror',
        issuePath: 'docker.mirror',
        message: /no mirror/,
        fix: /aliyun/,
      },
      {
        path: ['docker', 'install'],
        value: 'offline',
        issuePath: 'docker.offlineBundle',
        message: /offlineBundle is missing/,
        fix: /path/,
      },
      {
        path: ['docker', 'mirror'],
        value: 'ftp://x',
        issuePath: 'docker.mirror',
        message: /not a known Docker mirror/,
        fix: /aliyun, tuna, ustc, azure/,
      },
      {
        path: ['docker', 'version'],
        value: 'latest',
        issuePath: 'docker.version',
        message: /not a Docker version/,
        fix: /24\.0\.7/,
      },
      {
        path: ['docker', 'version'],
        value: 24,
        issuePath: 'docker.version',
        message: /expected text/,
        fix: /version: "24"/,
      },
      {
        path: ['docker', 'daemon', 'live-restore'],
        value: true,
        issuePath: 'docker.daemon.live-restore',
        message: /swarm mode/,
        fix: /remove live-restore/,
      },
      {
        path: ['docker', 'daemon', 'registry-mirror'],
        value: [],
        issuePath: 'docker.daemon.registry-mirror',
        message: /unknown key "registry-mirror"/,
        fix: /did you mean "registry-mirrors"/,
      },
      {
        path: ['docker', 'daemon', 'log_opts'],
        value: {},
        issuePath: 'docker.daemon.log_opts',
        message: /unknown key/,
        fix: /"log-opts"/,
      },
      {
        path: ['docker', 'daemon', 'dns-search'],
        value: ['lab'],
        issuePath: 'docker.daemon.dns-search',
        message: /does not manage/,
        fix: /remove it/,
      },
      {
        path: ['docker', 'daemon', 'registry-mirrors'],
        value: ['docker.m.daocloud.io'],
        issuePath: 'docker.daemon.registry-mirrors[0]',
        message: /not a registry mirror URL/,
        fix: /https:\/\//,
      },
      {
        path: ['docker', 'daemon', 'registry-mirrors'],
        value: 'https://a.b',
        issuePath: 'docker.daemon.registry-mirrors',
        message: /expected a list/,
        fix: /\["https:\/\/a\.b"\]/,
      },
      {
        path: ['docker', 'daemon', 'insecure-registries'],
        value: ['http://10.0.0.5:5000'],
        issuePath: 'docker.daemon.insecure-registries[0]',
        message: /has a scheme/,
        fix: /"10\.0\.0\.5:5000"/,
      },
      {
        path: ['docker', 'daemon', 'log-opts'],
        value: { 'max-file': 3 },
        issuePath: 'docker.daemon.log-opts.max-file',
        message: /expected text/,
        fix: /max-file: "3"/,
      },
      {
        path: ['docker', 'daemon', 'log-opts'],
        value: { 'max-size': '10mb' },
        issuePath: 'docker.daemon.log-opts.max-size',
        message: /not a valid max-size/,
        fix: /"10m"/,
      },
      {
        path: ['docker', 'daemon', 'data-root'],
        value: 'data/docker',
        issuePath: 'docker.daemon.data-root',
        message: /absolute path/,
        fix: /"\/"/,
      },
      {
        path: ['docker', 'daemon', 'exec-opts'],
        value: ['native.cgroupdriver=system'],
        issuePath: 'docker.daemon.exec-opts[0]',
        message: /exec option/,
        fix: /systemd or cgroupfs/,
      },
      {
        path: ['docker', 'daemon', 'mtu'],
        value: 70000,
        issuePath: 'docker.daemon.mtu',
        message: /above the maximum 65535/,
        fix: /from 68 to 65535/,
      },
      {
        path: ['docker', 'daemon', 'default-address-pools'],
        value: [{ base: '10.20.0.0/16', size: 8 }],
        issuePath: 'docker.daemon.default-address-pools[0].size',
        message: /larger than the pool/,
        fix: /at least 16/,
      },
      {
        path: ['docker', 'daemon', 'dns'],
        value: ['dns.google'],
        issuePath: 'docker.daemon.dns[0]',
        message: /not an IP address/,
        fix: /223\.5\.5\.5/,
      },
      {
        path: ['docker', 'daemon', 'bip'],
        value: '172.26.0.0/16',
        issuePath: 'docker.daemon.bip',
        message: /not a bridge address/,
        fix: /172\.26\.0\.1\/16/,
      },
      {
        path: ['docker', 'daemon', 'log-driver'],
        value: 'json',
        issuePath: 'docker.daemon.log-driver',
        message: /not one of/,
        fix: /json-file/,
      },
      {
        path: ['swarm', 'network', 'subnet'],
        value: '10.10.0.0',
        issuePath: 'swarm.network.subnet',
        message: /not an IPv4 CIDR/,
        fix: /10\.10\.0\.0\/24/,
      },
      {
        path: ['swarm', 'network', 'name'],
        value: 'ingress',
        issuePath: 'swarm.network.name',
        message: /Docker creates itself/,
        fix: /swarmlab-net/,
      },
      {
        path: ['swarm', 'network', 'name'],
        value: '-net',
        issuePath: 'swarm.network.name',
        message: /not a valid network name/,
        fix: /letter or digit/,
      },
      {
        path: ['swarm', 'dataPathPort'],
        value: 80,
        issuePath: 'swarm.dataPathPort',
        message: /below the minimum 1024/,
        fix: /1024 to 49151/,
      },
      {
        path: ['verify', 'image'],
        value: 'BusyBox',
        issuePath: 'verify.image',
        message: /not an image reference/,
        fix: /lowercase/,
      },
      {
        path: ['verify', 'replicasPerNode'],
        value: 0,
        issuePath: 'verify.replicasPerNode',
        message: /below the minimum 1/,
        fix: /1 to 10/,
      },
      {
        path: ['verfy'],
        value: {},
        issuePath: 'verfy',
        message: /unknown key "verfy"/,
        fix: /did you mean "verify"/,
      },
      {
        path: ['hosts', 0, 'registry-mirrors'],
        value: [],
        issuePath: 'hosts[0].registry-mirrors',
        message: /unknown key/,
        fix: /belongs under docker\.daemon/,
      },
    ];

  it.each(invalid)('$issuePath = $value is refused', ({ path, value, issuePath, message, fix }) => {
    const errors = errorsFor(path, value);
    const issue = errors.find((candidate) => candidate.path === issuePath);
    expect(issue, JSON.stringify(errors)).toBeDefined();
    expect(issue?.message).toMatch(message);
    expect(issue?.fix).toMatch(fix);
    // Said in Chinese too, message and fix, for the wizard in 简体中文.
    expect(issue?.localized?.message.en).toBe(issue?.message);
    expect(issue?.localized?.message['zh-CN']).toMatch(/\p{Script=Han}/u);
    expect(issue?.localized?.fix['zh-CN']).toMatch(/\p{Script=Han}/u);
  });

  it('takes the tutorial’s subnet 172.168.0.1/24 as 172.168.0.0/24, says so, and warns it is public space', () => {
    const result = validateInventory(
      setAt(minimal(), ['swarm', 'network', 'subnet'], '172.168.0.1/24'),
    );
    expect(result.errors).toEqual([]);
    expect(result.inventory?.swarm.network.subnet).toBe('172.168.0.0/24');
    const said = result.warnings.filter((issue) => issue.path === 'swarm.network.subnet');
    expect(said.map((issue) => issue.message)).toEqual([
      '"172.168.0.1/24" has host bits set: it is taken as 172.168.0.0/24, as Docker would',
      'overlay subnet 172.168.0.0/24 is public address space (not RFC 1918): containers could not reach the real internet addresses it shadows',
    ]);
    expect(said[1]?.fix).toMatch(/172\.20\.0\.0\/24/);
    // Private blocks, as written: nothing to say.
    for (const subnet of ['10.10.0.0/24', '172.20.0.0/24', '192.168.100.0/24']) {
      const quiet = validateInventory(setAt(minimal(), ['swarm', 'network', 'subnet'], subnet));
      expect(
        quiet.warnings.filter((issue) => issue.path === 'swarm.network.subnet'),
        subnet,
      ).toEqual([]);
    }
    // 172.32.0.0 is just past 172.16.0.0/12.
    const past = validateInventory(
      setAt(minimal(), ['swarm', 'network', 'subnet'], '172.32.0.0/24'),
    );
    expect(past.warnings.map((issue) => issue.message).join('\n')).toMatch(/public address space/);
  });

  const valid: { path: Path; value: unknown }[] = [
    { path: ['hosts', 0, 'address'], value: 'fe80::1' },
    { path: ['hosts', 0, 'address'], value: 'node01.lab.example' },
    { path: ['hosts', 0, 'hostname'], value: 'a'.repeat(63) },
    { path: ['hosts', 0, 'port'], value: 2222 },
    { path: ['hosts', 0, 'labels'], value: { 'lab.disk': 'ssd', zone: 'cn-east-1a' } },
    { path: ['docker', 'version'], value: '5:24.0.7-1~debian.12~bookworm' },
    { path: ['docker', 'version'], value: '3:24.0.7-1.el9' },
    { path: ['docker', 'mirror'], value: 'https://mirrors.ustc.edu.cn/docker-ce' },
    {
      path: ['docker', 'daemon'],
      value: { 'insecure-registries': ['10.0.0.0/8', 'reg.lab:5000', '[fd00::1]:5000'] },
    },
    {
      path: ['docker', 'daemon'],
      value: {
        'default-address-pools': [{ base: '10.201.0.0/16', size: 24 }],
        'live-restore': false,
      },
    },
    {
      path: ['docker', 'daemon'],
      value: {
        features: { 'containerd-snapshotter': true },
        'fixed-cidr-v6': 'fd00:dead:beef::/48',
        ipv6: true,
      },
    },
    { path: ['docker', 'daemon'], value: { hosts: ['unix:///var/run/docker.sock'] } },
    {
      path: ['verify', 'image'],
      value: 'registry.lab:5000/tools/busybox:1.36@sha256:' + 'a'.repeat(64),
    },
    { path: ['jumpHost'], value: { address: 'bastion.example.com', port: 2222, agent: true } },
  ];

  it.each(valid)('$path = $value is accepted', ({ path, value }) => {
    const result = validateInventory(setAt(minimal(), path, value));
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('fills in the documented defaults', () => {
    const result = validateInventory(minimal());
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const { inventory } = result;
    expect(inventory.name).toBe('swarmlab');
    expect(inventory.prepare).toEqual({
      mirror: 'none',
      hostsFile: true,
      timeSync: true,
      firewall: 'open-ports',
      selinux: 'keep',
      keyExchange: true,
      managerKeyToNodes: false,
    });
    expect(inventory.docker).toEqual({ install: 'distro', removeConflicting: false });
    expect(inventory.swarm.network).toEqual({
      name: 'swarmlab-net',
      subnet: '10.10.0.0/24',
      attachable: true,
      encrypted: false,
    });
    expect(inventory.verify).toEqual({
      enabled: true,
      image: 'swarmlab/busybox:1',
      replicasPerNode: 1,
      keepService: false,
    });
  });
});
