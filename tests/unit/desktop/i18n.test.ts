import { describe, expect, it } from 'vitest';
import { messages } from '../../../renderer/src/i18n';
import { runOperationSchema } from '../../../electron/shared/run-events';

/** What vue-i18n is given: the wizard's part of the message catalog. */
const en = messages.en;
const zhCN = messages['zh-CN'];

/** Every leaf key as a dotted path. */
function keysOf(messages: unknown, prefix = ''): string[] {
  if (typeof messages !== 'object' || messages === null) return [prefix];
  return Object.entries(messages).flatMap(([key, value]) =>
    keysOf(value, prefix ? `${prefix}.${key}` : key),
  );
}

function leaves(messages: unknown, prefix = ''): [string, unknown][] {
  if (typeof messages !== 'object' || messages === null) return [[prefix, messages]];
  return Object.entries(messages).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

describe('translations', () => {
  it('have the same keys in English and Chinese', () => {
    const english = new Set(keysOf(en));
    const chinese = new Set(keysOf(zhCN));
    expect(
      [...english].filter((key) => !chinese.has(key)),
      'only in en',
    ).toEqual([]);
    expect(
      [...chinese].filter((key) => !english.has(key)),
      'only in zh-CN',
    ).toEqual([]);
  });

  it('are non-empty strings using the same placeholders', () => {
    const chinese = new Map(leaves(zhCN));
    for (const [key, text] of leaves(en)) {
      expect(typeof text, key).toBe('string');
      expect(String(text).length, key).toBeGreaterThan(0);
      const placeholders = (value: unknown) =>
        [...String(value).matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(chinese.get(key)), key).toEqual(placeholders(text));
    }
  });

  it('avoid characters vue-i18n would read as syntax (linked messages, plurals)', () => {
    for (const [key, text] of [...leaves(en), ...leaves(zhCN)]) {
      expect(String(text), key).not.toMatch(/[@|]/);
    }
  });
});

describe('run history labels', () => {
  it('name every kind of run the engine records', () => {
    for (const operation of runOperationSchema.options) {
      expect(en.history.operation[operation], operation).toMatch(/\w/);
      expect(zhCN.history.operation[operation], operation).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});
