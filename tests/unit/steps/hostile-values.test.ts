/**
 * Hostile values fed straight to every generator that writes a value into a language other
 * than the shell (sed, grep, repo files, apt sources, here-documents, systemd units, JSON,
 * /etc/hosts), bypassing the inventory's validation so the escaping itself is what is proven.
 * Each generated script runs with sh against scratch copies of the files it edits; each
 * generated file is read back by the tool that reads it on a host (apt, systemd) or by the
 * same rules (yum's .repo). A canary file must never appear, and the files must say exactly
 * what was meant.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PrepareOptions } from '../../../electron/engine/inventory';
import { renderPlanText, type HostPlanPreview } from '../../../electron/engine/plan-preview';
import { UnsafeValueError } from '../../../electron/engine/shell/escape';
import { renderDaemonJson } from '../../../electron/engine/steps/docker-daemon/daemon-json';
import { hostsDropIn } from '../../../electron/engine/steps/docker-daemon/hosts-drop-in';
import { dockerAptList } from '../../../electron/engine/steps/docker-install/apt';
import {
  dockerInstallPlan,
  dockerInstallScript,
} from '../../../electron/engine/steps/docker-install/plan';
import { dockerRpmRepo } from '../../../electron/engine/steps/docker-install/rpm';
import { staticUnits } from '../../../electron/engine/steps/docker-install/static';
import { dockerSystemOf } from '../../../electron/engine/steps/docker-install/system';
import { hostsEntries, renderHostsFile } from '../../../electron/engine/steps/hosts-file';
import {
  leavesSourcesAlone,
  mirrorPlan,
  rockyMirrorCheck,
  rockyMirrorScript,
} from '../../../electron/engine/steps/package-mirrors';
import { factsKey } from '../../../electron/engine/steps/preflight';
import {
  aptSourceEntries,
  parseRepoFile,
  repoUrlList,
  runScript,
  scratchDir,
  systemdCommandLines,
} from '../helpers/languages';
import { expectGolden } from '../helpers/golden';
import { shellcheck } from '../helpers/shellcheck';
import { factsFixture } from './facts-fixtures';

/** These tests run sed, apt and systemd many times: a busy machine needs more than 5 s. */
const SPAWNS = 60_000;

let dir: string;
let removeDir: () => void;
let canary: string;

beforeEach(() => {
  const scratch = scratchDir();
  dir = scratch.path;
  removeDir = scratch.remove;
  canary = join(dir, 'canary');
});
afterEach(() => removeDir());

const prepare = (mirrorUrl: string): PrepareOptions => ({
  mirror: 'custom',
  mirrorUrl,
  hostsFile: true,
  timeSync: true,
  firewall: 'open-ports',
  selinux: 'keep',
  keyExchange: true,
  managerKeyToNodes: false,
});

// ---------------------------------------------------------------------------------------
// Rocky: sed program and grep pattern

const ROCKY_9_REPO = `[baseos]
name=Rocky Linux $releasever - BaseOS
mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=BaseOS-$releasever$rltype
#baseurl=http://dl.rockylinux.org/$contentdir/$releasever/BaseOS/$basearch/os/
gpgcheck=1
enabled=1
gpgkey=file:///etc/pki/rpm-gpg/RPM-GPG-KEY-Rocky-9

[appstream]
name=Rocky Linux $releasever - AppStream
mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=AppStream-$releasever$rltype
#baseurl=http://dl.rockylinux.org/$contentdir/$releasever/AppStream/$basearch/os/
gpgcheck=1
enabled=1
`;

/** Rocky 8 names its files Rocky-*.repo. */
const ROCKY_8_REPO = `[baseos]
name=Rocky Linux $releasever - BaseOS
mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=BaseOS-$releasever
#baseurl=http://dl.rockylinux.org/$contentdir/$releasever/BaseOS/$basearch/os/
gpgcheck=1
enabled=1
`;

/** A commented baseurl that only a regex reading "." as any character would take. */
const ROCKY_DECOY_REPO = `[devel]
name=Rocky Linux $releasever - Devel
mirrorlist=https://mirrors.rockylinux.org/mirrorlist?arch=$basearch&repo=devel-$releasever
#baseurl=http://dl-rockylinux-org/$contentdir/$releasever/devel/$basearch/os/
enabled=0
`;

const OTHER_REPO = `[epel]
mirrorlist=https://mirrors.fedoraproject.org/metalink?repo=epel-9&arch=$basearch
`;

