import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { saveInventory } from '../../electron/engine/inventory';
import { hostExec, resetHosts } from '../../electron/engine/lab';
import { labInventory, labPasswordEnv } from '../../electron/engine/lab/inventory';
import { REPORT_FILES, SetupReportSchema } from '../../electron/engine/report';
import { CHROMIUM_ARGS, findChromium } from '../../electron/engine/report/pdf';
import { shellcheck } from '../unit/helpers/shellcheck';

const lab = inject('lab');
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'swarmlab.mjs');
const ARTIFACTS = join(ROOT, 'test-artifacts', 'report');
const manager = lab.hosts[0];
const NETWORK = 'swarmlab-net';
const IMAGE = lab.image.name;
/** node03 logs in as the lab's sudo user: its sudo password reaches the app, and must go no further. */
const viaSudoUser = { sudoUserHost: 2 };

function managerName(): string {
  if (!manager) throw new Error('the lab needs hosts');
  return manager.name;
}

async function onManager(argv: string[]): Promise<string> {
  const result = await hostExec(managerName(), argv);
  expect(result.exitCode, `${argv.join(' ')}: ${result.stderr}`).toBe(0);
  return result.stdout.trim();
}

/** The swarm's join tokens, read on the manager: the real secrets a report must not hold. */
async function joinTokens(): Promise<string[]> {
  const tokens = await Promise.all(
    (['worker', 'manager'] as const).map((role) =>
      onManager(['docker', 'swarm', 'join-token', '-q', role]),
    ),
  );
  for (const token of tokens) expect(token).toMatch(/^SWMTKN-1-/);
  return tokens;
}

/**
 * Every secret the run knew, and the parts a sloppy redaction could leave: the lab's passwords,
 * each line of the app's private key, each join token and its secret last part.
 */
function secretsOf(privateKey: string, tokens: readonly string[]): string[] {
  const keyLines = privateKey
    .split('\n')
    .filter((line) => line.length >= 20 && !line.startsWith('-----'));
  expect(keyLines.length).toBeGreaterThan(0);
  return [
    ...lab.hosts.flatMap((host) => [host.rootPassword, host.sudoPassword]),
    ...keyLines,
    ...tokens,
    ...tokens.map((token) => token.split('-').at(-1) ?? token),
  ];
}

function leaked(text: string, secrets: readonly string[]): string[] {
  return secrets.filter((secret) => text.includes(secret)).map((secret) => secret.slice(0, 6));
}

