/**
 * Every per-host inventory option has a control in the wizard: the Access page's per-host
 * login overrides (a password, key passphrase or sudo password read from an environment
 * variable, the key passphrase) and the host table's details (the advertise address). The
 * real pages are mounted in a small in-memory renderer, with naive-ui's controls replaced by
 * plain elements that keep their props, so the test sets a control the way the control itself
 * would (its `onUpdate:value`) and reads the inventory YAML the wizard saves.
 */
import { createPinia, setActivePinia } from 'pinia';
import {
  createRenderer,
  defineComponent,
  h,
  nextTick,
  type App,
  type Component,
  type RendererOptions,
} from 'vue';
import { parse } from 'yaml';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { validateInventory } from '../../../electron/engine/inventory';
import { saveInventory } from '../../../electron/engine/inventory/yaml';
import type { InventoryInput } from '../../../electron/engine/inventory/schema';
import HostTable from '../../../renderer/src/components/hosts/HostTable.vue';
import { createAppI18n } from '../../../renderer/src/i18n';
import AccessPage from '../../../renderer/src/pages/AccessPage.vue';
import { useInventoryStore } from '../../../renderer/src/stores/inventory';

vi.mock('naive-ui', async () => {
  const vue = await import('vue');
  /** A control as a plain element with every prop it was given, its slot as its children. */
  const stub = (name: string) =>
    vue.defineComponent({
      name,
      inheritAttrs: false,
      setup:
        (_props, { attrs, slots }) =>
        () =>
          vue.h(name, { ...attrs }, slots.default?.()),
    });
  const names = [
    'NAlert',
    'NButton',
    'NButtonGroup',
    'NCheckbox',
    'NCheckboxGroup',
    'NCollapse',
    'NCollapseItem',
    'NCollapseTransition',
    'NDrawer',
    'NDrawerContent',
    'NDropdown',
    'NDynamicInput',
    'NInput',
    'NInputNumber',
    'NModal',
    'NProgress',
    'NRadioButton',
    'NRadioGroup',
    'NSelect',
    'NSpin',
    'NSwitch',
    'NTabPane',
    'NTabs',
    'NTag',
    'NTooltip',
  ];
  const quiet = { info() {}, success() {}, warning() {}, error() {} };
  return {
    ...Object.fromEntries(names.map((name) => [name, stub(name)])),
    useDialog: () => quiet,
    useMessage: () => quiet,
  };
});

// ---------------------------------------------------------------------------------------
// A renderer that keeps the tree in memory

interface TestNode {
  tag: string;
  props: Record<string, unknown>;
  children: TestNode[];
  parent: TestNode | null;
  text: string;
}

function node(tag: string, text = ''): TestNode {
  return { tag, props: {}, children: [], parent: null, text };
}

function detach(child: TestNode): void {
  const siblings = child.parent?.children;
  if (siblings) siblings.splice(siblings.indexOf(child), 1);
  child.parent = null;
}

const nodeOps: RendererOptions<TestNode, TestNode> = {
  createElement: (tag) => node(tag),
  createText: (text) => node('#text', text),
  createComment: (text) => node('#comment', text),
  setText: (target, text) => void (target.text = text),
  setElementText: (element, text) => {
    for (const child of [...element.children]) detach(child);
    if (text !== '') nodeOps.insert(node('#text', text), element, null);
  },
  insert: (child, parent, anchor) => {
    detach(child);
    const at = anchor ? parent.children.indexOf(anchor) : -1;
    if (at < 0) parent.children.push(child);
    else parent.children.splice(at, 0, child);
    child.parent = parent;
  },
  remove: detach,
  parentNode: (target) => target.parent,
  nextSibling: (target) => {
    const siblings = target.parent?.children ?? [];
    return siblings[siblings.indexOf(target) + 1] ?? null;
  },
  patchProp: (element, key, _previous, next) => {
    element.props = Object.fromEntries(
      Object.entries({ ...element.props, [key]: next }).filter(
        ([, value]) => value !== undefined && value !== null,
      ),
    );
  },
};
const { createApp } = createRenderer(nodeOps);

