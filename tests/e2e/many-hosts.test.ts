/**
 * The wizard with twenty hosts, most of them not there: three lab hosts and seventeen
 * addresses on the lab's bridge that no host answers. Preflight must say "17 hosts" once,
 * not seventeen times; an inventory loaded over them asks first.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ARTIFACTS, openApp, type AppUnderTest } from './harness';
import { expectFitsSmallWindow } from './layout';

const lab = inject('lab');
const SCREENSHOTS = join(ARTIFACTS, 'screenshots');
const testId = (id: string) => `[data-testid="${id}"]`;

let app: AppUnderTest;
let home: string;

beforeAll(async () => {
  home = await mkdtemp(join(tmpdir(), 'swarmlab-e2e-home-'));
  await mkdir(SCREENSHOTS, { recursive: true });
  app = await openApp({ locale: 'en', home, dialogs: { saveDir: join(ARTIFACTS, 'exports') } });
});

afterAll(async () => {
  await app?.close();
  await rm(home, { recursive: true, force: true });
});

describe('the wizard with twenty hosts', () => {
  it('groups the same preflight failure on seventeen unreachable hosts into one', async () => {
    const { page } = app;
    const first = lab.hosts[0];
    if (!first) throw new Error('no lab host');
    // Addresses on the lab's own bridge that no lab host has: nobody answers them.
    const prefix = first.address.replace(/\.\d+$/, '');
    const absent = `${prefix}.201-217`;
    const present = lab.hosts.map((host) => host.address).join(', ');

    await page.waitForSelector(testId('range-input'));
    await page.fill(`${testId('range-input')} input`, `${present}, ${absent}`);
    await page.click(testId('range-add'));
    await expect.poll(() => page.locator('[data-testid^="host-row-"]').count()).toBe(20);
    await expectFitsSmallWindow(
      page,
      'twenty hosts',
      join(SCREENSHOTS, 'many-hosts-hosts.small.en.png'),
    );
    await page.click(testId('next'));

    // Every host logs in with the first lab host's password: the other two lab hosts refuse
    // it, which is a second failure, told apart from the unreachable ones.
    await page.fill(`${testId('default-password')} input`, first.rootPassword);
    await page.click(testId('next'));
    await page.click(testId('next'));

    await page.click(testId('run-preflight'));
    // The three lab hosts' keys are new: trusted in one click; the absent ones have none.
    const trust = page.locator('.n-dialog__action button').last();
    await trust.waitFor({ timeout: 120_000 });
    await trust.click();
    await expect
      .poll(() => page.locator(testId('preflight-status')).textContent(), { timeout: 180_000 })
      .toMatch(/failed/i);

    const boxes = page.locator(testId('preflight-host-failure'));
    const titles = await boxes.locator('.n-alert-body__title').allInnerTexts();
    const unreachable = titles.filter((title) => title.includes('on 17 hosts'));
    expect(unreachable, titles.join(' | ')).toHaveLength(1);
    expect(unreachable[0]).toContain(`and 9 more`);
    // Its cause in plain words first, what to check next, then the system's own detail.
    const group = boxes.filter({ hasText: 'on 17 hosts' });
    const said = await group.innerText();
    expect(said).toContain('nothing answered at');
    expect(said).toContain('check the address, that the host is running');
    expect(said).toContain('EHOSTUNREACH');
    // Not one box per host: the 17 and the two refused logins, whatever their grouping.
    expect(titles.length).toBeLessThanOrEqual(3);
    await page.screenshot({
      path: join(SCREENSHOTS, 'many-hosts-preflight.en.png'),
      fullPage: true,
    });
    await expectFitsSmallWindow(
      page,
      'preflight with twenty hosts',
      join(SCREENSHOTS, 'many-hosts-preflight.small.en.png'),
    );
  });

  it('asks before a loaded inventory replaces the twenty hosts, and names the line of a mistake', async () => {
    const { page } = app;
    await page.click(testId('nav-hosts'));
    await page.getByText('Inventory YAML', { exact: true }).click();
    const yaml = page.locator('textarea').last();
    // A mistake: the second host's hostname. Its line and host are named, and nothing changes.
    await yaml.fill(
      'hosts:\n  - address: 10.9.0.1\n    role: manager\n  - address: 10.9.0.2\n    hostname: node_2\n',
    );
    await page.getByRole('button', { name: 'Load YAML' }).click();
    const issues = page.locator(testId('file-issues'));
    await issues.waitFor();
    expect(await issues.innerText()).toMatch(/line 5 · host 2 \(10\.9\.0\.2\) · hostname/);
    expect(await page.locator('[data-testid^="host-row-"]').count()).toBe(20);

    // A valid one: asked first; "Cancel" keeps the table, "Replace" loads it.
    await yaml.fill('hosts:\n  - address: 10.9.0.1\n    role: manager\n  - address: 10.9.0.2\n');
    await page.getByRole('button', { name: 'Load YAML' }).click();
    const asked = page.locator('.n-dialog');
    await asked.waitFor();
    expect(await asked.innerText()).toContain('Replace the 20 hosts in the table?');
    await page.locator('.n-dialog__action .n-button').first().click();
    await asked.waitFor({ state: 'detached' });
    expect(await page.locator('[data-testid^="host-row-"]').count()).toBe(20);
    await page.getByRole('button', { name: 'Load YAML' }).click();
    await page.locator('.n-dialog__action .n-button').last().click();
    await expect.poll(() => page.locator('[data-testid^="host-row-"]').count()).toBe(2);
    // The earlier mistake is not left standing under the new table.
    expect(await issues.count()).toBe(0);
  });
});
