/**
 * A step that fails on a real host, seen from the run page: its details name the failure in
 * the wizard's language, and its "terminal" button opens a shell on that very host, where the
 * user can look at what went wrong.
 *
 * The failure is made on the lab host: a `hostnamectl` earlier on root's PATH than the real one
 * that prints what apt prints when DNS does not answer, waits, says yes and does nothing, so the
 * step first runs long (the run page shows what it waits on) and then its own check finds the
 * name unchanged.
 * It is taken away afterwards; nothing else on the host is touched (the run stops there).
 * A second run is cancelled while that step waits: the page says so at the click and shows
 * the run as cancelled.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hostExec } from '../../electron/engine/lab';
import { ARTIFACTS, openApp, type AppUnderTest } from './harness';

const lab = inject('lab');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const SHIM = '/usr/local/bin/hostnamectl';
const WANTED_NAME = 'failstep01';
/** Longer than the run page waits before it shows what a step is waiting on (15 s). */
const SHIM_SECONDS = 25;
const testId = (id: string) => `[data-testid="${id}"]`;

let app: AppUnderTest;
let home: string;

/** What the test reads from the page's terminal probe (compiled without DOM types). */
interface Probe {
  __swarmlabTerminalProbe: { ids(): string[]; text(id: string): string };
}
const terminalIds = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as Probe).__swarmlabTerminalProbe.ids());
const terminalText = (page: Page, id: string) =>
  page.evaluate((tid) => (globalThis as unknown as Probe).__swarmlabTerminalProbe.text(tid), id);

function host() {
  const first = lab.hosts[0];
  if (!first) throw new Error('no lab host');
  return first;
}

