import { describe, expect, it } from 'vitest';
import {
  CATALOGS,
  localized,
  localizedList,
  message,
  type MessageKey,
} from '../../../electron/shared/messages';
import { catalogProblems, leaves } from '../../../electron/shared/messages/compare';

describe('message catalog', () => {
  it('has every key in both languages, with the same placeholders, and no stray braces', () => {
    expect(catalogProblems(CATALOGS.en, CATALOGS['zh-CN'], 'zh-CN')).toEqual([]);
  });

  it('reports a key one language lacks, a key only the translation has, and a lost placeholder', () => {
    const original = { report: { title: 'Report', stepOf: 'Step {index} of {total}' } };
    expect(
      catalogProblems(original, { report: { stepOf: '第 {index} 步' }, extra: '多余' }, 'zh-CN'),
    ).toEqual([
      'report.title: missing in zh-CN',
      'report.stepOf: placeholders in en are [index, total], in zh-CN [index]',
      'extra: only in zh-CN, not in en',
    ]);
  });

  it('reports empty texts, texts that are not strings and braces vue-i18n would misread', () => {
    expect(
      catalogProblems(
        { a: '', b: 'use {"key": 1}', c: 3 },
        { a: '', b: 'use {"key": 1}', c: 3 },
        'zh-CN',
      ),
    ).toEqual([
      'a: empty in en',
      'b: a brace that is not a {name} placeholder in en',
      'c: not a text in en',
      'a: empty in zh-CN',
      'b: a brace that is not a {name} placeholder in zh-CN',
      'c: not a text in zh-CN',
    ]);
  });

  it('keeps the wizard free of characters vue-i18n reads as syntax (linked messages, plurals)', () => {
    for (const [key, text] of [
      ...leaves(CATALOGS.en.wizard),
      ...leaves(CATALOGS['zh-CN'].wizard),
    ]) {
      expect(String(text), key).not.toMatch(/[@|]/);
    }
  });

  it('looks a message up by its dotted key and fills its placeholders once', () => {
    expect(message('en', 'report.stepOf', { index: 2, total: 19 })).toBe('Step 2 of 19');
    expect(message('zh-CN', 'report.stepOf', { index: 2, total: 19 })).toBe('第 2 步，共 19 步');
    expect(message('en', 'report.hostnameWas', { before: '{version}' })).toBe('was {version}');
    expect(message('en', 'steps.firewall.title')).toBe('Firewall');
  });

  it('gives the engine every language at once, with values that may differ by language', () => {
    expect(localized('steps.firewall.title')).toEqual({ en: 'Firewall', 'zh-CN': '防火墙' });
    expect(localized('report.daemonUnchanged', { keys: { en: 'a, b', 'zh-CN': 'a、b' } })).toEqual({
      en: 'already as wanted, not rewritten (keys: a, b)',
      'zh-CN': '已符合要求，未重写（键：a、b）',
    });
  });

  it('joins a list the way each language does, items that differ by language included', () => {
    expect(localizedList(['node01', { en: 'node02 (Down)', 'zh-CN': 'node02（Down）' }])).toEqual({
      en: 'node01, node02 (Down)',
      'zh-CN': 'node01、node02（Down）',
    });
  });

  it('names the key and the placeholder when a value is missing or a key is unknown', () => {
    const untypedMessage = message as (lang: 'en', key: string, values?: object) => string;
    expect(() => untypedMessage('en', 'report.stepOf', { index: 1 })).toThrow(
      'message "report.stepOf" needs a value for {total}',
    );
    expect(() => untypedMessage('en', 'report.nope')).toThrow(
      'message key "report.nope" names no message in en',
    );
  });

  it('types its keys and values: a wrong key or a missing value does not compile', () => {
    // @ts-expect-error -- not a key of the catalog
    const wrongKey: MessageKey = 'report.titel';
    // @ts-expect-error -- report.stepOf needs {index} and {total}
    const call = () => message('en', 'report.stepOf', { index: 1 });
    expect([wrongKey, typeof call]).toEqual(['report.titel', 'function']);
  });
});