function writeRockyRepos(): void {
  writeFileSync(join(dir, 'rocky.repo'), ROCKY_9_REPO);
  writeFileSync(join(dir, 'Rocky-BaseOS.repo'), ROCKY_8_REPO);
  writeFileSync(join(dir, 'rocky-devel.repo'), ROCKY_DECOY_REPO);
  writeFileSync(join(dir, 'epel.repo'), OTHER_REPO);
}

/** The repo file as the documented switch leaves it, with the mirror written as `written`. */
function switched(text: string, written: string): string {
  return text
    .replace(/^mirrorlist=/gm, '#mirrorlist=')
    .replace(
      /^#baseurl=http:\/\/dl\.rockylinux\.org\/\$contentdir/gm,
      `baseurl=${written}/rockylinux`,
    );
}

describe('Rocky mirror switch (sed program, grep pattern)', { timeout: SPAWNS }, () => {
  /** Mirror roots, and what the repo files must hold for each (yum syntax encoded). */
  const roots = (): { name: string; root: string; written: string }[] => [
    { name: 'ampersand', root: 'https://m.example.com/a&b', written: 'https://m.example.com/a&b' },
    {
      name: 's command closed with "|", then e',
      root: `https://m.example.com/a|g;e touch ${canary};s|x`,
      written: `https://m.example.com/a|g;e%20touch%20${canary};s|x`,
    },
    {
      name: 's command closed with "@", then e',
      root: `https://m.example.com/a@g;e touch ${canary};s@x`,
      written: `https://m.example.com/a@g;e%20touch%20${canary};s@x`,
    },
    {
      name: 'w flag',
      root: `https://m.example.com/a|w ${dir}/w`,
      written: `https://m.example.com/a|w%20${dir}/w`,
    },
    {
      name: 'backslashes',
      root: 'https://m.example.com/a\\nb\\1\\',
      written: 'https://m.example.com/a\\nb\\1\\',
    },
    {
      name: 'yum variable and a second URL',
      root: 'https://m.example.com/$basearch,http://evil.example',
      written: 'https://m.example.com/%24basearch%2Chttp://evil.example',
    },
  ];

  for (const sed of ['gnu', 'busybox'] as const) {
    it(`runs no injected command and writes exactly the mirror (${sed} sed)`, () => {
      const problems: string[] = [];
      for (const { name, root, written } of roots()) {
        rmSync(canary, { force: true });
        rmSync(join(dir, 'w'), { recursive: true, force: true });
        mkdirSync(join(dir, 'w'));
        writeRockyRepos();
        const script = rockyMirrorScript(root, dir);
        const run = runScript(script, { cwd: dir, fakes: ['dnf'], sed });
        if (run.status !== 0) problems.push(`${name}: exit ${run.status}: ${run.stderr}`);
        if (existsSync(canary)) problems.push(`${name}: the canary was created`);
        if (existsSync(join(dir, 'w', 'rockylinux|g'))) problems.push(`${name}: sed wrote a file`);
        const rocky = readFileSync(join(dir, 'rocky.repo'), 'utf8');
        if (rocky !== switched(ROCKY_9_REPO, written))
          problems.push(`${name}: rocky.repo is\n${rocky}`);
        const rocky8 = readFileSync(join(dir, 'Rocky-BaseOS.repo'), 'utf8');
        if (rocky8 !== switched(ROCKY_8_REPO, written))
          problems.push(`${name}: Rocky-BaseOS.repo is\n${rocky8}`);
        const decoy = readFileSync(join(dir, 'rocky-devel.repo'), 'utf8');
        if (decoy !== switched(ROCKY_DECOY_REPO, written))
          problems.push(`${name}: rocky-devel.repo is\n${decoy}`);
        if (readFileSync(join(dir, 'epel.repo'), 'utf8') !== OTHER_REPO)
          problems.push(`${name}: epel.repo was changed`);
        if (readFileSync(join(dir, 'rocky.repo.swarmlab-backup'), 'utf8') !== ROCKY_9_REPO)
          problems.push(`${name}: the backup is not the original`);
        const check = runScript(rockyMirrorCheck(root, dir), { cwd: dir });
        if (check.status !== 0) problems.push(`${name}: the probe does not see the switch`);
        // Each repository holds one URL: yum splits baseurl at commas and spaces.
        const baseurls = Object.values(parseRepoFile(rocky)).map((repo) => repo.baseurl ?? '');
        if (!baseurls.every((value) => repoUrlList(value).length === 1))
          problems.push(`${name}: a baseurl holds several URLs: ${baseurls.join(' | ')}`);
        const lint = shellcheck(script);
        if (lint !== '') problems.push(`${name}: shellcheck: ${lint}`);
      }
      expect(problems).toEqual([]);
    });
  }

  it('refuses a line break, which would start a sed command of its own', () => {
    for (const root of [
      `https://m.example.com|w ${canary}\ns|x`,
      `https://m.example.com/|g\ne touch ${canary}\ns|x`,
    ]) {
      expect(() => rockyMirrorScript(root, dir), JSON.stringify(root)).toThrow(UnsafeValueError);
      expect(() => rockyMirrorCheck(root, dir), JSON.stringify(root)).toThrow(UnsafeValueError);
    }
    expect(existsSync(canary)).toBe(false);
  });

  it('reads the mirror in the probe literally: regex characters match only themselves', () => {
    writeRockyRepos();
    expect(
      runScript(rockyMirrorScript('https://m.example.com/aXb', dir), { cwd: dir, fakes: ['dnf'] })
        .status,
    ).toBe(0);
    // "." would match the X: the host is not on this mirror.
    expect(runScript(rockyMirrorCheck('https://m.example.com/a.b', dir), { cwd: dir }).status).toBe(
      1,
    );

    writeRockyRepos();
    const bracket = 'https://m.example.com/a[b*';
    expect(runScript(rockyMirrorScript(bracket, dir), { cwd: dir, fakes: ['dnf'] }).status).toBe(0);
    expect(runScript(rockyMirrorCheck(bracket, dir), { cwd: dir }).status).toBe(0);
  });
});