beforeAll(async () => {
  const target = host();
  await hostExec(target.name, [
    'sh',
    '-c',
    [
      `cat > ${SHIM} <<'EOF'`,
      '#!/bin/sh',
      // What apt says when the host's DNS does not answer; then it waits, as a slow step does.
      'echo "Err:1 http://deb.debian.org/debian bookworm InRelease"',
      `echo "  Temporary failure resolving 'deb.debian.org'"`,
      `sleep ${SHIM_SECONDS}`,
      'exit 0',
      'EOF',
      `chmod 755 ${SHIM}`,
    ].join('\n'),
  ]);
  home = await mkdtemp(join(tmpdir(), 'swarmlab-e2e-failed-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  const inventory = {
    hosts: [
      {
        address: target.address,
        port: target.port,
        hostname: WANTED_NAME,
        role: 'manager',
        user: 'root',
        password: target.rootPassword,
      },
    ],
    verify: { image: lab.image.name, imageArchive: lab.image.archive },
  };
  app = await openApp({
    locale: 'zh-CN',
    home,
    dialogs: {
      saveDir: join(ARTIFACTS, 'exports'),
      inventoryFile: { path: 'lab.yaml', text: JSON.stringify(inventory) },
    },
  });
});

afterAll(async () => {
  await app?.close();
  await rm(home, { recursive: true, force: true });
  await hostExec(host().name, ['rm', '-f', SHIM]);
});

describe('a failed step, against a lab host', () => {
  it('says why in the wizard’s language and opens a terminal on that host', async () => {
    const { page } = app;
    const target = host();
    await page.getByText('清单 YAML', { exact: true }).click();
    await page.getByRole('button', { name: '打开文件…' }).click();
    await page.locator(testId('host-row-0')).waitFor();

    // Hosts → access → options → preflight, as the inventory has them.
    for (let step = 0; step < 3; step += 1) await page.click(testId('next'));
    await page.click(testId('run-preflight'));
    // The host's key is new to this app home: trusted in the dialog preflight opens.
    const trust = page.locator('.n-dialog__action button').last();
    await trust.waitFor({ timeout: 120_000 });
    await trust.click();
    await page.waitForSelector(`${testId('preflight-status')}.badge--succeeded`, {
      timeout: 180_000,
    });
    await page.click(testId('next'));
    await page.locator(testId('change-preview')).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(400); // the dialog fades in
    await page.locator('.n-dialog__action .n-button').last().click();
    // While it waits: the step, how long it has run and its last output line, in Chinese.
    const slow = page.locator(testId('slow-step'));
    await slow.waitFor({ timeout: 60_000 });
    const waiting = await slow.innerText();
    expect(waiting).toContain('设置主机名');
    expect(waiting).toContain("Temporary failure resolving 'deb.debian.org'");
    expect(waiting).toMatch(/已运行 \d+ s/);
    await page.screenshot({ path: join(SCREENSHOTS, '5-run-slow-step.zh-CN.png') });
    await page.waitForSelector(
      `${testId('run-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: 600_000 },
    );
    expect(await slow.count()).toBe(0);
    expect(await page.locator(testId('run-status')).getAttribute('class')).toMatch(/badge--failed/);

    const cellId = await page
      .locator('[data-testid^="cell-"][data-testid$="-hostname"]')
      .first()
      .getAttribute('data-testid');
    const hostId = (cellId ?? '').replace(/^cell-|-hostname$/g, '');
    const cell = page.locator(testId(`cell-${hostId}-hostname`));
    expect(await cell.getAttribute('data-status')).toBe('failed');
    await cell.click();
    await page.locator(testId('cell-details')).waitFor();
    // The reason, in Chinese, names the name the host still has.
    const message = await page.locator(testId('cell-message')).innerText();
    expect(message).toContain(target.name);
    expect(message).toMatch(/[\u4e00-\u9fff]/);
    // What the output showed on the way is the step's warning, in plain words.
    expect(await page.locator(testId('cell-details')).innerText()).toContain(
      '主机无法解析 deb.debian.org',
    );
    await page.waitForTimeout(400); // the drawer slides in
    await page.screenshot({ path: join(SCREENSHOTS, '5-run-failed-step.zh-CN.png') });

    const before = await terminalIds(page);
    await page.click(testId('terminal-from-step'));
    let id = '';
    await expect
      .poll(async () => {
        id = (await terminalIds(page)).find((candidate) => !before.includes(candidate)) ?? '';
        return id;
      })
      .not.toBe('');
    const pane = page.locator(testId(`terminal-pane-${id}`));
    await expect.poll(() => pane.getAttribute('data-state'), { timeout: 30_000 }).toBe('connected');
    expect(await pane.getAttribute('aria-label')).toContain(target.address);
    await expect.poll(() => terminalText(page, id), { timeout: 15_000 }).toMatch(/[#$] ?$/m);
    // The shell is on the host the step failed on: it still has its own name, and the
    // stand-in that made the step fail is there to be found.
    await page.click(`${testId(`terminal-pane-${id}`)} .xterm-screen`);
    await page.keyboard.type(`hostname; command -v hostnamectl\n`);
    await expect
      .poll(() => terminalText(page, id), { timeout: 15_000 })
      .toMatch(new RegExp(`^${target.name}$[\\s\\S]*^${SHIM}$`, 'm'));
    expect(app.pageErrors).toEqual([]);
  });

  it('cancels a run: "cancelling…" at the click, then the run shown as cancelled, not as done', async () => {
    const { page } = app;
    // The same setup again; the stand-in keeps the hostname step busy for 25 s.
    await page.click(testId('nav-preflight'));
    await page.click(testId('next'));
    await page.locator(testId('change-preview')).waitFor({ timeout: 120_000 });
    await page.waitForTimeout(400); // the dialog fades in
    await page.locator('.n-dialog__action .n-button').last().click();
    await page
      .locator('[data-testid^="cell-"][data-testid$="-hostname"][data-status="running"]')
      .waitFor({ timeout: 120_000 });

    const cancel = page.locator(testId('cancel-run'));
    await cancel.click();
    // At once, while the command already sent is still running on the host.
    expect(await cancel.innerText({ timeout: 1_000 })).toContain('正在取消');
    expect(await cancel.isDisabled()).toBe(true);
    await page.screenshot({ path: join(SCREENSHOTS, '5-run-cancelling.zh-CN.png') });

    await page.waitForSelector(
      `${testId('run-status')}:is(.badge--succeeded, .badge--failed, .badge--cancelled)`,
      { timeout: 120_000 },
    );
    const status = page.locator(testId('run-status'));
    expect(await status.getAttribute('class')).toMatch(/badge--cancelled/);
    expect(await status.innerText()).toContain('已取消');
    // The steps never started are not counted as done.
    const [done, total] = (
      (await page.locator(testId('run-progress')).innerText()).match(/\d+/g) ?? []
    ).map(Number);
    expect(total).toBeGreaterThan(0);
    expect(done).toBeLessThan(total ?? 0);
    // The step the cancel cut short is where the run stopped, not a failure of the host.
    expect(await page.locator(testId('run-failures-title')).innerText()).toBe(
      '取消时运行停在了这里',
    );
    // The last step never ran: not counted, and not shown as done.
    expect(
      await page.locator('[data-testid$="-verify-swarm"]').getAttribute('data-status'),
    ).toMatch(/^(pending|skipped)$/);
    await page.screenshot({ path: join(SCREENSHOTS, '5-run-cancelled.zh-CN.png') });
    expect(app.pageErrors).toEqual([]);
  });
});
