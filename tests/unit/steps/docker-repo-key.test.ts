/**
 * Docker's repository signing key is trusted only when its fingerprint is the one Docker
 * publishes. The generated shell runs here for real (sh, gpg), with curl and rpm replaced by
 * recorders on PATH and every path under a temporary directory: nothing leaves the machine.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Inventory } from '../../../electron/engine/inventory/schema';
import { dockerInstallStep } from '../../../electron/engine/steps/docker-install';
import { dockerInstallPlan } from '../../../electron/engine/steps/docker-install/plan';
import type { DockerHostState } from '../../../electron/engine/steps/docker-install/probe';
import {
  checkedKeyLines,
  DOCKER_REPO_KEY_FINGERPRINTS,
} from '../../../electron/engine/steps/docker-install/repo-key';
import type { DockerInstallOptions } from '../../../electron/engine/steps/docker-install/sources';
import type { StepContext } from '../../../electron/engine/steps/step';
import { factsFixture, type OsFixture } from './facts-fixtures';

const FIXTURES = join(import.meta.dirname, 'fixtures');
/** Docker's public keys as download.docker.com serves them (linux/debian/gpg, linux/centos/gpg). */
const DOCKER_DEB_KEY = join(FIXTURES, 'docker-deb.asc');
const DOCKER_RPM_KEY = join(FIXTURES, 'docker-rpm.asc');

let work: string;
let bin: string;
/** A key made for this test: what a compromised mirror would serve. */
let throwawayKey: string;
let throwawayFingerprint: string;

function gpg(home: string, args: string[]): string {
  const result = spawnSync('gpg', ['--homedir', home, '--batch', ...args], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`gpg ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  work = mkdtempSync(join(tmpdir(), 'swarmlab-repo-key-'));
  bin = join(work, 'bin');
  mkdirSync(bin);
  // curl serves $SERVED_KEY for any URL and records which one; rpm records its arguments.
  writeFileSync(
    join(bin, 'curl'),
    [
      '#!/bin/sh',
      'url=; out=',
      'while [ $# -gt 0 ]; do',
      '  case $1 in -o) out=$2; shift 2 ;; -*) shift ;; *) url=$1; shift ;; esac',
      'done',
      'printf "curl %s\\n" "$url" >> "$CALLS"',
      'cp "$SERVED_KEY" "$out"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  writeFileSync(join(bin, 'rpm'), '#!/bin/sh\nprintf "rpm %s\\n" "$*" >> "$CALLS"\n', {
    mode: 0o755,
  });
  // Package managers must not run here: each is a recorder that fails.
  for (const name of ['apt-get', 'dnf', 'yum']) {
    writeFileSync(join(bin, name), `#!/bin/sh\nprintf "${name} %s\\n" "$*" >> "$CALLS"\nexit 1\n`, {
      mode: 0o755,
    });
  }

  const home = join(work, 'gnupg');
  mkdirSync(home, { mode: 0o700 });
  gpg(home, [
    '--passphrase',
    '',
    '--pinentry-mode',
    'loopback',
    '--quick-gen-key',
    'Not Docker <mirror@example.invalid>',
    'ed25519',
    'sign',
    'never',
  ]);
  throwawayKey = join(work, 'throwaway.asc');
  writeFileSync(throwawayKey, gpg(home, ['--armor', '--export']));
  throwawayFingerprint =
    /^fpr:+([0-9A-F]{40}):/m.exec(gpg(home, ['--with-colons', '--list-keys']))?.[1] ?? '';
  spawnSync('gpgconf', ['--homedir', home, '--kill', 'gpg-agent']);
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

interface Outcome {
  status: number | null;
  stderr: string;
  calls: string[];
}

/** Runs a script with `sh`, the recorders first on PATH, `served` as what any URL returns. */
function run(script: string, served: string, dir: string): Outcome {
  const calls = join(dir, 'calls');
  writeFileSync(calls, '');
  const result = spawnSync('sh', ['-c', script], {
    encoding: 'utf8',
    env: {
      PATH: `${bin}:${process.env.PATH ?? ''}`,
      HOME: dir,
      CALLS: calls,
      SERVED_KEY: served,
    },
  });
  return {
    status: result.status,
    stderr: result.stderr,
    calls: readFileSync(calls, 'utf8').split('\n').filter(Boolean),
  };
}

let caseNumber = 0;
function caseDir(): string {
  caseNumber += 1;
  const dir = join(work, `case-${caseNumber}`);
  mkdirSync(join(dir, 'keyrings'), { recursive: true });
  return dir;
}

function keyCheck(dir: string, fingerprint: string): { script: string; keyPath: string } {
  const keyPath = join(dir, 'keyrings', 'docker.asc');
  const lines = checkedKeyLines({
    url: 'https://mirror.example.invalid/docker-ce/linux/debian/gpg',
    keyPath,
    fingerprint,
    fix: 'Choose another mirror.',
  });
  return { script: ['set -eu', ...lines, 'echo trusted'].join('\n'), keyPath };
}

