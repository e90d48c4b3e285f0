/**
 * Real wizard pages mounted in a small in-memory renderer (naive-ui replaced by naive-stubs.ts),
 * so a test sets a control the way the control itself would (its `onUpdate:value`) and reads
 * what the page shows.
 */
import type { createPinia } from 'pinia';
import {
  createRenderer,
  defineComponent,
  h,
  nextTick,
  type App,
  type Component,
  type RendererOptions,
} from 'vue';
import { createAppI18n } from '../../../renderer/src/i18n';
import type { Locale } from '../../../renderer/src/stores/wizard';

export interface TestNode {
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

export function all(root: TestNode, test: (candidate: TestNode) => boolean): TestNode[] {
  return [...(test(root) ? [root] : []), ...root.children.flatMap((child) => all(child, test))];
}
export function byTestId(root: TestNode, id: string): TestNode | undefined {
  return all(root, (candidate) => candidate.props['data-testid'] === id)[0];
}
export function textOf(target: TestNode): string {
  return target.tag === '#text'
    ? target.text
    : target.tag === '#comment'
      ? ''
      : target.children.map(textOf).join('');
}

/** One mounted page: find its controls, set them as a person would, read what it shows. */
export interface Mounted {
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

/** Unmounts every page mounted since the last call (in afterEach). */
export function unmountPages(): void {
  for (const page of mounted) page.app.unmount();
  mounted = [];
}

export function mountPage(
  page: Component,
  pinia: ReturnType<typeof createPinia>,
  locale: Locale = 'en',
): Mounted {
  const root = node('root');
  const app = createApp(defineComponent({ render: () => h(page) }));
  app.use(pinia);
  app.use(createAppI18n(locale));
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
