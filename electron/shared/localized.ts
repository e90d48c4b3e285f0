import { z } from 'zod';

/** Text shown to people, in every language the app speaks. */
export const localizedSchema = z.object({ en: z.string(), 'zh-CN': z.string() });
export type Localized = z.infer<typeof localizedSchema>;

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
