import { describe, expect, it } from 'vitest';
import {
  advertiseAddressFor,
  CLUSTER_CHECKS,
  clusterChecks,
  HOST_CHECKS,
  hostChecks,
} from '../../../electron/engine/facts/checks';
import { parseFacts } from '../../../electron/engine/facts/facts';
import type { PlanHostSummary } from '../../../electron/shared/plan';
import { factsFixture as hostFacts } from '../steps/facts-fixtures';

/** What the facts probe printed on a lab host (Debian 12 in systemd-nspawn), as root. */
const LAB_HOST_OUTPUT = `os.id=debian
os.id_like=
os.version_id=12
os.codename=bookworm
os.pretty_name=Debian GNU/Linux 12 (bookworm)
arch=x86_64
kernel=6.18.44-fc-v657
init=systemd
container=systemd-nspawn
cgroup=tmpfs
user.uid=0
hostname=lab-1
machine_id=5bd5f0c3a1c04c7e9d1f1b2cba1e4a11
time.ms=1795723000123
package_manager=apt-get
disk.var_lib_kb=82242284
memory_kb=24684092
cpus=2
net.ipv4=lo 127.0.0.1/8
net.ipv4=eth0 10.210.0.11/24
net.default_iface=eth0
service.firewalld=inactive
service.ufw=inactive
service.chronyd=inactive
service.chrony=inactive
service.systemd-timesyncd=inactive
service.ntp=inactive
service.ntpd=inactive
service.docker=active
time.synchronized=no
selinux=absent
docker.client=20.10.24+dfsg1
docker.server=20.10.24+dfsg1
docker.swarm=active abcnode123 clusterxyz789 true
ip_vs=no
sudo=present
peer.node02=open
peer.node03=closed
end=1
`;

const host: PlanHostSummary = {
  id: 'node01',
  address: '10.210.0.11',
  port: 22,
  user: 'root',
  role: 'manager',
};

describe('parseFacts', () => {
  it('reads every field of a real probe answer', () => {
    const facts = parseFacts(LAB_HOST_OUTPUT);
    expect(facts.os).toEqual({
      id: 'debian',
      idLike: [],
      versionId: '12',
      codename: 'bookworm',
      prettyName: 'Debian GNU/Linux 12 (bookworm)',
      family: 'debian',
    });
    expect(facts.container).toBe('systemd-nspawn');
    expect(facts.cgroupVersion).toBe(1);
    expect(facts.interfaces).toEqual([
      { name: 'lo', address: '127.0.0.1', prefix: 8 },
      { name: 'eth0', address: '10.210.0.11', prefix: 24 },
    ]);
    expect(facts.docker).toEqual({
      clientVersion: '20.10.24+dfsg1',
      serverVersion: '20.10.24+dfsg1',
      swarm: { state: 'active', nodeId: 'abcnode123', clusterId: 'clusterxyz789', isManager: true },
    });
    expect(facts.freeDiskVarLibMb).toBe(80314);
    expect(facts.peers).toEqual({ node02: 'open', node03: 'closed' });
    expect(facts.ipvs).toBe(false);
  });

  it('maps RHEL rebuilds to their EL version', () => {
    const probe = (id: string, version: string, like = 'rhel centos fedora') =>
      parseFacts(`os.id=${id}\nos.id_like=${like}\nos.version_id=${version}\nend=1\n`).os;
    expect(probe('rocky', '9.4')).toMatchObject({ family: 'rhel', elVersion: 9 });
    expect(probe('centos', '7')).toMatchObject({ family: 'rhel', elVersion: 7 });
    expect(probe('openEuler', '22.03', '')).toMatchObject({ family: 'rhel', elVersion: 9 });
    expect(probe('ubuntu', '24.04', 'debian')).toMatchObject({ family: 'debian' });
    expect(probe('arch', 'rolling', '')).toMatchObject({ family: 'unknown' });
  });

  it('refuses an answer that was cut short', () => {
    expect(() => parseFacts(LAB_HOST_OUTPUT.replace('end=1\n', ''))).toThrow(/cut short/);
  });
});

