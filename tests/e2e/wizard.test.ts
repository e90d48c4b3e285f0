/**
 * The whole wizard in Chromium against three lab hosts, typed by hand as a person would:
 * hosts → access (tested, fingerprints compared) → options → preflight → run → verify →
 * report exported. Every page is photographed in zh-CN and en.
 */
import { mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { generateKeyPairSync } from 'node:crypto';
import { knownHostsPath } from '../../electron/engine/app-paths';
import { hostExec } from '../../electron/engine/lab';
import { readJournal } from '../../electron/engine/run/journal';
import { SETUP_STEPS } from '../../electron/engine/steps';
import { KnownHostsStore, hostKeyFingerprint } from '../../electron/engine/ssh';
import { ARTIFACTS, openApp, type AppUnderTest } from './harness';
import { expectFitsSmallWindow } from './layout';

const lab = inject('lab');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const RUN_TIMEOUT_MS = 25 * 60_000;

let app: AppUnderTest;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-e2e-home-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  app = await openApp({ locale: 'zh-CN', home, dialogs: { saveDir: join(ARTIFACTS, 'exports') } });
});

afterAll(async () => {
  await app?.close();
  await rm(home, { recursive: true, force: true });
});

/** The slice of the page's globals these scripts read (the test is compiled without DOM types). */
interface PageDocument {
  document: { documentElement: { lang: string } };
}

const testId = (id: string) => `[data-testid="${id}"]`;
/** Handler calls made by the test itself send no events anywhere. */
const NO_EVENTS = { sendEvent: () => undefined };

/** What sshd writes when a client tries to log in (or did), accepted or not. */
const AUTHENTICATION_LINE = /Accepted |Failed |authenticating user|Invalid user|Postponed/;

/** The lab host's sshd log since a moment (seconds since the epoch). */
async function sshdLog(host: string, since: number): Promise<string> {
  const result = await hostExec(host, [
    'journalctl',
    '--no-pager',
    '-o',
    'cat',
    '-u',
    'ssh.service',
    '--since',
    `@${since}`,
  ]);
  return result.stdout;
}

/** Root's password for every host: the first host's as everyone's, the others' per host. */
async function typePasswords(
  page: Page,
  hosts: readonly { rootPassword: string }[],
): Promise<void> {
  await page.fill(`${testId('default-password')} input`, hosts[0]?.rootPassword ?? '');
  for (const [index, host] of hosts.entries()) {
    if (index === 0) continue;
    const row = page.locator(testId(`access-row-${index}`));
    await row.locator('.n-base-selection').click();
    // Only the menu that is open now (a closed one may linger hidden in the DOM).
    await page
      .locator('.n-base-select-option:visible')
      .filter({ hasText: /^密码$/ })
      .click();
    await page.waitForTimeout(300);
    await row.locator('input[type="password"]').first().fill(host.rootPassword);
  }
}

/** Opens Inventory → Run history. */
async function openHistory(page: Page): Promise<void> {
  await page.click(testId('profiles-menu'));
  await page.locator('.n-dropdown-option:visible').filter({ hasText: '运行历史' }).click();
  await page.locator(testId('history')).waitFor();
}

/** An OpenSSH ssh-ed25519 public key blob around a raw 32-byte key. */
function sshEd25519Blob(raw: Buffer): Buffer {
  const field = (data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    return Buffer.concat([length, data]);
  };
  return Buffer.concat([field(Buffer.from('ssh-ed25519')), field(raw)]);
}

async function setLanguage(page: Page, label: 'English' | '简体中文'): Promise<void> {
  await page.click(testId('language'));
  await page.click(`.n-base-select-option:has-text("${label}")`);
  await page.waitForFunction(
    (lang) => (globalThis as unknown as PageDocument).document.documentElement.lang === lang,
    label === 'English' ? 'en' : 'zh-CN',
  );
}

/** What every photographed page showed: no password or swarm token may ever be on screen. */
async function expectNoSecretsOnScreen(page: Page, name: string): Promise<void> {
  const text = await page.innerText('body');
  for (const host of lab.hosts) {
    expect(text.includes(host.rootPassword), `${name}: a root password is on screen`).toBe(false);
    expect(text.includes(host.sudoPassword), `${name}: a sudo password is on screen`).toBe(false);
  }
  expect(text, name).not.toMatch(/SWMTKN-1-[0-9a-z]{20,}/);
}

