/**
 * One catalog for everything a person reads, in every language the app speaks: the wizard
 * (vue-i18n reads `wizard`), the report, step titles and explanations, check words and the
 * CLI's phrases. Placeholders are written `{name}`, the syntax vue-i18n reads too. This module
 * imports nothing of the project, so the engine, the CLI and the renderer can all use it.
 */
import { en } from './en';
import type { Translation } from './shape';
import { zhCN } from './zh-CN';

export type { Translation } from './shape';

export type Lang = 'en' | 'zh-CN';
export const LANGS: readonly Lang[] = ['en', 'zh-CN'];

/** The same text in every language; plans and events carry it in this shape. */
export interface Localized {
  en: string;
  'zh-CN': string;
}

/** The tree of every message, as each language has it. */
export type Catalog = Translation<typeof en>;

export const CATALOGS: Readonly<Record<Lang, Catalog>> = { en, 'zh-CN': zhCN };

/** Every message's key, as a dotted path (`report.title`, `steps.firewall.title`). */
export type MessageKey = LeafPaths<typeof en>;

type LeafPaths<Tree> = {
  [Key in keyof Tree & string]: Tree[Key] extends string ? Key : `${Key}.${LeafPaths<Tree[Key]>}`;
}[keyof Tree & string];

type TextAt<Tree, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? Head extends keyof Tree
    ? TextAt<Tree[Head], Rest>
    : never
  : Path extends keyof Tree
    ? Tree[Path]
    : never;

type PlaceholdersIn<Text> = Text extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PlaceholdersIn<Rest>
  : never;

/** The placeholders of a message, from its English text. */
export type PlaceholderOf<Key extends MessageKey> = PlaceholdersIn<TextAt<typeof en, Key>>;

/** A message without placeholders takes no values; one with them takes a value for each. */
type ValuesFor<Key extends MessageKey, Value> = [PlaceholderOf<Key>] extends [never]
  ? []
  : [values: Record<PlaceholderOf<Key>, Value>];

/** The values `message(lang, key, ...values)` takes for `key`. */
export type MessageValues<Key extends MessageKey> = ValuesFor<Key, string | number>;

const PLACEHOLDER = /\{(\w+)\}/g;

/** The text of `key` in `lang`, its placeholders filled in from `values`. */
export function message<Key extends MessageKey>(
  lang: Lang,
  key: Key,
  ...values: ValuesFor<Key, string | number>
): string {
  return fill(key, textOf(lang, key), values[0] ?? {});
}

/**
 * The text of `key` in every language, as plans and events carry it. A value may itself differ
 * by language (a list joined the way each language joins lists).
 */
export function localized<Key extends MessageKey>(
  key: Key,
  ...values: ValuesFor<Key, string | number | Localized>
): Localized {
  const given: Record<string, string | number | Localized> = values[0] ?? {};
  const inLang = (lang: Lang) =>
    Object.fromEntries(
      Object.entries(given).map(([name, value]) => [
        name,
        typeof value === 'object' ? value[lang] : value,
      ]),
    );
  return {
    en: fill(key, textOf('en', key), inLang('en')),
    'zh-CN': fill(key, textOf('zh-CN', key), inLang('zh-CN')),
  };
}

/** Items joined the way each language joins a list in a sentence (common.listSeparator). */
export function localizedList(items: readonly (string | Localized)[]): Localized {
  return joinedInEachLang(items, 'listSeparator');
}

/** Clauses joined into one line the way each language does (common.clauseSeparator). */
export function localizedClauses(items: readonly (string | Localized)[]): Localized {
  return joinedInEachLang(items, 'clauseSeparator');
}

/** Alternatives joined the way each language says "or" (common.orSeparator). */
export function localizedAlternatives(items: readonly (string | Localized)[]): Localized {
  return joinedInEachLang(items, 'orSeparator');
}

function joinedInEachLang(
  items: readonly (string | Localized)[],
  separator: keyof Catalog['common'],
): Localized {
  const joined = (lang: Lang) =>
    items
      .map((item) => (typeof item === 'string' ? item : item[lang]))
      .join(CATALOGS[lang].common[separator]);
  return { en: joined('en'), 'zh-CN': joined('zh-CN') };
}

function textOf(lang: Lang, key: string): string {
  let node: unknown = CATALOGS[lang];
  for (const part of key.split('.')) {
    node =
      typeof node === 'object' && node !== null
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  if (typeof node !== 'string') {
    throw new Error(`message key "${key}" names no message in ${lang}: use a key of the catalog`);
  }
  return node;
}

/** One pass over the text, so a value that looks like a placeholder is left as it is. */
function fill(key: string, text: string, values: Record<string, string | number>): string {
  return text.replace(PLACEHOLDER, (_, name: string) => {
    const value = values[name];
    if (value === undefined) {
      throw new Error(`message "${key}" needs a value for {${name}}: pass it in the values`);
    }
    return String(value);
  });
}
