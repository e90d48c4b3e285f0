import { z } from 'zod';

/** Text shown to people, in every language the app speaks. */
export const localizedSchema = z.object({ en: z.string(), 'zh-CN': z.string() });
export type Localized = z.infer<typeof localizedSchema>;

/** Catalog words as they are, or a host's own words, which are the same in every language. */
export function inEveryLanguage(text: string | Localized): Localized {
  return typeof text === 'string' ? { en: text, 'zh-CN': text } : text;
}

/** The same change made to the text of every language (a redaction). */
export function inEachLanguage(words: Localized, change: (text: string) => string): Localized {
  return { en: change(words.en), 'zh-CN': change(words['zh-CN']) };
}

/**
 * How a step ended on a host, in every language: its one-line message, what it changed and what
 * it warned about. Journals written before warnings were translated have no `warnings`.
 */
export const stepWordsSchema = z.object({
  message: localizedSchema,
  changes: z.array(localizedSchema),
  warnings: z.array(localizedSchema).optional(),
});
export type StepWords = z.infer<typeof stepWordsSchema>;