// ---------------------------------------------------------------------------------------
// CentOS 7 vault: a .repo file

describe('CentOS 7 vault repo file', () => {
  it('keeps a hostile mirror inside one baseurl of each repository', () => {
    const plan = mirrorPlan(
      factsFixture('centos-7'),
      prepare('https://m.example.com/$releasever,http://evil.example;x'),
    );
    if (leavesSourcesAlone(plan)) throw new Error(plan.en);
    const [file] = plan.files;
    writeFileSync(join(dir, 'CentOS-Base.repo'), file?.content ?? '');
    const repos = parseRepoFile(readFileSync(join(dir, 'CentOS-Base.repo'), 'utf8'));
    const root =
      'https://m.example.com/%24releasever%2Chttp://evil.example;x/centos-vault/7.9.2009';
    expect(repos).toEqual(
      Object.fromEntries(
        [
          ['base', 'os'],
          ['updates', 'updates'],
          ['extras', 'extras'],
        ].map(([name, path]) => [
          name,
          {
            name: `CentOS-7 - ${name}`,
            baseurl: `${root}/${path}/$basearch/`,
            gpgcheck: '1',
            enabled: '1',
            gpgkey: 'file:///etc/pki/rpm-gpg/RPM-GPG-KEY-CentOS-7',
          },
        ]),
      ),
    );
  });

  it('refuses a line break, which would add a repository of its own', () => {
    const hostile = 'https://m.example.com\n[evil]\nbaseurl=http://evil.example\ngpgcheck=0\n#';
    expect(() => mirrorPlan(factsFixture('centos-7'), prepare(hostile))).toThrow(UnsafeValueError);
  });
});

// ---------------------------------------------------------------------------------------
// Debian and Ubuntu: sources.list and deb822