function all(root: TestNode, test: (candidate: TestNode) => boolean): TestNode[] {
  return [...(test(root) ? [root] : []), ...root.children.flatMap((child) => all(child, test))];
}
function byTestId(root: TestNode, id: string): TestNode | undefined {
  return all(root, (candidate) => candidate.props['data-testid'] === id)[0];
}
function textOf(target: TestNode): string {
  return target.tag === '#text'
    ? target.text
    : target.tag === '#comment'
      ? ''
      : target.children.map(textOf).join('');
}

/** One mounted page: find its controls, set them as a person would, read what it shows. */
interface Mounted {
  root: TestNode;
  app: App<TestNode>;
  has(id: string): boolean;
  valueOf(id: string): unknown;
  disabled(id: string): boolean;
  /** Types into a control (naive-ui's NInput emits update:value on every keystroke). */
  set(id: string, value: string): Promise<void>;
  click(id: string): Promise<void>;
  /** The text of the field error right under a control, if any. */
  errorUnder(id: string): string | undefined;
  text(): string;
}

let mounted: Mounted[] = [];

function mount(page: Component, pinia: ReturnType<typeof createPinia>): Mounted {
  const root = node('root');
  const app = createApp(defineComponent({ render: () => h(page) }));
  app.use(pinia);
  app.use(createAppI18n('en'));
  app.mount(root);
  const control = (id: string): TestNode => {
    const found = byTestId(root, id);
    if (!found) throw new Error(`no control ${id} on the page`);
    return found;
  };
  const handler = (id: string, name: string) => {
    const fn = control(id).props[name];
    if (typeof fn !== 'function') throw new Error(`${id} has no ${name}`);
    return fn as (value?: unknown) => void;
  };
  const result: Mounted = {
    root,
    app,
    has: (id) => byTestId(root, id) !== undefined,
    valueOf: (id) => control(id).props.value,
    disabled: (id) => control(id).props.disabled === true,
    async set(id, value) {
      handler(id, 'onUpdate:value')(value);
      await nextTick();
    },
    async click(id) {
      handler(id, 'onClick')();
      await nextTick();
    },
    errorUnder(id) {
      const target = control(id);
      const siblings = target.parent?.children ?? [];
      const after = siblings.slice(siblings.indexOf(target) + 1);
      const next = after.find((candidate) => candidate.tag !== '#comment');
      if (next && String(next.props.class ?? '').includes('field-error')) return textOf(next);
      // A control inside a <label>: its error follows the label.
      const label = target.parent;
      if (label?.tag !== 'label') return undefined;
      const outer = label.parent?.children ?? [];
      const afterLabel = outer
        .slice(outer.indexOf(label) + 1)
        .find((candidate) => candidate.tag !== '#comment');
      return afterLabel && String(afterLabel.props.class ?? '').includes('field-error')
        ? textOf(afterLabel)
        : undefined;
    },
    text: () => textOf(root),
  };
  mounted.push(result);
  return result;
}

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
afterEach(() => {
  for (const page of mounted) page.app.unmount();
  mounted = [];
});

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
    const page = mount(AccessPage, pinia);
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
    const page = mount(AccessPage, pinia);
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
    const page = mount(AccessPage, pinia);
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
    const page = mount(AccessPage, pinia);
    expect(page.valueOf('host-password-env-0')).toBe('A_PW');
    expect(page.valueOf('host-sudo-password-env-0')).toBe('A_SUDO');
    expect(page.valueOf('host-key-passphrase-env-1')).toBe('B_PASS');
    expect(page.text()).not.toContain('access.');
  });
});

describe('the host table: a host’s details', () => {
  it('sets and clears the advertise address in the saved YAML, with its issue under it', async () => {
    useInventoryStore().addHosts([{ address: '10.0.0.1' }, { address: '10.0.0.2' }]);
    const page = mount(HostTable, pinia);
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
    const page = mount(HostTable, pinia);
    expect(page.has('host-details-0')).toBe(false);
    expect(page.valueOf('host-advertise-address-1')).toBe('10.1.0.2');
  });
});