describe("Docker's published key fingerprints", () => {
  it('pins exactly the fingerprints in Docker’s install guides (Debian/Ubuntu, CentOS/RHEL/Fedora)', () => {
    // As docs.docker.com/engine/install/debian and /centos print them.
    const published = {
      deb: '9DC8 5822 9FC7 DD38 854A E2D8 8D81 803C 0EBF CD88',
      rpm: '060A 61C5 1B55 8A7F 742B 77AA C52F EB6B 621E 9F35',
    };
    expect(DOCKER_REPO_KEY_FINGERPRINTS).toEqual({
      deb: published.deb.replaceAll(' ', ''),
      rpm: published.rpm.replaceAll(' ', ''),
    });
  });
});

describe('the key check, run with gpg', () => {
  it('refuses a key with another fingerprint and moves nothing into the keyring', () => {
    const dir = caseDir();
    const { script, keyPath } = keyCheck(dir, DOCKER_REPO_KEY_FINGERPRINTS.deb);
    const outcome = run(script, throwawayKey, dir);
    expect(outcome.status).toBe(1);
    expect(existsSync(keyPath)).toBe(false);
    expect(existsSync(`${keyPath}.swarmlab-tmp`)).toBe(false);
    // The message names who served the key, what it is, and what was expected.
    expect(outcome.stderr).toContain('https://mirror.example.invalid/docker-ce/linux/debian/gpg');
    expect(outcome.stderr).toContain(`its fingerprint is ${throwawayFingerprint}`);
    expect(outcome.stderr).toContain(`Docker publishes ${DOCKER_REPO_KEY_FINGERPRINTS.deb}`);
    expect(outcome.stderr).toContain('Choose another mirror.');
    expect(throwawayFingerprint).toMatch(/^[0-9A-F]{40}$/);
  });

  it('refuses Docker’s key when another key travels in the same file', () => {
    const dir = caseDir();
    const both = join(dir, 'both.asc');
    writeFileSync(both, readFileSync(DOCKER_DEB_KEY, 'utf8') + readFileSync(throwawayKey, 'utf8'));
    const { script, keyPath } = keyCheck(dir, DOCKER_REPO_KEY_FINGERPRINTS.deb);
    const outcome = run(script, both, dir);
    expect(outcome.status).toBe(1);
    expect(existsSync(keyPath)).toBe(false);
    expect(outcome.stderr).toContain(`${DOCKER_REPO_KEY_FINGERPRINTS.deb} ${throwawayFingerprint}`);
  });

  it('refuses what is not a key at all (an HTML error page from a mirror)', () => {
    const dir = caseDir();
    const page = join(dir, 'page.html');
    writeFileSync(page, '<html><body>502 Bad Gateway</body></html>\n');
    const { script, keyPath } = keyCheck(dir, DOCKER_REPO_KEY_FINGERPRINTS.deb);
    const outcome = run(script, page, dir);
    expect(outcome.status).toBe(1);
    expect(existsSync(keyPath)).toBe(false);
    expect(outcome.stderr).toContain('its fingerprint is none (not an OpenPGP key)');
  });

  it('installs Docker’s own key, readable by apt, and leaves no temporary file', () => {
    const dir = caseDir();
    const { script, keyPath } = keyCheck(dir, DOCKER_REPO_KEY_FINGERPRINTS.deb);
    const outcome = run(script, DOCKER_DEB_KEY, dir);
    expect(outcome.stderr).toBe('');
    expect(outcome.status).toBe(0);
    expect(readFileSync(keyPath, 'utf8')).toBe(readFileSync(DOCKER_DEB_KEY, 'utf8'));
    expect(statSync(keyPath).mode & 0o777).toBe(0o644);
    expect(existsSync(`${keyPath}.swarmlab-tmp`)).toBe(false);
  });

  it('refuses a fingerprint that is not 40 uppercase hex digits when generating', () => {
    expect(() => keyCheck(caseDir(), '9dc8 5822')).toThrow(/40-digit uppercase fingerprint/);
  });
});

/**
 * The plan's own prepare script, as the run sends it and the preview and reproduce.sh show it,
 * with /etc/ moved under a temporary directory.
 */
function runPrepare(os: OsFixture, docker: DockerInstallOptions, served: string) {
  const dir = caseDir();
  const plan = dockerInstallPlan(factsFixture(os), docker);
  const root = join(dir, 'root');
  const script = plan.prepare.replaceAll('/etc/', `${root}/etc/`);
  expect(script).not.toBe(plan.prepare);
  mkdirSync(join(root, 'etc', 'apt'), { recursive: true });
  mkdirSync(join(root, 'etc', 'pki'), { recursive: true });
  // curl, gpg and the CA bundle are there, as on a host that needs no package installed.
  mkdirSync(join(root, 'etc', 'ssl', 'certs'), { recursive: true });
  writeFileSync(join(root, 'etc', 'ssl', 'certs', 'ca-certificates.crt'), '');
  const outcome = run(script, served, dir);
  return { plan, root, outcome };
}

