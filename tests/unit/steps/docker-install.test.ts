import { spawnSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { judgeDockerInstall } from '../../../electron/engine/steps/docker-install/judge';
import {
  packageNameOfFile,
  readOfflineBundle,
  type OfflineBundle,
} from '../../../electron/engine/steps/docker-install/offline-bundle';
import {
  dockerInstallPlan,
  dockerInstallScript,
  type DockerInstallPlan,
} from '../../../electron/engine/steps/docker-install/plan';
import {
  dockerProbeScript,
  parseDockerProbe,
  type DockerHostState,
} from '../../../electron/engine/steps/docker-install/probe';
import {
  ENABLE_DOCKER,
  removePackagesScript,
} from '../../../electron/engine/steps/docker-install/script';
import type { DockerInstallOptions } from '../../../electron/engine/steps/docker-install/sources';
import { pinPattern, versionMatches } from '../../../electron/engine/steps/docker-install/versions';
import { StepFailure } from '../../../electron/engine/steps/step';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';
import { factsFixture, type OsFixture } from './facts-fixtures';

const options = (overrides: Partial<DockerInstallOptions> = {}): DockerInstallOptions => ({
  install: 'official',
  removeConflicting: false,
  ...overrides,
});

const DEB_BUNDLE: OfflineBundle = {
  kind: 'packages',
  format: 'deb',
  files: [
    'containerd.io_1.7.22-1_amd64.deb',
    'docker-ce-cli_27.3.1-1~debian.12~bookworm_amd64.deb',
    'docker-ce_27.3.1-1~debian.12~bookworm_amd64.deb',
  ].map((fileName) => ({ localPath: `/home/op/bundle/${fileName}`, fileName })),
};

const RPM_BUNDLE: OfflineBundle = {
  kind: 'packages',
  format: 'rpm',
  files: [
    'container-selinux-2.229.0-1.el9.noarch.rpm',
    'containerd.io-1.7.22-3.1.el9.x86_64.rpm',
    'docker-ce-27.3.1-1.el9.x86_64.rpm',
    'docker-ce-cli-27.3.1-1.el9.x86_64.rpm',
  ].map((fileName) => ({ localPath: `/home/op/bundle/${fileName}`, fileName })),
};

const STATIC_BUNDLE: OfflineBundle = {
  kind: 'static',
  localPath: '/home/op/docker-27.3.1.tgz',
  fileName: 'docker-27.3.1.tgz',
  version: '27.3.1',
};

const DEB_SYSTEMS: OsFixture[] = [
  'debian-11',
  'debian-12',
  'debian-13',
  'ubuntu-20.04',
  'ubuntu-22.04',
  'ubuntu-24.04',
];
const RPM_SYSTEMS: OsFixture[] = [
  'centos-7',
  'rocky-8',
  'rocky-9',
  'alma-9',
  'fedora-40',
  'openeuler-22.03',
];

interface GoldenCase {
  name: string;
  os: OsFixture;
  docker: DockerInstallOptions;
  bundle?: OfflineBundle;
}

function goldenCases(): GoldenCase[] {
  const cases: GoldenCase[] = [];
  for (const os of [...DEB_SYSTEMS, ...RPM_SYSTEMS]) {
    const deb = DEB_SYSTEMS.includes(os);
    cases.push({ name: `${os}-official`, os, docker: options() });
    cases.push({
      name: `${os}-mirror`,
      os,
      docker: options({ install: 'mirror', mirror: 'aliyun' }),
    });
    if (deb || os === 'fedora-40')
      cases.push({ name: `${os}-distro`, os, docker: options({ install: 'distro' }) });
    // The package bundle a user would download for the system; Fedora gets the static tarball.
    const bundle = os === 'fedora-40' ? STATIC_BUNDLE : deb ? DEB_BUNDLE : RPM_BUNDLE;
    cases.push({ name: `${os}-offline`, os, docker: options({ install: 'offline' }), bundle });
  }
  cases.push(
    {
      name: 'debian-12-offline-static',
      os: 'debian-12',
      docker: options({ install: 'offline' }),
      bundle: STATIC_BUNDLE,
    },
    {
      name: 'rocky-9-offline-static',
      os: 'rocky-9',
      docker: options({ install: 'offline' }),
      bundle: STATIC_BUNDLE,
    },
    { name: 'debian-12-official-pinned', os: 'debian-12', docker: options({ version: '24.0.7' }) },
    {
      name: 'ubuntu-22.04-mirror-tuna-pinned',
      os: 'ubuntu-22.04',
      docker: options({
        install: 'mirror',
        mirror: 'tuna',
        version: '5:26.1.4-1~ubuntu.22.04~jammy',
      }),
    },
    {
      name: 'debian-12-distro-pinned',
      os: 'debian-12',
      docker: options({ install: 'distro', version: '20.10' }),
    },
    {
      name: 'centos-7-mirror-pinned',
      os: 'centos-7',
      docker: options({ install: 'mirror', mirror: 'ustc', version: '26.1' }),
    },
    {
      name: 'rocky-9-mirror-custom-pinned',
      os: 'rocky-9',
      docker: options({
        install: 'mirror',
        mirror: 'https://mirror.example.com/docker-ce/',
        version: '3:27.3.1-1.el9',
      }),
    },
    {
      name: 'kylin-v10-mirror',
      os: 'kylin-v10',
      docker: options({ install: 'mirror', mirror: 'azure' }),
    },
    { name: 'anolis-8-official', os: 'anolis-8', docker: options() },
  );
  return cases;
}

/** Every script a plan sends, each on its own: shellcheck must find nothing in any. */
function scriptsOf(plan: DockerInstallPlan): string[] {
  return [plan.prepare, plan.install].filter(Boolean);
}

describe('docker-install golden scripts', () => {
  it.each(goldenCases().map((testCase) => [testCase.name, testCase] as const))(
    '%s',
    (name, testCase) => {
      const plan = dockerInstallPlan(factsFixture(testCase.os), testCase.docker, testCase.bundle);
      const script = dockerInstallScript(plan);
      expectGolden(`docker-install/${name}.sh`, script);
      for (const text of [script, ...scriptsOf(plan)]) expect(shellcheck(text)).toBe('');
    },
  );

  it('shellchecks the probe and removal scripts', () => {
    for (const text of [
      dockerProbeScript('deb'),
      dockerProbeScript('rpm'),
      removePackagesScript('apt-get', ['docker.io', 'containerd', 'runc']),
      removePackagesScript('dnf', ['podman-docker', 'runc']),
      removePackagesScript('yum', ['docker', 'docker-common']),
    ]) {
      expect(shellcheck(text)).toBe('');
    }
    expectGolden('docker-install/probe-deb.sh', dockerProbeScript('deb'));
    expectGolden(
      'docker-install/remove-yum.sh',
      removePackagesScript('yum', ['docker', 'docker-common']),
    );
  });
});

describe('docker-install plans', () => {
  it('maps openEuler, Kylin and Anolis to the CentOS tree of their EL version', () => {
    const repo = (os: OsFixture) =>
      dockerInstallPlan(factsFixture(os), options()).files[0]?.content ?? '';
    expect(repo('openeuler-22.03')).toContain(
      'baseurl=https://download.docker.com/linux/centos/9/$basearch/stable',
    );
    expect(repo('kylin-v10')).toContain('/linux/centos/8/');
    expect(repo('anolis-8')).toContain('/linux/centos/8/');
    expect(repo('fedora-40')).toContain('/linux/fedora/40/');
  });

  it('uses the mirror named in the inventory, or a URL without its trailing slash', () => {
    const list = (mirror: string) =>
      dockerInstallPlan(factsFixture('debian-12'), options({ install: 'mirror', mirror })).files[0]
        ?.content;
    expect(list('aliyun')).toContain(
      'https://mirrors.aliyun.com/docker-ce/linux/debian bookworm stable',
    );
    expect(list('tuna')).toContain('https://mirrors.tuna.tsinghua.edu.cn/docker-ce/linux/debian');
    expect(list('ustc')).toContain('https://mirrors.ustc.edu.cn/docker-ce/linux/debian');
    expect(list('azure')).toContain('https://mirror.azure.cn/docker-ce/linux/debian');
    expect(list('https://m.example/docker-ce/')).toContain(
      'signed-by=/etc/apt/keyrings/docker.asc] https://m.example/docker-ce/linux/debian ',
    );
  });

  it('refuses the distribution package on Enterprise Linux, suggesting mirror or official', () => {
    expect(() =>
      dockerInstallPlan(factsFixture('rocky-9'), options({ install: 'distro' })),
    ).toThrow(/ships no Docker package.*docker\.install: mirror/s);
  });

  it('refuses a pin newer than 26.1 on CentOS 7', () => {
    expect(() =>
      dockerInstallPlan(factsFixture('centos-7'), options({ version: '27.0.3' })),
    ).toThrow(/not built for CentOS 7.*26\.1/);
    expect(() =>
      dockerInstallPlan(factsFixture('centos-7'), options({ version: '3:26.1.4-1.el7' })),
    ).not.toThrow();
  });

  it('refuses an offline bundle of the wrong format or version', () => {
    expect(() =>
      dockerInstallPlan(factsFixture('rocky-9'), options({ install: 'offline' }), DEB_BUNDLE),
    ).toThrow(/\.deb files but .* installs \.rpm/);
    expect(() =>
      dockerInstallPlan(
        factsFixture('debian-12'),
        options({ install: 'offline', version: '24.0' }),
        STATIC_BUNDLE,
      ),
    ).toThrow(/bundle is Docker 27\.3\.1/);
  });

  it('fails clearly on a system it does not know', () => {
    const facts = factsFixture('debian-12');
    expect(() =>
      dockerInstallPlan(
        { ...facts, os: { ...facts.os, id: 'opensuse-leap', family: 'unknown' } },
        options(),
      ),
    ).toThrow(StepFailure);
  });

  it('reads package names from bundle file names', () => {
    expect(packageNameOfFile('docker-ce-cli_27.3.1-1~debian.12~bookworm_amd64.deb')).toBe(
      'docker-ce-cli',
    );
    expect(packageNameOfFile('docker-ce-cli-27.3.1-1.el9.x86_64.rpm')).toBe('docker-ce-cli');
    expect(packageNameOfFile('containerd.io-1.7.22-3.1.el9.x86_64.rpm')).toBe('containerd.io');
  });
});

describe('versions', () => {
  it('matches short pins by prefix and package pins exactly', () => {
    expect(versionMatches('24.0.7', { version: '24.0.7' })).toBe(true);
    expect(versionMatches('24.0', { version: '24.0.9' })).toBe(true);
    expect(versionMatches('24.0', { version: '24.1.0' })).toBe(false);
    expect(versionMatches('20.10.24', { version: '20.10.24+dfsg1' })).toBe(true);
    expect(versionMatches('2', { version: '20.10.24' })).toBe(false);
    expect(
      versionMatches('5:24.0.7-1~debian.12~bookworm', {
        packageVersion: '5:24.0.7-1~debian.12~bookworm',
      }),
    ).toBe(true);
    expect(
      versionMatches('3:24.0.7-1.el9', { version: '24.0.7', packageVersion: '3:24.0.7-1.el8' }),
    ).toBe(false);
  });

  it('builds a pattern that finds the pin in package version lists', () => {
    const pattern = new RegExp(pinPattern('24.0'));
    expect(pattern.test('5:24.0.7-1~debian.12~bookworm')).toBe(true);
    expect(pattern.test('3:24.0.9-1.el9')).toBe(true);
    expect(pattern.test('5:24.01.0-1')).toBe(false);
    expect(new RegExp(pinPattern('20.10.24')).test('20.10.24+dfsg1-1+b3')).toBe(true);
    expect(new RegExp(pinPattern('3:24.0.7-1.el9')).test('3:24.0.7-1.el9')).toBe(true);
  });
});

describe('probe and decision', () => {
  const debProbe = [
    'pkg ii  docker.io 20.10.24+dfsg1-1+b3',
    'pkg un  podman-docker ',
    'pkg rc  docker-ce 5:24.0.7-1~debian.12~bookworm',
    'pkg ii  runc 1.1.5+ds1-1+deb12u1',
    'dockerd=/usr/sbin/dockerd',
    'binary=Docker version 20.10.24+dfsg1, build 297e128',
    'server=20.10.24+dfsg1',
    'active=active',
  ].join('\n');

  it('reads installed packages (not removed ones), binary and daemon', () => {
    expect(parseDockerProbe(debProbe)).toEqual({
      packages: [
        { name: 'docker.io', version: '20.10.24+dfsg1-1+b3' },
        { name: 'runc', version: '1.1.5+ds1-1+deb12u1' },
      ],
      dockerdPath: '/usr/sbin/dockerd',
      binaryVersion: '20.10.24+dfsg1',
      serverVersion: '20.10.24+dfsg1',
      active: true,
    });
  });

  it('is ok when the distro package runs', () => {
    const plan = dockerInstallPlan(factsFixture('debian-12'), options({ install: 'distro' }));
    const judgement = judgeDockerInstall(parseDockerProbe(debProbe), plan, options(), []);
    expect(judgement.actions).toEqual([]);
    expect(judgement.installedVersion).toBe('20.10.24+dfsg1');
  });

  it('names conflicting packages and the option when removal is not allowed', () => {
    const plan = dockerInstallPlan(factsFixture('debian-12'), options());
    const state = parseDockerProbe(debProbe);
    expect(() => judgeDockerInstall(state, plan, options(), [null])).toThrow(
      /docker\.io, runc.*docker\.removeConflicting: true/s,
    );
    expect(
      judgeDockerInstall(state, plan, options({ removeConflicting: true }), [null]),
    ).toMatchObject({
      actions: ['remove-conflicts', 'install'],
      conflicts: ['docker.io', 'runc'],
    });
  });

  const dockerCe: DockerHostState = {
    packages: [
      { name: 'docker-ce', version: '5:27.3.1-1~debian.12~bookworm' },
      { name: 'containerd.io', version: '1.7.22-1' },
    ],
    dockerdPath: '/usr/bin/dockerd',
    binaryVersion: '27.3.1',
    serverVersion: '27.3.1',
    active: true,
  };

  it('only rewrites the repository file when docker-ce is there from another mirror', () => {
    const plan = dockerInstallPlan(
      factsFixture('debian-12'),
      options({ install: 'mirror', mirror: 'aliyun' }),
    );
    const official = dockerInstallPlan(factsFixture('debian-12'), options()).files.map(
      (file) => file.content,
    );
    expect(judgeDockerInstall(dockerCe, plan, options(), official).actions).toEqual([
      'write-files',
    ]);
    const current = plan.files.map((file) => file.content);
    expect(judgeDockerInstall(dockerCe, plan, options(), current).actions).toEqual([]);
  });

  it('reinstalls when the pin differs, starts when stopped', () => {
    const pinned = dockerInstallPlan(factsFixture('debian-12'), options({ version: '26.1' }));
    const current = pinned.files.map((file) => file.content);
    expect(judgeDockerInstall(dockerCe, pinned, options(), current).actions).toEqual(['install']);
    const plan = dockerInstallPlan(factsFixture('debian-12'), options({ version: '27.3' }));
    expect(
      judgeDockerInstall(
        { ...dockerCe, active: false, serverVersion: undefined },
        plan,
        options(),
        current,
      ).actions,
    ).toEqual(['start']);
  });

  it('refuses a packaged install while static binaries shadow it', () => {
    const plan = dockerInstallPlan(factsFixture('debian-12'), options());
    const state: DockerHostState = {
      ...dockerCe,
      packages: [],
      dockerdPath: '/usr/local/bin/dockerd',
    };
    expect(() => judgeDockerInstall(state, plan, options(), [null])).toThrow(/static binaries/);
  });

  it('installs the static bundle unless that version runs with swarmlab’s units', () => {
    const plan = dockerInstallPlan(
      factsFixture('debian-12'),
      options({ install: 'offline' }),
      STATIC_BUNDLE,
    );
    const units = plan.files.map((file) => file.content);
    const state: DockerHostState = {
      packages: [],
      dockerdPath: '/usr/local/bin/dockerd',
      binaryVersion: '27.3.1',
      serverVersion: '27.3.1',
      active: true,
    };
    expect(judgeDockerInstall(state, plan, options(), units).actions).toEqual([]);
    expect(
      judgeDockerInstall({ ...state, binaryVersion: '26.1.4' }, plan, options(), units).actions,
    ).toEqual(['install']);
    expect(judgeDockerInstall(state, plan, options(), [null, null, null]).actions).toEqual([
      'install',
    ]);
  });

  it('skip: fails without Docker, starts a stopped one, checks the pin', () => {
    const plan = dockerInstallPlan(factsFixture('rocky-9'), options({ install: 'skip' }));
    const none: DockerHostState = {
      packages: [],
      dockerdPath: undefined,
      binaryVersion: undefined,
      serverVersion: undefined,
      active: false,
    };
    expect(() => judgeDockerInstall(none, plan, options(), [])).toThrow(
      /not installed and docker\.install is skip/,
    );
    const stopped = { ...dockerCe, active: false, serverVersion: undefined };
    expect(judgeDockerInstall(stopped, plan, options(), []).actions).toEqual(['start']);
    expect(() => judgeDockerInstall(dockerCe, plan, options({ version: '24.0' }), [])).toThrow(
      /pins 24\.0/,
    );
  });
});

describe('reading an offline bundle folder', () => {
  async function folderWith(names: readonly string[]): Promise<string> {
    const dir = await mkdtemp(join(tmpdir(), 'swarmlab-bundle-'));
    await Promise.all(names.map((name) => writeFile(join(dir, name), '')));
    return dir;
  }

  it('keeps apt’s escaped epochs (%3a) and installs without recommends, which would need a mirror', async () => {
    const dir = await folderWith([
      'docker.io_20.10.24+dfsg1-1+deb12u1+b6_amd64.deb',
      'git_1%3a2.39.5-0+deb12u3_amd64.deb',
      'README.txt',
    ]);
    const bundle = await readOfflineBundle(dir);
    expect(bundle.kind === 'packages' && bundle.files.map((file) => file.fileName)).toEqual([
      'docker.io_20.10.24+dfsg1-1+deb12u1+b6_amd64.deb',
      'git_1%3a2.39.5-0+deb12u3_amd64.deb',
    ]);
    const plan = dockerInstallPlan(
      factsFixture('debian-12'),
      options({ install: 'offline' }),
      bundle,
    );
    expect(plan.install).toContain('install -y --no-install-recommends');
    expect(plan.prepare).toContain('install -d -m 0755');
  });

  it('refuses a package file it would otherwise leave out silently', async () => {
    const dir = await folderWith(['docker.io_20.10.24_amd64.deb', 'containerd $(x)_1.6_amd64.deb']);
    await expect(readOfflineBundle(dir)).rejects.toThrow(/unexpected names: containerd \$\(x\)/);
  });
});

describe('starting Docker', () => {
  it('quotes the end of docker.service’s journal when it does not start', async () => {
    const bin = await mkdtemp(join(tmpdir(), 'swarmlab-fake-systemd-'));
    try {
      // A systemd whose docker.service fails, and a journal that says why.
      await writeFile(join(bin, 'systemctl'), '#!/bin/sh\nexit 1\n', { mode: 0o755 });
      await writeFile(
        join(bin, 'journalctl'),
        '#!/bin/sh\necho "Starting Docker Application Container Engine..."\necho "failed to start daemon: error initializing graphdriver: driver not supported: overlay2"\n',
        { mode: 0o755 },
      );
      const run = spawnSync('sh', ['-c', ENABLE_DOCKER], {
        env: { PATH: `${bin}:/usr/bin:/bin` },
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      const lastLines = run.stderr.trim().split('\n').slice(-2);
      expect(lastLines).toEqual([
        'Starting Docker Application Container Engine...',
        'failed to start daemon: error initializing graphdriver: driver not supported: overlay2',
      ]);
    } finally {
      await rm(bin, { recursive: true, force: true });
    }
  });
});