describe('apt sources for a custom mirror', { timeout: SPAWNS }, () => {
  const debianEntries = (uri: string) =>
    ['bookworm', 'bookworm-updates']
      .flatMap((suite) =>
        ['main', 'contrib', 'non-free', 'non-free-firmware'].map(
          (component) => `${uri}/debian/ ${suite} ${component}`,
        ),
      )
      .concat(
        ['main', 'contrib', 'non-free', 'non-free-firmware'].map(
          (component) => `${uri}/debian-security/ bookworm-security ${component}`,
        ),
      )
      .sort();

  /**
   * Mirror roots, and the URI apt must read from each format: the one-line format decodes
   * percent escapes, deb822 takes the URI as written (so a space can only travel as %20).
   */
  const cases = [
    {
      root: 'https://m.example.com/a#b',
      line: 'https://m.example.com/a#b',
      deb822: 'https://m.example.com/a#b',
    },
    {
      root: 'https://m.example.com/a b',
      line: 'https://m.example.com/a b',
      deb822: 'https://m.example.com/a%20b',
    },
    {
      root: 'https://m.example.com/a%20b',
      line: 'https://m.example.com/a%20b',
      deb822: 'https://m.example.com/a%20b',
    },
    {
      root: 'https://m.example.com/a"b[c',
      line: 'https://m.example.com/a"b[c',
      deb822: 'https://m.example.com/a"b[c',
    },
    {
      root: 'http://[fd00::1]:8080/x]y',
      line: 'http://[fd00::1]:8080/x]y',
      deb822: 'http://[fd00::1]:8080/x]y',
    },
  ];

  it('one-line sources.list (Debian 12): apt reads exactly the mirror’s entries', () => {
    for (const { root, line: uri } of cases) {
      const plan = mirrorPlan(factsFixture('debian-12'), prepare(root));
      if (leavesSourcesAlone(plan)) throw new Error(plan.en);
      const list = join(dir, 'sources.list');
      writeFileSync(list, plan.files[0]?.content ?? '');
      expect(aptSourceEntries({ sourceList: list }), root).toEqual(debianEntries(uri));
    }
  });

  it('deb822 ubuntu.sources (Ubuntu 24.04): apt reads exactly the mirror’s entries', () => {
    for (const { root, deb822: uri } of cases) {
      const plan = mirrorPlan(factsFixture('ubuntu-24.04'), prepare(root));
      if (leavesSourcesAlone(plan)) throw new Error(plan.en);
      const parts = join(dir, 'parts');
      mkdirSync(parts, { recursive: true });
      writeFileSync(join(parts, 'ubuntu.sources'), plan.files[0]?.content ?? '');
      const expected = ['noble', 'noble-updates', 'noble-backports', 'noble-security']
        .flatMap((suite) =>
          ['main', 'restricted', 'universe', 'multiverse'].map(
            (component) => `${uri}/ubuntu/ ${suite} ${component}`,
          ),
        )
        .sort();
      expect(aptSourceEntries({ sourceParts: parts }), root).toEqual(expected);
    }
  });

  it('refuses a line break, and a release codename that is not a plain word', () => {
    const injected = 'https://m.example.com\ndeb [trusted=yes] http://evil.example stable main\n#';
    for (const os of ['debian-12', 'ubuntu-22.04', 'ubuntu-24.04'] as const) {
      expect(() => mirrorPlan(factsFixture(os), prepare(injected)), os).toThrow(UnsafeValueError);
    }
    const odd = factsFixture('debian-12');
    const facts = { ...odd, os: { ...odd.os, codename: 'bookworm [trusted=yes]' } };
    expect(mirrorPlan(facts, prepare('https://m.example.com'))).toMatchObject({
      en: expect.stringMatching(/codename "bookworm \[trusted=yes\]" is not a plain word/),
    });
  });
});

// ---------------------------------------------------------------------------------------
// docker-ce: apt list, .repo file, here-documents, systemd units