/**
 * Screenshots the page in Chinese, then in English, each also in the smallest window (where
 * nothing may overflow), and leaves it in Chinese.
 */
async function photograph(page: Page, name: string): Promise<void> {
  await page.waitForTimeout(300); // let transitions settle
  await expectNoSecretsOnScreen(page, name);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.zh-CN.png`) });
  await expectFitsSmallWindow(page, `${name} zh-CN`, join(SCREENSHOTS, `${name}.small.zh-CN.png`));
  await setLanguage(page, 'English');
  await page.waitForTimeout(200);
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.en.png`) });
  await expectFitsSmallWindow(page, `${name} en`, join(SCREENSHOTS, `${name}.small.en.png`));
  await setLanguage(page, '简体中文');
}

describe('the wizard, against lab hosts', () => {
  it('builds a verified swarm from typed-in hosts and exports the report', async () => {
    const { page } = app;
    expect(lab.hosts.length).toBe(3);

    // 1 Hosts: typed one by one; the engine validates every edit.
    await page.waitForSelector(testId('add-host-input'));
    for (const host of lab.hosts) {
      await page.fill(`${testId('add-host-input')} input`, host.address);
      await page.keyboard.press('Enter');
    }
    for (const [index, host] of lab.hosts.entries()) {
      const row = page.locator(testId(`host-row-${index}`));
      await row.locator('input').nth(1).fill(host.name);
      if (host.port !== 22) await row.locator('input').nth(3).fill(String(host.port));
    }
    // A bad hostname shows the engine's message inline, and blocks Next.
    const firstHostname = page.locator(testId('host-row-0')).locator('input').nth(1);
    await firstHostname.fill('node_1');
    await expect.poll(() => page.locator('.field-error').first().textContent()).toContain('node_1');
    expect(await page.locator('.field-error').first().textContent()).toContain('不是有效的主机名');
    expect(await page.locator(testId('next')).isDisabled()).toBe(true);
    await photograph(page, '1-hosts-invalid');
    // A hostname used twice: said in Chinese under both rows' fields, naming the other host by
    // its number in the table and its address.
    await firstHostname.fill(lab.hosts[1]?.name ?? '');
    await expect
      .poll(() => page.locator(testId('host-row-1')).locator('.field-error').textContent())
      .toContain(`已被第 1 台主机（${lab.hosts[0]?.address ?? ''}）使用`);
    expect(
      await page.locator(testId('host-row-0')).locator('.field-error').textContent(),
    ).toContain(`又被第 2 台主机（${lab.hosts[1]?.address ?? ''}）使用`);
    await firstHostname.fill(lab.hosts[0]?.name ?? '');
    await expect.poll(() => page.locator('.field-error').count()).toBe(0);
    expect(await page.locator(testId('next')).isEnabled()).toBe(true);
    await photograph(page, '1-hosts');
    await page.click(testId('next'));

    // 2 Access: root with each host's own password (a per-host override), tested.
    await typePasswords(page, lab.hosts);
    // First contact: each host's key is shown, and nothing is sent to a host before it is
    // trusted (its sshd logs no authentication in between), then one click trusts them all.
    const since = Math.floor(Date.now() / 1000) - 1;
    await page.click(testId('test-all'));
    for (const [index, host] of lab.hosts.entries()) {
      const result = page.locator(testId(`connection-result-${index}`));
      await expect
        .poll(
          () =>
            result.locator(`${testId('host-key-unknown')} ${testId('fingerprint')}`).textContent(),
          {
            timeout: 60_000,
          },
        )
        .toContain(host.hostKeySha256);
    }
    await photograph(page, '2-access-first-contact');
    for (const host of lab.hosts) {
      expect(await sshdLog(host.name, since), host.name).not.toMatch(AUTHENTICATION_LINE);
    }
    await page.click(testId('trust-all-keys'));
    for (const [index, host] of lab.hosts.entries()) {
      const result = page.locator(testId(`connection-result-${index}`));
      // Trusted, then tested again: now logged in, with the same key.
      await expect.poll(() => result.innerText(), { timeout: 60_000 }).toMatch(/已连接/);
      expect(await result.locator(testId('fingerprint')).textContent()).toContain(
        host.hostKeySha256,
      );
    }
    // The log would have shown a login: the ones that followed the click are there.
    await expect
      .poll(() => sshdLog(lab.hosts[0]?.name ?? '', since))
      .toMatch(/Accepted password for root/);

    // A key that changed is refused, and replaced only on purpose.
    const first = lab.hosts[0];
    if (!first) throw new Error('no lab host');
    const impostor = generateKeyPairSync('ed25519').publicKey.export({
      format: 'der',
      type: 'spki',
    });
    const impostorBlob = sshEd25519Blob(impostor.subarray(-32));
    await new KnownHostsStore(knownHostsPath({ SWARMLAB_HOME: home })).replace([
      { host: first.address, port: first.port, keyBlobs: [impostorBlob] },
    ]);
    await page.click(testId('test-connection-0'));
    const changed = page.locator(`${testId('connection-result-0')} ${testId('host-key-changed')}`);
    await changed.waitFor({ timeout: 60_000 });
    expect(await changed.locator(testId('known-fingerprint')).textContent()).toContain(
      hostKeyFingerprint(impostorBlob),
    );
    expect(await changed.locator(testId('fingerprint')).textContent()).toContain(
      first.hostKeySha256,
    );
    await photograph(page, '2-access-changed-key');
    await changed.locator(testId('replace-host-key')).click();
    await page.locator('.n-dialog__action .n-button').last().click();
    await expect
      .poll(() => page.locator(testId('connection-result-0')).innerText(), { timeout: 60_000 })
      .toMatch(/已连接/);
    await photograph(page, '2-access');
    await page.click(testId('next'));

    // 3 Options: the tutorial's subnet is taken as its network, and said so in Chinese under
    // the field, with the warning that it is public address space.
    const subnetInput = page.locator(`${testId('network-subnet')} input`);
    const subnetBefore = await subnetInput.inputValue();
    await subnetInput.fill('172.168.0.1/24');
    const subnetIssues = page.locator(testId('field-issues-swarm.network.subnet'));
    await expect.poll(() => subnetIssues.textContent()).toContain('视为 172.168.0.0/24');
    expect(await subnetIssues.textContent()).toContain('属于公网地址');
    await subnetInput.fill(subnetBefore);
    await expect.poll(() => subnetIssues.count()).toBe(0);

    // Docker from the distribution, the lab's image archive for verification.
    await page.click(testId('docker-install-distro'));
    await page.fill(`${testId('verify-image')} input`, lab.image.name);
    await page.fill(`${testId('verify-image-archive')} input`, lab.image.archive);
    await expect.poll(() => page.locator(testId('next')).isEnabled()).toBe(true);
    await photograph(page, '3-options');
    // The next page opens at its top, whatever this one was scrolled to.
    type Scrolled = { scrollTop: number; scrollTo(x: number, y: number): void };
    await page
      .locator('main')
      .evaluate((element) => (element as unknown as Scrolled).scrollTo(0, 1e6));
    expect(
      await page.locator('main').evaluate((element) => (element as unknown as Scrolled).scrollTop),
    ).toBeGreaterThan(0);
    await page.click(testId('next'));
    await expect
      .poll(() =>
        page.locator('main').evaluate((element) => (element as unknown as Scrolled).scrollTop),
      )
      .toBe(0);

    // 4 Preflight: read-only checks on every host.
    await photograph(page, '4-preflight-before');
    await page.click(testId('run-preflight'));
    await page.waitForSelector(
      `${testId('preflight-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      {
        timeout: 180_000,
      },
    );
    await photograph(page, '4-preflight');
    expect(await page.locator(testId('preflight-status')).getAttribute('class')).toMatch(
      /badge--succeeded/,
    );
    // What each check saw is worded in the wizard's language.
    await page.click(testId('checks-all'));
    const checkTable = await page.locator(testId('check-table')).innerText();
    expect(checkTable).toContain('时钟与本机相差');
    expect(checkTable).not.toContain('clock differs from this computer');

    // The plan before the run: each host's exact commands and files, secrets masked.
    await page.click(testId('show-plan'));
    const plan = page.locator(testId('plan-preview'));
    await plan.waitFor({ timeout: 120_000 });
    await page.waitForTimeout(400); // the drawer slides in
    const planText = await plan.innerText();
    expect(planText).toContain(lab.hosts[0]?.address ?? '');
    expect(planText).toMatch(/docker swarm init|swarm init/);
    expect(planText).toContain('docker network create --driver overlay');
    await page.screenshot({ path: join(SCREENSHOTS, '4-preflight-plan.zh-CN.png') });
    for (const host of lab.hosts) expect(planText).not.toContain(host.rootPassword);
    await page.keyboard.press('Escape');
    await page.locator('.n-drawer').waitFor({ state: 'detached' });

    // Changed after the check: the result is out of date, and Start waits for a new check.
    await page.click(testId('nav-options'));
    await page.fill(`${testId('verify-image')} input`, `${lab.image.name}-other`);
    await page.click(testId('nav-preflight'));
    await page.locator(testId('preflight-stale')).waitFor();
    expect(await page.locator(testId('next')).isDisabled()).toBe(true);
    expect(await page.locator(testId('next-blocked')).innerText()).toContain('请重新检查');
    await page.screenshot({ path: join(SCREENSHOTS, '4-preflight-stale.zh-CN.png') });
    // Put back as it was when checked: the check covers it again.
    await page.click(testId('nav-options'));
    await page.fill(`${testId('verify-image')} input`, lab.image.name);
    await page.click(testId('nav-preflight'));
    await expect.poll(() => page.locator(testId('preflight-stale')).count()).toBe(0);
    await expect.poll(() => page.locator(testId('next')).isEnabled()).toBe(true);

    // 5 Run: confirm, then watch it live.
    await page.click(testId('next'));
    // First what each host would get, found by looking at it (a dry run), then "开始" (start).
    const preview = page.locator(testId('change-preview'));
    await preview.waitFor({ timeout: 120_000 });
    const willChange = await preview.innerText();
    for (const host of lab.hosts) expect(willChange).toContain(host.address);
    expect(willChange).toContain('随后是依赖这些改动的步骤');
    expect(willChange).not.toContain('无需改动');
    await page.waitForTimeout(400); // the dialog fades in
    await page.screenshot({ path: join(SCREENSHOTS, '4-preflight-changes.zh-CN.png') });
    await page.locator('.n-dialog__action .n-button').last().click();
    await page.waitForSelector(testId('run-matrix'));
    await page.waitForSelector(
      '[data-status="running"], [data-status="ok"], [data-status="changed"]',
    );
    await photograph(page, '5-run-live');
    await page.waitForSelector(
      `${testId('run-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      {
        timeout: RUN_TIMEOUT_MS,
      },
    );
    await photograph(page, '5-run');
    // A cell's commands and output, in both languages (the drawer is modal: close it to switch).
    const firstCell = page
      .locator('[data-testid^="cell-"][data-status]:not([data-status="pending"])')
      .first();
    const openCell = async (name: string) => {
      await firstCell.click();
      await page.waitForSelector(testId('cell-details'));
      await page.waitForTimeout(400);
      await page.screenshot({ path: join(SCREENSHOTS, name) });
      await page.keyboard.press('Escape');
      await page.locator('.n-drawer').waitFor({ state: 'detached' });
    };
    await openCell('5-run-cell.zh-CN.png');
    await setLanguage(page, 'English');
    await openCell('5-run-cell.en.png');
    await setLanguage(page, '简体中文');
    // One host's whole log: every step that reached it, with its commands.
    const managerName = lab.hosts[0]?.name ?? '';
    await page.click(testId(`host-header-${managerName}`));
    const hostLog = page.locator(testId(`host-log-${managerName}`));
    await hostLog.waitFor();
    const logText = await hostLog.innerText();
    expect(logText).toContain('docker swarm init');
    expect(logText).toContain('设置主机名');
    for (const host of lab.hosts) expect(logText).not.toContain(host.rootPassword);
    await page.waitForTimeout(400);
    await page.screenshot({ path: join(SCREENSHOTS, '5-run-host-log.zh-CN.png') });
    await page.keyboard.press('Escape');
    await page.locator('.n-drawer').waitFor({ state: 'detached' });

    // What the run ended as; asserted at the end, after every page has been seen and exported.
    const runClass = (await page.locator(testId('run-status')).getAttribute('class')) ?? '';

    // 6 Verify
    await page.click(testId('next'));
    await photograph(page, '6-verify');
    // The bars add up to the number the hint gives.
    const counts = await page.locator('.bar__count').allInnerTexts();
    const total = counts.reduce((sum, count) => sum + Number(count), 0);
    expect(total).toBeGreaterThan(0);
    expect(await page.locator(testId('answers-hint')).innerText()).toContain(
      `全部 ${total} 个请求`,
    );
    // What each check observed, worded in the wizard's language.
    const observed = await page.locator(testId('verify-checks')).innerText();
    expect(observed).toMatch(/3 个节点均为 Ready：/);
    expect(observed).not.toContain('nodes Ready');
    const verdict = page.locator(testId('verify-verdict'));
    const verdictText =
      (await verdict.count()) > 0 ? await verdict.getAttribute('data-verdict') : null;

    // 7 Report: preview and export in every format.
    await page.click(testId('next'));
    // Read as a person reads it: each host with what it got, in Chinese; the JSON folded away.
    const readable = page.locator(testId('report-preview'));
    await readable.waitFor();
    const readableText = await readable.innerText();
    for (const host of lab.hosts) expect(readableText).toContain(host.address);
    expect(readableText).toContain('安装 Docker');
    expect(await page.locator(testId('report-json')).isVisible()).toBe(false);
    for (const format of ['html', 'md', 'sh', 'pdf', 'json']) {
      const before = app.saved.length;
      await page.click(testId(`export-${format}`));
      await expect.poll(() => app.saved.length, { timeout: 120_000 }).toBe(before + 1);
    }
    await page.waitForSelector(testId('export-result'));
    await photograph(page, '7-report');
    for (const extension of ['.html', '.md', '.sh', '.pdf']) {
      expect(
        app.saved.some((path) => path.endsWith(extension)),
        extension,
      ).toBe(true);
    }
    const pdf = await readFile(app.saved.find((path) => path.endsWith('.pdf')) ?? '');
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const html = await readFile(app.saved.find((path) => path.endsWith('.html')) ?? '', 'utf8');
    for (const host of lab.hosts) {
      expect(html).toContain(host.address);
      expect(html).not.toContain(host.rootPassword);
    }
    const exported = app.saved.find((path) => path.endsWith('.json'));
    expect(exported).toBeDefined();
    const report = JSON.parse(await readFile(exported ?? '', 'utf8')) as {
      run: { status: string };
      summary: { failed: number };
      hosts: unknown[];
    };
    expect(report.hosts).toHaveLength(3);
    expect(report.run.status).toBe(runClass.includes('badge--succeeded') ? 'succeeded' : 'failed');
    expect(report.summary.failed).toBe(0);
    // No password ever reaches the report.
    const text = await readFile(exported ?? '', 'utf8');
    for (const host of lab.hosts) expect(text).not.toContain(host.rootPassword);

    // Dark theme, for the record.
    await page.mouse.click(640, 120); // close any open menu first
    await page.click(testId('theme-toggle'));
    await page.waitForTimeout(600);
    await page.screenshot({ path: join(SCREENSHOTS, '7-report.dark.zh-CN.png') });

    expect(app.pageErrors).toEqual([]);

    // The verdict: a verified swarm.
    expect(runClass).toMatch(/badge--succeeded/);
    expect(verdictText).toBe('passed');
  });

  it('checks the finished swarm on the Health page: a dropped VXLAN port is named with its node and fix, then clean', async () => {
    const { page } = app;
    const broken = lab.hosts[2];
    if (!broken) throw new Error('the lab has fewer than 3 hosts');
    const nodeName = (await hostExec(broken.name, ['hostname'])).stdout.trim();
    const rule = ['INPUT', '-p', 'udp', '--dport', '4789', '-j', 'DROP'];
    const checkOnce = async () => {
      await page.click(testId('run-check'));
      const plan = page.locator(testId('operation-plan'));
      await plan.waitFor();
      expect(await plan.innerText()).toContain('探测服务'); // said first, in the wizard's language
      await page.locator('.n-dialog__action .n-button').last().click();
      await page.waitForSelector(
        `${testId('check-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
        { timeout: RUN_TIMEOUT_MS },
      );
      return page.locator(testId('health-verdict')).getAttribute('data-verdict');
    };

    await page.waitForSelector(testId('swarm-actions'));
    await page.click(testId('open-health'));
    await hostExec(broken.name, ['iptables', '-I', ...rule]);
    try {
      expect(await checkOnce()).toBe('problems');
      const finding = page.locator(`${testId('health-findings')} [data-kind="overlay-blocked"]`);
      expect(await finding.getAttribute('data-nodes')).toBe(nodeName);
      const said = await finding.innerText();
      expect(said).toContain('4789/udp');
      expect(said).toContain('解决办法'); // its fix, beside it
      expect(await page.locator(testId('health-paths')).innerText()).toContain(nodeName);
      await photograph(page, '8-health-fault');
    } finally {
      await hostExec(broken.name, ['iptables', '-D', ...rule]);
    }
    expect(await checkOnce()).toBe('healthy');
    expect(await page.locator(testId('health-nodes')).innerText()).toContain(nodeName);
    expect(app.pageErrors).toEqual([]);
    await page.click(testId('nav-report'));
  });

  it('practises one exercise on the Practice page: its commands with their output, what to notice and its check', async () => {
    const { page } = app;
    await page.waitForSelector(testId('swarm-actions'));
    await page.click(testId('open-practice'));
    await page.click(testId('run-practice-global'));
    const plan = page.locator(testId('operation-plan'));
    await plan.waitFor();
    expect(await plan.innerText()).toContain('1 个练习');
    await page.locator('.n-dialog__action .n-button').last().click();
    await page.waitForSelector(
      `${testId('practice-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: RUN_TIMEOUT_MS },
    );
    const result = page.locator(testId('practice-result-practice-global'));
    const shown = await result.innerText();
    expect(shown).toContain('$ docker service create --detach --name swarmlab-practice-global');
    expect(shown).toMatch(/\$ docker service ps[^\n]*\n[^$]*Running/); // its real output
    expect(await result.locator(testId('practice-check')).innerText()).toBe(
      '3 个节点上各有一个任务',
    );
    expect(shown).toContain('值得注意');
    expect(await page.locator(testId('practice-status')).getAttribute('class')).toMatch(
      /badge--succeeded/,
    );
    const services = await hostExec(lab.hosts[0]?.name ?? '', ['docker', 'service', 'ls', '-q']);
    expect(services.stdout.trim()).toBe('');
    await photograph(page, '8-practice');
    expect(app.pageErrors).toEqual([]);
    await page.click(testId('nav-report'));
  });

  it('removes a worker from the finished swarm after saying what it will do, and drops its row', async () => {
    const { page } = app;
    const [manager, , leaving] = lab.hosts;
    if (!manager || !leaving) throw new Error('the lab has fewer than 3 hosts');
    await page.click(testId('theme-toggle')); // back to light
    await page.waitForSelector(testId('swarm-actions'));
    const pick = page.locator('[data-testid^="pick-"]', { hasText: leaving.address });
    await pick.click();
    await page.click(testId('remove-hosts'));
    const plan = page.locator(testId('operation-plan'));
    await plan.waitFor();
    const said = await plan.innerText();
    expect(said).toContain(leaving.address);
    expect(said).toContain('docker swarm leave');
    expect(said).toContain('排空'); // in the wizard's language
    // The dialog is modal: photographed in the language it was opened in.
    await page.waitForTimeout(300);
    await expectNoSecretsOnScreen(page, '8-remove-confirm');
    await page.screenshot({ path: join(SCREENSHOTS, '8-remove-confirm.zh-CN.png') });
    await page.locator('.n-dialog__action .n-button').last().click(); // "执行" (do it)

    await page.waitForSelector(testId('run-matrix'));
    await page.waitForSelector(
      `${testId('run-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: RUN_TIMEOUT_MS },
    );
    expect(await page.locator('h1.page__title').innerText()).toBe('正在从 Swarm 中移除主机');
    await photograph(page, '8-remove-run');
    // The removal's own steps, titled in the wizard's language.
    expect(await page.locator(testId('run-matrix')).innerText()).toContain('从 Swarm 中删除节点');
    expect(await page.locator('[data-testid$="-node-remove"][data-status="changed"]').count()).toBe(
      1,
    );
    expect(await page.locator(testId('run-status')).getAttribute('class')).toMatch(
      /badge--succeeded/,
    );

    // The swarm has two nodes left, and the hosts table no longer lists the removed one.
    const nodes = await hostExec(manager.name, [
      'docker',
      'node',
      'ls',
      '--format',
      '{{.Hostname}}',
    ]);
    expect(nodes.stdout.trim().split('\n')).toHaveLength(2);
    await page.click(testId('nav-hosts'));
    const typed = await page
      .locator('main input')
      .evaluateAll((inputs) =>
        inputs.map((input) => (input as unknown as { value: string }).value),
      );
    expect(typed).not.toContain(leaving.address);
    expect(typed).toContain(manager.address);
    expect(await page.locator('main').innerText()).toContain('2 台主机');
    expect(app.pageErrors).toEqual([]);
  });

  it('resumes from the history a setup the app was closed in the middle of', async () => {
    const [manager, worker] = lab.hosts;
    if (!manager || !worker) throw new Error('the lab has fewer than 2 hosts');
    let { page } = app;
    // A wrong password for the worker: the connection test is refused, while the checks log in
    // with swarmlab's own key (installed by the first setup). Said before moving on.
    await page.click(testId('nav-access'));
    const workerRow = page.locator(testId('access-row-1'));
    await workerRow.locator('input[type="password"]').first().fill('not-the-password');
    await page.click(testId('test-connection-1'));
    await page
      .locator(`${testId('connection-result-1')} ${testId('connection-error')}`)
      .waitFor({ timeout: 60_000 });
    // The two hosts left are set up again; the app closes while the run is under way.
    await page.click(testId('nav-preflight'));
    await page.click(testId('run-preflight'));
    await page.waitForSelector(`${testId('preflight-status')}.badge--succeeded`, {
      timeout: 180_000,
    });
    expect(await page.locator(testId('access-disagreement')).innerText()).toContain(
      `第 2 台主机（${worker.address}）：连接测试用你提供的登录方式被拒绝`,
    );
    await page.click(testId('next'));
    await page.locator(testId('change-preview')).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(400);
    await page.locator('.n-dialog__action .n-button').last().click();
    // Closed once a step past the fact-gathering ones is done (the hostname, already right).
    await page.waitForSelector(
      '[data-testid$="-hostname"]:is([data-status="ok"], [data-status="changed"])',
      {
        timeout: 120_000,
      },
    );
    await app.close();

    // The app again, on the same computer: the run is in the history, unfinished.
    app = await openApp({
      locale: 'zh-CN',
      home,
      dialogs: { saveDir: join(ARTIFACTS, 'exports') },
    });
    page = app.page;
    await page.waitForSelector(testId('profiles-menu'));
    await openHistory(page);
    const [entry] = await app.handlers.handlers['history:list']({}, NO_EVENTS);
    expect(entry).toMatchObject({ status: 'cancelled', resumable: true });
    await page.waitForTimeout(300);
    await page.screenshot({ path: join(SCREENSHOTS, '9-history.zh-CN.png') });
    // The new window knows no passwords: resuming asks for the run's inventory first.
    await page.locator(testId('history-resume')).first().click();
    await page.locator(testId('history-refused')).waitFor();
    await page.click(testId('history-load-inventory'));
    await page.locator(testId('access-row-1')).waitFor();
    await typePasswords(page, [manager, worker]);
    await openHistory(page);
    await page.locator(testId('history-resume')).first().click();
    await page.waitForSelector(testId('run-matrix'));
    await page.waitForSelector(
      `${testId('run-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: RUN_TIMEOUT_MS },
    );
    expect(await page.locator(testId('run-status')).getAttribute('class')).toMatch(
      /badge--succeeded/,
    );
    // One journal: the steps finished before the close were not run again.
    const journal = await readJournal(join(home, 'runs', entry?.folder ?? '', 'journal.jsonl'));
    expect(
      journal
        .filter((event) => event.type === 'run-started')
        .map((event) => event.type === 'run-started' && event.resumed),
    ).toEqual([false, true]);
    // What the first part finished is not done again (steps that gather facts run each time).
    const resumedAt = journal.findLastIndex((event) => event.type === 'run-started');
    const gathersFacts = new Set(
      SETUP_STEPS.filter((step) => step.alwaysRun).map((step) => step.id),
    );
    const finishedBefore = journal
      .slice(0, resumedAt)
      .flatMap((event) =>
        event.type === 'step-finished' &&
        ['ok', 'changed'].includes(event.status) &&
        !gathersFacts.has(event.step)
          ? [`${event.host} ${event.step}`]
          : [],
      );
    expect(finishedBefore.length).toBeGreaterThan(0);
    const startedAgain = journal
      .slice(resumedAt)
      .flatMap((event) => (event.type === 'step-started' ? [`${event.host} ${event.step}`] : []));
    expect(startedAgain.filter((key) => finishedBefore.includes(key))).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });
  it('opens a saved cluster on its Health page: passwords it lacks are said there, the app key stands in for them', async () => {
    let { page } = app;
    await page.click(testId('profiles-menu'));
    await page.locator('.n-dropdown-option:visible').filter({ hasText: '另存为配置…' }).click();
    await page.locator('.n-dialog input').first().fill('lab');
    await page.locator('.n-dialog__action .n-button').last().click();
    await page.locator('.n-message', { hasText: '配置 lab 已保存' }).waitFor();
    await app.close();

    // The app again: it knows no password, only the cluster saved without them.
    app = await openApp({
      locale: 'zh-CN',
      home,
      dialogs: { saveDir: join(ARTIFACTS, 'exports') },
    });
    page = app.page;
    const openSaved = async () => {
      await page.click(testId('profiles-menu'));
      await page.locator('.n-dropdown-option:visible').filter({ hasText: '载入配置' }).hover();
      await page
        .locator('.n-dropdown-option:visible')
        .filter({ hasText: /^lab · / })
        .click();
      await page.locator('h1.page__title', { hasText: '健康检查' }).waitFor();
    };

    // Without the app key (as on another computer), the passwords are asked for on the page.
    const appKey = join(home, 'id_ed25519');
    await rename(appKey, `${appKey}.away`);
    try {
      await openSaved();
      const missing = page.locator(testId('missing-secrets'));
      await missing.waitFor();
      const said = await missing.innerText();
      // Each host by its name in the inventory (the hostname the setup kept).
      for (const host of lab.hosts.slice(0, 2)) expect(said).toContain(`${host.name} 的 SSH 密码`);
      expect(said).toContain('SSH 密码');
      await page.click(testId('to-access'));
      await page.locator(testId('access-row-1')).waitFor();
    } finally {
      await rename(`${appKey}.away`, appKey);
    }

    // With it, the check runs as it is: no password typed.
    await page.click(testId('nav-health'));
    await page.click(testId('run-check'));
    await page.locator(testId('operation-plan')).waitFor();
    expect(await page.locator(testId('missing-secrets')).count()).toBe(0);
    await page.locator('.n-dialog__action .n-button').last().click();
    await page.waitForSelector(
      `${testId('check-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: RUN_TIMEOUT_MS },
    );
    expect(await page.locator(testId('health-verdict')).getAttribute('data-verdict')).toBe(
      'healthy',
    );
    expect(app.pageErrors).toEqual([]);
  });
});
