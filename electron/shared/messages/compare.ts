/**
 * What is wrong between the original catalog and a translation: keys only one of them has,
 * placeholders that differ, empty texts, and braces that are not a `{name}` placeholder (vue-i18n
 * would read them as syntax). Used by the catalog's unit test; an empty list means all is well.
 */
export function catalogProblems(original: unknown, translation: unknown, lang: string): string[] {
  const originals = new Map(leaves(original));
  const translations = new Map(leaves(translation));
  const problems: string[] = [];
  for (const [key, text] of originals) {
    const translated = translations.get(key);
    if (translated === undefined) {
      problems.push(`${key}: missing in ${lang}`);
      continue;
    }
    const wanted = placeholders(text);
    const found = placeholders(translated);
    if (wanted !== found) {
      problems.push(`${key}: placeholders in en are [${wanted}], in ${lang} [${found}]`);
    }
  }
  for (const key of translations.keys()) {
    if (!originals.has(key)) problems.push(`${key}: only in ${lang}, not in en`);
  }
  for (const [language, texts] of [
    ['en', originals],
    [lang, translations],
  ] as const) {
    for (const [key, text] of texts) {
      if (typeof text !== 'string') {
        problems.push(`${key}: not a text in ${language}`);
        continue;
      }
      if (text.trim() === '') problems.push(`${key}: empty in ${language}`);
      if (/[{}]/.test(text.replace(/\{\w+\}/g, ''))) {
        problems.push(`${key}: a brace that is not a {name} placeholder in ${language}`);
      }
    }
  }
  return problems;
}

/** Every leaf of a message tree by its dotted key (a leaf that is not a string is a problem). */
export function leaves(tree: unknown, prefix = ''): [string, unknown][] {
  if (typeof tree !== 'object' || tree === null) return [[prefix, tree]];
  return Object.entries(tree).flatMap(([key, value]) =>
    leaves(value, prefix ? `${prefix}.${key}` : key),
  );
}

function placeholders(text: unknown): string {
  return [...new Set([...String(text).matchAll(/\{(\w+)\}/g)].map((match) => match[1]))]
    .sort()
    .join(', ');
}