describe('docker-ce repository files', { timeout: SPAWNS }, () => {
  const debian = dockerSystemOf(factsFixture('debian-12'));
  const rocky = dockerSystemOf(factsFixture('rocky-9'));

  it('apt list: apt reads exactly the docker-ce entry for a hostile mirror', () => {
    for (const { base, uri } of [
      { base: 'https://m.example.com/a#b', uri: 'https://m.example.com/a#b' },
      { base: 'https://m.example.com/a b', uri: 'https://m.example.com/a b' },
      { base: 'https://m.example.com/a%20b[', uri: 'https://m.example.com/a%20b[' },
    ]) {
      const list = join(dir, 'docker.list');
      writeFileSync(list, dockerAptList(debian, base));
      expect(aptSourceEntries({ sourceList: list }), base).toEqual([
        `${uri}/linux/debian/ bookworm stable`,
      ]);
    }
  });

  it('apt list: refuses a line break in the mirror and odd words from the host', () => {
    expect(() =>
      dockerAptList(debian, 'https://m.example.com\ndeb [trusted=yes] http://evil.example x y'),
    ).toThrow(UnsafeValueError);
    expect(() =>
      dockerAptList({ ...debian, release: 'bookworm [trusted=yes]' }, 'https://m.example.com'),
    ).toThrow(UnsafeValueError);
    expect(() =>
      dockerAptList({ ...debian, debArch: 'amd64 trusted=yes' }, 'https://m.example.com'),
    ).toThrow(UnsafeValueError);
  });

  it('.repo file: one baseurl, the yum variable only where swarmlab put it', () => {
    const repos = parseRepoFile(
      dockerRpmRepo(rocky, 'https://m.example.com/$releasever,http://evil.example'),
    );
    expect(Object.keys(repos)).toEqual(['docker-ce-stable']);
    const baseurl = repos['docker-ce-stable']?.baseurl ?? '';
    expect(repoUrlList(baseurl)).toEqual([
      'https://m.example.com/%24releasever%2Chttp://evil.example/linux/centos/9/$basearch/stable',
    ]);
    expect(() =>
      dockerRpmRepo(rocky, 'https://m.example.com\n[evil]\nbaseurl=http://evil.example'),
    ).toThrow(UnsafeValueError);
    expect(() =>
      dockerRpmRepo({ ...rocky, release: '9\ngpgcheck=0' }, 'https://m.example.com'),
    ).toThrow(UnsafeValueError);
  });

  it('the install script’s here-documents end only where they should', () => {
    const plan = dockerInstallPlan(factsFixture('debian-12'), {
      install: 'official',
      removeConflicting: false,
    });
    const content = `first\nSWARMLAB_EOF\ntouch ${canary}\nSWARMLAB_EOF_1\nlast\n`;
    const script = dockerInstallScript({
      ...plan,
      summary: { en: `docker-ce\ntouch ${canary}`, 'zh-CN': '' },
      prepare: '',
      install: '',
      files: [{ path: join(dir, 'docker.list'), content, mode: 0o644 }],
    });
    const run = runScript(script, { cwd: dir });
    expect(run.stderr).toBe('');
    expect(existsSync(canary)).toBe(false);
    expect(readFileSync(join(dir, 'docker.list'), 'utf8')).toBe(content);
    expect(shellcheck(script)).toBe('');
  });

  it('static binaries’ units: systemd runs exactly the binaries in a hostile folder', () => {
    const binDir = join(dir, 'opt dir', '100%n $HOME;x');
    mkdirSync(binDir, { recursive: true });
    for (const name of ['containerd', 'dockerd']) {
      writeFileSync(join(binDir, name), '#!/bin/sh\n', { mode: 0o755 });
    }
    const units = Object.fromEntries(
      staticUnits(binDir).map((unit) => [unit.path.split('/').pop() ?? '', unit.content]),
    );
    writeFileSync(join(dir, 'docker.socket'), units['docker.socket'] ?? '');
    expect(
      systemdCommandLines(dir, 'containerd.service', units['containerd.service'] ?? ''),
    ).toContainEqual([join(binDir, 'containerd')]);
    expect(
      systemdCommandLines(dir, 'docker.service', units['docker.service'] ?? ''),
    ).toContainEqual([
      join(binDir, 'dockerd'),
      '-H',
      'fd://',
      '--containerd=/run/containerd/containerd.sock',
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// docker-daemon: the ExecStart drop-in and daemon.json

describe('docker daemon files', { timeout: SPAWNS }, () => {
  it('the hosts drop-in gives dockerd back its own words, minus -H', () => {
    const dockerd = join(dir, 'dockerd');
    writeFileSync(dockerd, '#!/bin/sh\n', { mode: 0o755 });
    // As systemctl show prints argv: specifiers and escapes already resolved, $VAR kept.
    const execStart = `${dockerd} -H fd:// --label=a%nb --data-root=/srv/a\\b ; $DOCKER_OPTS --tag "x y"`;
    const dropIn = hostsDropIn(execStart);
    expect(systemdCommandLines(dir, 'docker.service', dropIn)).toEqual([
      [dockerd, '--label=a%nb', '--data-root=/srv/a\\b', ';', '$DOCKER_OPTS', '--tag', 'x y'],
    ]);
  });

  it('daemon.json holds quotes and line breaks as data (JSON.stringify is its escaper)', () => {
    const config = {
      'registry-mirrors': ['https://m.example.com/"},"live-restore":true,"x":{"'],
      'log-opts': { tag: 'a\n}\n{"b' },
    };
    expect(JSON.parse(renderDaemonJson(config))).toEqual(config);
  });
});

// ---------------------------------------------------------------------------------------
// `swarmlab plan`: files as here-documents, notes as comments

describe('the plan as one script', { timeout: SPAWNS }, () => {
  it('ends each here-document only where the file ends, and keeps notes in comments', () => {
    const content = `a\nSWARMLAB_EOF\ntouch ${canary}\nb\n`;
    const previews: HostPlanPreview[] = [
      {
        id: 'node01',
        address: '192.168.11.131',
        role: 'manager',
        os: 'Debian 12',
        steps: [
          {
            id: 'hosts-file',
            title: 'List the nodes',
            before: [],
            commands: [],
            files: [{ path: join(dir, 'hosts'), mode: 0o644, content }],
            note: {
              en: `from the host\ntouch ${canary}`,
              'zh-CN': `from the host\ntouch ${canary}`,
            },
            error: { en: `stops\ntouch ${canary}`, 'zh-CN': '' },
          },
        ],
      },
    ];
    const script = renderPlanText(previews, 'hostile');
    const run = runScript(script, { cwd: dir });
    expect(run.stderr).toBe('');
    expect(existsSync(canary)).toBe(false);
    expect(readFileSync(join(dir, 'hosts'), 'utf8')).toBe(content);
  });
});

// ---------------------------------------------------------------------------------------
// /etc/hosts: names from other hosts' facts

describe('the /etc/hosts block', () => {
  it('refuses a hostname that would add names or comments to a line', () => {
    for (const hostname of ['node01 registry-1.docker.io', 'node01#', 'node01\tx']) {
      expect(
        () => renderHostsFile('', [{ address: '192.168.11.131', hostname }]),
        hostname,
      ).toThrow(UnsafeValueError);
    }
  });

  it('lists a host only under a name its facts give as a valid hostname', () => {
    const shared = new Map<string, unknown>([
      [factsKey('node01'), factsFixture('debian-12', { hostname: 'node01 registry-1.docker.io' })],
      [factsKey('node02'), factsFixture('debian-12', { hostname: 'node02' })],
    ]);
    const hosts = ['node01', 'node02'].map((id, index) => ({
      id,
      address: `192.168.11.13${index + 1}`,
      port: 22,
      user: 'root',
      role: 'manager' as const,
      labels: {},
    }));
    expect(hostsEntries({ hosts, shared })).toEqual([
      { address: '192.168.11.132', hostname: 'node02' },
    ]);
  });
});

// ---------------------------------------------------------------------------------------
// Golden files: what each generator writes for a hostile value, pinned and shellchecked

describe('golden files of hostile values', { timeout: SPAWNS }, () => {
  const CANARY = '/tmp/swarmlab-canary';
  const ROOT = `https://m.example.com/a&b|g;e touch ${CANARY};s|x@w ${CANARY}@$basearch,#c\\1`;

  it('pins every generator’s output for one hostile mirror', () => {
    const outputs: [string, string][] = [];
    const rocky = rockyMirrorScript(ROOT);
    outputs.push(
      ['rocky-mirror.sh', `${rocky}\n`],
      ['rocky-check.sh', `${rockyMirrorCheck(ROOT)}\n`],
    );
    for (const os of ['centos-7', 'debian-12', 'ubuntu-22.04', 'ubuntu-24.04'] as const) {
      const plan = mirrorPlan(factsFixture(os), prepare(ROOT));
      if (leavesSourcesAlone(plan)) throw new Error(plan.en);
      outputs.push([`mirror-${os}.txt`, plan.files.map((file) => file.content).join('')]);
    }
    outputs.push(
      ['docker.list', dockerAptList(dockerSystemOf(factsFixture('debian-12')), ROOT)],
      ['docker-ce.repo', dockerRpmRepo(dockerSystemOf(factsFixture('rocky-9')), ROOT)],
      [
        'docker-static-units.txt',
        staticUnits(`/opt/my docker/100%n $HOME;x`)
          .map((unit) => `## ${unit.path}\n${unit.content}`)
          .join('\n'),
      ],
      [
        'docker-hosts-drop-in.conf',
        hostsDropIn('/usr/bin/dockerd -H fd:// --label=a%nb --x=a\\b ; $DOCKER_OPTS "x y"'),
      ],
    );
    const plan = dockerInstallPlan(factsFixture('debian-12'), {
      install: 'official',
      removeConflicting: false,
    });
    // Only the summary and the here-document: the rest of the plan has its own goldens.
    const install = dockerInstallScript({
      ...plan,
      summary: { en: `docker-ce\ntouch ${CANARY}`, 'zh-CN': '' },
      prepare: '',
      install: '',
      files: [
        {
          path: '/etc/apt/sources.list.d/docker.list',
          content: `deb x\nSWARMLAB_EOF\ntouch ${CANARY}\n`,
          mode: 0o644,
        },
      ],
    });
    outputs.push(['docker-install.sh', install]);
    for (const [name, text] of outputs) expectGolden(`hostile/${name}`, text);
    for (const script of [rocky, rockyMirrorCheck(ROOT), install])
      expect(shellcheck(script)).toBe('');
  });
});