describe('preflight checks', () => {
  const ok = { offsetMs: 40, uncertaintyMs: 5 };
  const status = (checks: { id: string; status: string }[], id: string) =>
    checks.find((check) => check.id === id)?.status;

  it('passes a healthy host', () => {
    const checks = hostChecks(
      host,
      hostFacts('debian-12', {
        interfaces: [{ name: 'eth0', address: '10.210.0.11', prefix: 24 }],
      }),
      ok,
    );
    expect(checks.filter((check) => check.status === 'fail')).toEqual([]);
    expect(status(checks, 'advertise-address')).toBe('pass');
  });

  it('fails what would stop the setup, each with a fix', () => {
    const facts = hostFacts('debian-12', { init: 'openrc', freeDiskVarLibMb: 100 });
    const checks = hostChecks(
      host,
      { ...facts, os: { ...facts.os, family: 'unknown', prettyName: 'Alpine' } },
      { offsetMs: 600_000, uncertaintyMs: 10 },
    );
    for (const id of ['os', 'init', 'disk', 'clock']) {
      const check = checks.find((candidate) => candidate.id === id);
      expect(check?.status, id).toBe('fail');
      expect(check?.fix, id).toBeTruthy();
    }
  });

  it('warns about a clock that drifts by seconds, within the measuring error', () => {
    const checks = hostChecks(host, hostFacts('debian-12'), {
      offsetMs: 3_000,
      uncertaintyMs: 200,
    });
    expect(status(checks, 'clock')).toBe('warn');
    expect(
      status(
        hostChecks(host, hostFacts('debian-12'), { offsetMs: 3_000, uncertaintyMs: 1_500 }),
        'clock',
      ),
    ).toBe('pass');
  });

  it('says plainly when the routing mesh cannot work', () => {
    const check = hostChecks(host, hostFacts('debian-12', { ipvs: false }), ok).find(
      (candidate) => candidate.id === 'routing-mesh',
    );
    expect(check).toMatchObject({ status: 'warn' });
    expect(check?.detail).toMatch(/no IPVS/);
  });

  it('flags cloned machine-ids and a host in another swarm', () => {
    const swarm = (clusterId: string) => ({
      clientVersion: '24',
      serverVersion: '24',
      swarm: { state: 'active' as const, nodeId: 'n', clusterId, isManager: true },
    });
    const all = new Map([
      ['node01', hostFacts('debian-12', { docker: swarm('cluster-a') })],
      ['node02', hostFacts('debian-12', { docker: swarm('cluster-b') })],
    ]);
    const checks = clusterChecks(host, all);
    expect(status(checks, 'machine-id')).toBe('warn');
    expect(checks.find((check) => check.id === 'swarm')).toMatchObject({ status: 'fail' });
  });

  it('runs one function per check from its table, in order, leaving out the checks that do not apply', () => {
    const facts = hostFacts('debian-12', { memoryMb: 4096, peers: {} });
    const rows = HOST_CHECKS.map((check) => check(host, facts, ok));
    // Plenty of memory and no peers tested: those two rows do not apply to this host.
    expect(rows.map((row) => row?.id)).toEqual([
      ...['os', 'arch', 'init', 'cgroup', 'disk', undefined, 'clock', 'time-sync'],
      ...['privileges', 'docker', 'advertise-address', 'routing-mesh', undefined],
    ]);
    expect(hostChecks(host, facts, ok)).toEqual(rows.filter((row) => row !== undefined));

    const all = new Map([
      ['node01', hostFacts('debian-12')],
      ['node02', hostFacts('debian-12', { machineId: 'another', hostname: 'node02' })],
    ]);
    const others = [...all.entries()].filter(([id]) => id !== host.id);
    const mine = all.get('node01');
    if (!mine) throw new Error('the map above has node01');
    const clusterRows = CLUSTER_CHECKS.map((check) => check(host, mine, others));
    // Neither host is in a swarm, so the other-swarm row does not apply.
    expect(clusterRows.map((row) => row?.id)).toEqual(['machine-id', 'hostname', undefined]);
    expect(clusterChecks(host, all)).toEqual(clusterRows.filter((row) => row !== undefined));
  });

  it('words every check in Chinese too, with a fix wherever the English has one', () => {
    const facts = hostFacts('debian-12');
    const swarm = (clusterId: string) => ({
      clientVersion: '24',
      serverVersion: '24',
      swarm: { state: 'active' as const, nodeId: 'n', clusterId, isManager: true },
    });
    const checks = [
      ...hostChecks(host, facts, ok),
      ...hostChecks(
        { ...host, user: 'labuser', address: '203.0.113.7' },
        {
          ...facts,
          os: { ...facts.os, family: 'unknown', prettyName: 'Alpine' },
          init: 'openrc',
          arch: 'riscv64',
          freeDiskVarLibMb: 100,
          memoryMb: 256,
          uid: 1000,
          ipvs: false,
          services: {},
          container: '',
          docker: { ...facts.docker, serverVersion: '', clientVersion: '24.0.7' },
          peers: { '10.0.0.2': 'closed' },
        },
        { offsetMs: 600_000, uncertaintyMs: 10 },
      ),
      ...clusterChecks(
        { ...host, hostname: '' },
        new Map([
          ['node01', hostFacts('debian-12', { docker: swarm('cluster-a') })],
          ['node02', hostFacts('debian-12', { docker: swarm('cluster-b') })],
        ]),
      ),
    ];
    // Every check the preflight tables show, passing and not.
    expect(new Set(checks.map((check) => check.id))).toEqual(
      new Set([
        ...['os', 'arch', 'init', 'cgroup', 'disk', 'memory', 'clock', 'time-sync', 'sudo'],
        ...['privileges', 'docker', 'advertise-address', 'routing-mesh', 'peers'],
        ...['machine-id', 'hostname', 'swarm'],
      ]),
    );
    expect(checks.filter((check) => check.status === 'pass').length).toBeGreaterThan(8);
    expect(checks.filter((check) => check.status !== 'pass').length).toBeGreaterThan(8);
    for (const check of checks) {
      const zh = check.translations?.['zh-CN'];
      const label = `${check.id}:${check.status} ${check.detail}`;
      expect(zh, label).toBeDefined();
      // Only a bare technical word ("systemd", "cgroup v2") reads the same in both languages.
      if (!/^(systemd|cgroup v\d)$/.test(check.detail)) {
        expect(zh?.detail, label).toMatch(/[\u4e00-\u9fff]/);
      }
      expect(Boolean(zh?.fix), label).toBe(Boolean(check.fix));
      if (zh?.fix) expect(zh.fix, label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('advertises the address the host is reached by, or the one the inventory pins', () => {
    const facts = hostFacts('debian-12', {
      interfaces: [
        { name: 'eth0', address: '10.0.2.15', prefix: 24 },
        { name: 'eth1', address: '192.168.56.11', prefix: 24 },
      ],
    });
    expect(advertiseAddressFor({ ...host, address: '192.168.56.11' }, facts)).toMatchObject({
      address: '192.168.56.11',
      onInterface: true,
    });
    expect(advertiseAddressFor({ ...host, address: '203.0.113.7' }, facts)).toMatchObject({
      address: '10.0.2.15',
      onInterface: false,
    });
    expect(advertiseAddressFor({ ...host, address: '203.0.113.7' }, facts, 'eth1').address).toBe(
      '192.168.56.11',
    );
  });
});
