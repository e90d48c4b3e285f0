/**
 * Every per-host inventory option has a control in the wizard: the Access page's per-host
 * login overrides (a password, key passphrase or sudo password read from an environment
 * variable, the key passphrase) and the host table's details (the advertise address). The
 * real pages are mounted in memory (helpers/mounted-page.ts); the test sets a control the way
 * the control itself would and reads the inventory YAML the wizard saves.
 */
import { createPinia, setActivePinia } from 'pinia';
import { nextTick } from 'vue';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { saveInventory } from '../../../electron/engine/inventory/yaml';
import type { InventoryInput } from '../../../electron/engine/inventory/schema';
import HostTable from '../../../renderer/src/components/hosts/HostTable.vue';
import AccessPage from '../../../renderer/src/pages/AccessPage.vue';
import { useInventoryStore } from '../../../renderer/src/stores/inventory';
import { mountPage, unmountPages } from '../helpers/mounted-page';

vi.mock('naive-ui', async () => (await import('../helpers/naive-stubs')).naiveStubs());

// ---------------------------------------------------------------------------------------

type Doc = Record<string, unknown>;

/** The YAML the wizard saves (Inventory → Export), read back. */
function savedHosts(): Doc[] {
  const inventory = useInventoryStore();
  const text = saveInventory(inventory.document as InventoryInput);
  return (parse(text) as { hosts: Doc[] }).hosts;
}

/** What the app does on every edit: the engine validates the draft and the page shows it. */
async function validate(): Promise<void> {
  const inventory = useInventoryStore();
  const result = validateInventory(inventory.document);
  inventory.errors = result.ok ? [] : result.errors;
  await nextTick();
}

let pinia: ReturnType<typeof createPinia>;
beforeEach(() => {
  pinia = createPinia();
  setActivePinia(pinia);
});
afterEach(unmountPages);

describe('the Access page: per-host login overrides', () => {
  function twoHosts(): void {
    const inventory = useInventoryStore();
    inventory.addHosts([
      { address: '10.0.0.1', user: 'admin', login: 'password' },
      { address: '10.0.0.2', login: 'key', keyFile: '/root/.ssh/lab' },
    ]);
  }

  it('sets and clears passwordEnv, keyPassphraseEnv and sudoPasswordEnv in the saved YAML', async () => {
    twoHosts();
    const page = mountPage(AccessPage, pinia);
    // Out of the way until asked for.
    expect(page.has('access-more-0')).toBe(false);
    await page.click('access-more-toggle-0');
    await page.click('access-more-toggle-1');
    // Only what applies to each host: a password variable for the password login, sudo for
    // the user that is not root; a passphrase for the key login (root: no sudo).
    for (const id of ['host-password-env-0', 'host-sudo-password-env-0']) {
      expect(page.has(id), id).toBe(true);
    }
    expect(page.has('host-key-passphrase-env-0')).toBe(false);
    for (const id of ['host-key-passphrase-1', 'host-key-passphrase-env-1']) {
      expect(page.has(id), id).toBe(true);
    }
    expect(page.has('host-password-env-1')).toBe(false);
    expect(page.has('host-sudo-password-env-1')).toBe(false);

    await page.set('host-password-env-0', 'NODE1_PASSWORD');
    await page.set('host-sudo-password-env-0', 'NODE1_SUDO');
    await page.set('host-key-passphrase-env-1', 'NODE2_PASSPHRASE');
    expect(page.valueOf('host-password-env-0')).toBe('NODE1_PASSWORD');
    let hosts = savedHosts();
    expect(hosts[0]).toMatchObject({
      passwordEnv: 'NODE1_PASSWORD',
      sudoPasswordEnv: 'NODE1_SUDO',
    });
    expect(hosts[1]).toMatchObject({
      keyFile: '/root/.ssh/lab',
      keyPassphraseEnv: 'NODE2_PASSPHRASE',
    });
    await validate();
    expect(useInventoryStore().errors).toEqual([]);
    // A set override keeps its row's options open: nothing saved is out of sight.
    expect(page.has('access-more-toggle-0')).toBe(false);

    await page.set('host-password-env-0', '');
    await page.set('host-sudo-password-env-0', '');
    await page.set('host-key-passphrase-env-1', '');
    hosts = savedHosts();
    for (const field of ['passwordEnv', 'sudoPasswordEnv']) {
      expect(hosts[0], field).not.toHaveProperty(field);
    }
    expect(hosts[1]).not.toHaveProperty('keyPassphraseEnv');
    expect(hosts[1]).toMatchObject({ keyFile: '/root/.ssh/lab' });
    // Empty again: the options may be folded away.
    expect(page.has('access-more-toggle-0')).toBe(true);
  });

  it('a typed secret wins over its variable, and is left out of the saved file', async () => {
    twoHosts();
    const page = mountPage(AccessPage, pinia);
    await page.click('access-more-toggle-1');
    await page.set('host-key-passphrase-env-1', 'NODE2_PASSPHRASE');
    await page.set('host-key-passphrase-1', 'typed passphrase');
    expect(page.disabled('host-key-passphrase-env-1')).toBe(true);
    const host = (useInventoryStore().document.hosts as Doc[])[1];
    expect(host).toMatchObject({ keyPassphrase: 'typed passphrase' });
    expect(host).not.toHaveProperty('keyPassphraseEnv');
    const text = saveInventory(useInventoryStore().document as InventoryInput);
    expect(text).not.toContain('typed passphrase');
    expect(text).toContain('hosts[1].keyPassphrase');

    await page.set('host-key-passphrase-1', '');
    expect(page.disabled('host-key-passphrase-env-1')).toBe(false);
    expect(savedHosts()[1]).toMatchObject({ keyPassphraseEnv: 'NODE2_PASSPHRASE' });
  });

  it('shows the engine’s issue under the field, not again above the table', async () => {
    twoHosts();
    const page = mountPage(AccessPage, pinia);
    await page.click('access-more-toggle-0');
    await page.set('host-sudo-password-env-0', '1NOT-A-NAME');
    await validate();
    expect(page.errorUnder('host-sudo-password-env-0')).toMatch(/not an environment variable name/);
    expect(page.valueOf('host-sudo-password-env-0')).toBe('1NOT-A-NAME');
    expect(page.has('issues')).toBe(false);
    await page.set('host-sudo-password-env-0', 'NODE1_SUDO');
    await validate();
    expect(page.errorUnder('host-sudo-password-env-0')).toBeUndefined();
  });

  it('shows the overrides a loaded inventory has, without being asked', async () => {
    useInventoryStore().load({
      hosts: [
        { address: '10.0.0.1', user: 'admin', passwordEnv: 'A_PW', sudoPasswordEnv: 'A_SUDO' },
        { address: '10.0.0.2', keyFile: '/k', keyPassphraseEnv: 'B_PASS' },
      ],
    });
    const page = mountPage(AccessPage, pinia);
    expect(page.valueOf('host-password-env-0')).toBe('A_PW');
    expect(page.valueOf('host-sudo-password-env-0')).toBe('A_SUDO');
    expect(page.valueOf('host-key-passphrase-env-1')).toBe('B_PASS');
    expect(page.text()).not.toContain('access.');
  });
});