describe('the setup report of a real lab run', () => {
  let env: NodeJS.ProcessEnv;
  let reportDir: string;
  let firstTokens: string[];

  beforeAll(async () => {
    await resetHosts(lab.hosts.map((host) => host.name));
    const home = await mkdtemp(join(tmpdir(), 'swarmlab-home-'));
    env = { ...process.env, SWARMLAB_HOME: home };
    mkdirSync(ARTIFACTS, { recursive: true });
  });

  it(
    'apply --report writes the report in every format, with no password, key or token in any',
    { timeout: 900_000 },
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'swarmlab-report-run-'));
      const inventoryFile = join(dir, 'lab.yaml');
      await writeFile(inventoryFile, saveInventory(labInventory(lab, viaSudoUser)));
      reportDir = join(dir, 'report');
      const cli = spawnSync(
        process.execPath,
        [BIN, 'apply', '-f', inventoryFile, '--yes', '--report', reportDir],
        {
          encoding: 'utf8',
          env: { ...env, ...labPasswordEnv(lab, viaSudoUser) },
          timeout: 800_000,
        },
      );
      expect(cli.stderr).toContain('succeeded');
      expect(cli.status).toBe(0);
      expect(cli.stderr).toContain(
        'Report: report.json, report.html, report.md, reproduce.sh, report.pdf',
      );
      expect((await readdir(reportDir)).sort()).toEqual(
        ['journal.jsonl', ...Object.values(REPORT_FILES)].sort(),
      );

      const report = SetupReportSchema.parse(
        JSON.parse(await readFile(join(reportDir, REPORT_FILES.json), 'utf8')),
      );
      // The counts stay at the top, where scripts (and swarm.test.ts) read them.
      expect(report.summary).toEqual(report.run.summary);
      expect(report.summary.failed).toBe(0);
      expect(report.summary.changed).toBeGreaterThan(15);
      expect(report.hosts.map((host) => `${host.hostname} ${host.address}`)).toEqual(
        lab.hosts.map((host, index) => `node0${index + 1} ${host.address}`),
      );
      expect(report.swarm.nodes?.map((node) => `${node.hostname} ${node.status}`)).toEqual([
        'node01 Ready',
        'node02 Ready',
        'node03 Ready',
      ]);
      expect(report.swarm.verification?.routingMesh).toBe('unavailable');

      firstTokens = await joinTokens();
      const privateKey = await readFile(join(env.SWARMLAB_HOME ?? '', 'id_ed25519'), 'utf8');
      const secrets = secretsOf(privateKey, firstTokens);
      const texts: Record<string, string> = {
        stdout: cli.stdout,
        stderr: cli.stderr,
        ...Object.fromEntries(
          await Promise.all(
            (await readdir(reportDir)).map(
              async (name) => [name, await readFile(join(reportDir, name), 'latin1')] as const,
            ),
          ),
        ),
        // Text inside the PDF is compressed: scan what a reader of it sees.
        'report.pdf (text)': pdfText(join(reportDir, REPORT_FILES.pdf)),
      };
      for (const [name, text] of Object.entries(texts))
        expect(leaked(text, secrets), `secrets in ${name}`).toEqual([]);
      // The scan finds a secret where there is one.
      expect(leaked(privateKey, secrets).length).toBeGreaterThan(0);
      expect(leaked(firstTokens.join(' '), secrets)).toHaveLength(4);

      for (const name of Object.values(REPORT_FILES))
        copyFileSync(join(reportDir, name), join(ARTIFACTS, `lab-${name}`));
    },
  );

  it(
    'shows in headless Chromium, and its PDF holds the topology diagram and every host',
    { timeout: 120_000 },
    async () => {
      const browser = await chromium.launch({
        executablePath: findChromium(),
        args: CHROMIUM_ARGS,
      });
      try {
        const page = await browser.newPage({ viewport: { width: 1200, height: 1300 } });
        const errors: string[] = [];
        page.on('pageerror', (error) => errors.push(error.message));
        await page.goto(pathToFileURL(join(reportDir, REPORT_FILES.html)).href);
        expect(await page.locator('h1').first().textContent()).toContain('Swarm setup report');
        const diagram = page.locator('svg.topology');
        const box = await diagram.boundingBox();
        expect(box?.width ?? 0).toBeGreaterThan(400);
        for (const index of [1, 2, 3])
          expect(await diagram.textContent()).toContain(`node0${index}`);
        await page.screenshot({ path: join(ARTIFACTS, 'lab-report-top.png') });
        await page.screenshot({ path: join(ARTIFACTS, 'lab-report.png'), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await browser.close();
      }

      const text = pdfText(join(reportDir, REPORT_FILES.pdf));
      // The diagram's own labels: the network bar and the leader's badge.
      expect(text).toMatch(/Overlay network swarmlab-net · 10\.10\.0\.0\/24/);
      expect(text).toContain('manager · leader');
      for (const [index, host] of lab.hosts.entries()) {
        expect(text).toContain(`node0${index + 1}`);
        expect(text).toContain(host.address);
      }
      expect(text).toContain('labuser');
      expect(text).toContain('Reproduction script');
    },
  );

  it(
    'reproduce.sh passes shellcheck and, run with plain ssh on 3 fresh hosts, forms the swarm again',
    { timeout: 900_000 },
    async () => {
      const scriptPath = join(reportDir, REPORT_FILES.sh);
      const script = await readFile(scriptPath, 'utf8');
      expect(shellcheck(script)).toBe('');
      // It reads like the tutorial: probes said in words, apt's lock wait defined once.
      expect(script).toContain('checks whether Docker is installed');
      expect(script.split('\n').filter((line) => line === 'apt_update() {')).toHaveLength(1);

      // Fresh hosts, which know the app's key for root and nothing else of the run.
      await resetHosts(lab.hosts.map((host) => host.name));
      const home = env.SWARMLAB_HOME ?? '';
      const publicKey = await readFile(join(home, 'id_ed25519.pub'), 'utf8');
      for (const host of lab.hosts) {
        const result = await hostExec(
          host.name,
          ['sh', '-c', 'umask 077 && mkdir -p /root/.ssh && cat >>/root/.ssh/authorized_keys'],
          { input: publicKey },
        );
        expect(result.exitCode).toBe(0);
        expect((await hostExec(host.name, ['sh', '-c', 'command -v docker || true'])).stdout).toBe(
          '',
        );
      }

      // `ssh` as a person would run it: the app's key, a known_hosts of its own, no prompts.
      const work = await mkdtemp(join(tmpdir(), 'swarmlab-replay-'));
      const realSsh = spawnSync('sh', ['-c', 'command -v ssh'], { encoding: 'utf8' }).stdout.trim();
      expect(realSsh).not.toBe('');
      mkdirSync(join(work, 'bin'));
      const wrapper = join(work, 'bin', 'ssh');
      await writeFile(
        wrapper,
        [
          '#!/bin/sh',
          `exec ${realSsh} -i ${join(home, 'id_ed25519')} -o IdentitiesOnly=yes -o BatchMode=yes \\`,
          `  -o UserKnownHostsFile=${join(work, 'known_hosts')} -o StrictHostKeyChecking=accept-new \\`,
          '  -o ConnectTimeout=10 "$@"',
          '',
        ].join('\n'),
      );
      chmodSync(wrapper, 0o755);

      const sudoHost = lab.hosts[2];
      if (!sudoHost) throw new Error('the lab needs 3 hosts');
      const replay = spawnSync('sh', [scriptPath], {
        cwd: work,
        encoding: 'utf8',
        timeout: 800_000,
        env: {
          PATH: `${join(work, 'bin')}:${process.env.PATH ?? ''}`,
          // The placeholders: node03 was reached as the sudo user, whose sudo asks for a
          // password the script does not hold; root, with the key, does the same work.
          NODE03: `root@${sudoHost.address}`,
          FILE_SWARMLAB_TEST_IMAGE_TAR: lab.image.archive,
        },
      });
      await writeFile(join(ARTIFACTS, 'lab-reproduce.log'), `${replay.stdout}\n${replay.stderr}`);
      expect(replay.stderr).toContain('swarmlab: done');
      expect(replay.status, replay.stderr.slice(-2000)).toBe(0);
      expect(replay.stderr).not.toContain('skipped on');

      const nodes = (
        await onManager([
          'docker',
          'node',
          'ls',
          '--format',
          '{{.Hostname}} {{.Status}} {{.ManagerStatus}}',
        ])
      )
        .split('\n')
        .map((line) => line.trim())
        .sort();
      expect(nodes).toEqual(['node01 Ready Leader', 'node02 Ready', 'node03 Ready']);
      expect(
        await onManager([
          'docker',
          'network',
          'inspect',
          '--format',
          '{{.Driver}} {{.Scope}} {{range .IPAM.Config}}{{.Subnet}}{{end}}',
          NETWORK,
        ]),
      ).toBe('overlay swarm 10.10.0.0/24');
      for (const host of lab.hosts) {
        const image = await hostExec(host.name, ['docker', 'image', 'inspect', IMAGE]);
        expect(image.exitCode, `${IMAGE} on ${host.name}`).toBe(0);
        const daemon = await hostExec(host.name, ['cat', '/etc/docker/daemon.json']);
        expect(JSON.parse(daemon.stdout)).toMatchObject({ 'log-driver': 'json-file' });
      }

      // A new swarm, new tokens: the script fetched one and printed none.
      const tokens = await joinTokens();
      expect(tokens).not.toEqual(firstTokens);
      expect(leaked(`${replay.stdout}${replay.stderr}`, tokens)).toEqual([]);
    },
  );
});

function pdfText(path: string): string {
  const result = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  if (result.error) throw new Error(`pdftotext is missing (apt-get install poppler-utils)`);
  expect(result.status).toBe(0);
  return result.stdout;
}