const mirror: DockerInstallOptions = {
  install: 'mirror',
  mirror: 'aliyun',
  removeConflicting: false,
};

describe('the plan’s prepare script, run', () => {
  it('apt: refuses a mirror’s own key before anything is in /etc/apt/keyrings, takes Docker’s', () => {
    const refused = runPrepare('debian-12', mirror, throwawayKey);
    expect(refused.outcome.status).toBe(1);
    expect(refused.outcome.calls).toEqual([
      'curl https://mirrors.aliyun.com/docker-ce/linux/debian/gpg',
    ]);
    expect(existsSync(join(refused.root, 'etc/apt/keyrings/docker.asc'))).toBe(false);
    expect(refused.outcome.stderr).toMatch(/docker\.mirror/);

    const { plan, root, outcome } = runPrepare('ubuntu-24.04', mirror, DOCKER_DEB_KEY);
    expect(outcome.status).toBe(0);
    expect(outcome.calls).toEqual(['curl https://mirrors.aliyun.com/docker-ce/linux/ubuntu/gpg']);
    // Where the source list's signed-by points.
    expect(plan.files[0]?.content).toContain('signed-by=/etc/apt/keyrings/docker.asc');
    expect(readFileSync(join(root, 'etc/apt/keyrings/docker.asc'), 'utf8')).toBe(
      readFileSync(DOCKER_DEB_KEY, 'utf8'),
    );
  });

  it('yum: refuses a mirror’s own key and imports nothing into rpm', () => {
    const { root, outcome } = runPrepare('centos-7', mirror, throwawayKey);
    expect(outcome.status).toBe(1);
    expect(outcome.calls).toEqual(['curl https://mirrors.aliyun.com/docker-ce/linux/centos/gpg']);
    expect(existsSync(join(root, 'etc/pki/rpm-gpg/docker-ce.gpg'))).toBe(false);
    expect(outcome.stderr).toContain(DOCKER_REPO_KEY_FINGERPRINTS.rpm);
  });

  it('dnf: imports the checked key, and the repository file names only that local file', () => {
    const { plan, root, outcome } = runPrepare(
      'rocky-9',
      { install: 'official', removeConflicting: false },
      DOCKER_RPM_KEY,
    );
    expect(outcome.status).toBe(0);
    const keyPath = join(root, 'etc/pki/rpm-gpg/docker-ce.gpg');
    expect(readFileSync(keyPath, 'utf8')).toBe(readFileSync(DOCKER_RPM_KEY, 'utf8'));
    expect(outcome.calls).toEqual([
      'curl https://download.docker.com/linux/centos/gpg',
      `rpm --import ${keyPath}`,
    ]);
    const repo = plan.files[0]?.content ?? '';
    expect(repo).toContain('gpgkey=file:///etc/pki/rpm-gpg/docker-ce.gpg');
    expect(repo).not.toMatch(/gpgkey=https?:/);
  });

  it('Fedora uses the same rpm key (Docker publishes one for CentOS, RHEL and Fedora)', () => {
    const { root, outcome } = runPrepare('fedora-40', mirror, DOCKER_RPM_KEY);
    expect(outcome.status).toBe(0);
    expect(outcome.calls).toEqual([
      'curl https://mirrors.aliyun.com/docker-ce/linux/fedora/gpg',
      `rpm --import ${join(root, 'etc/pki/rpm-gpg/docker-ce.gpg')}`,
    ]);
  });
});

describe('rewriting the repository file of an installed Docker', () => {
  it('fetches and checks the key first, so the file never names an unchecked key', async () => {
    const plan = dockerInstallPlan(factsFixture('rocky-9'), mirror);
    const sent: string[] = [];
    const ctx = {
      options: { docker: mirror } as unknown as Inventory,
      remote: {
        exec: async (script: string) => {
          sent.push(`exec ${script === plan.prepare ? 'prepare' : script}`);
          return { exitCode: 0, stdout: '', stderr: '', durationMs: 0 };
        },
        uploadFile: async (path: string) => {
          sent.push(`upload ${path}`);
        },
        readFile: async () => null,
      },
      log: () => undefined,
    } as unknown as StepContext<Inventory>;
    const installed: DockerHostState = {
      packages: [{ name: 'docker-ce', version: '3:27.3.1-1.el9' }],
      dockerdPath: '/usr/bin/dockerd',
      binaryVersion: '27.3.1',
      serverVersion: '27.3.1',
      active: true,
    };
    await dockerInstallStep.apply(ctx, { plan, state: installed, currentFiles: [null] });
    expect(sent).toEqual(['exec prepare', 'upload /etc/yum.repos.d/docker-ce.repo']);
  });
});