describe('the host table: a host’s details', () => {
  it('sets and clears the advertise address in the saved YAML, with its issue under it', async () => {
    useInventoryStore().addHosts([{ address: '10.0.0.1' }, { address: '10.0.0.2' }]);
    const page = mountPage(HostTable, pinia);
    expect(page.has('host-details-0')).toBe(false);
    await page.click('host-details-toggle-1');
    expect(page.has('host-details-1')).toBe(true);
    expect(page.text()).toContain('Advertise address');

    await page.set('host-advertise-address-1', '192.168.50.2');
    expect(savedHosts()[1]).toMatchObject({
      address: '10.0.0.2',
      advertiseAddress: '192.168.50.2',
    });
    expect(savedHosts()[0]).not.toHaveProperty('advertiseAddress');
    // Set: it cannot be folded out of sight.
    expect(page.disabled('host-details-toggle-1')).toBe(true);

    await page.set('host-advertise-address-1', 'eth1');
    await validate();
    expect(page.errorUnder('host-advertise-address-1')).toMatch(/"eth1" is not an IP address/);

    await page.set('host-advertise-address-1', '');
    await validate();
    expect(page.errorUnder('host-advertise-address-1')).toBeUndefined();
    expect(savedHosts()[1]).not.toHaveProperty('advertiseAddress');
    expect(page.disabled('host-details-toggle-1')).toBe(false);
    await page.click('host-details-toggle-1');
    expect(page.has('host-details-1')).toBe(false);
  });

  it('opens the details of a loaded host that has an advertise address', async () => {
    useInventoryStore().load({
      hosts: [{ address: '10.0.0.1' }, { address: '10.0.0.2', advertiseAddress: '10.1.0.2' }],
    });
    const page = mountPage(HostTable, pinia);
    expect(page.has('host-details-0')).toBe(false);
    expect(page.valueOf('host-advertise-address-1')).toBe('10.1.0.2');
  });
});
