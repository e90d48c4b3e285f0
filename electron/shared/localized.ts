import { z } from 'zod';

/** Text shown to people, in every language the app speaks. */
export const localizedSchema = z.object({ en: z.string(), 'zh-CN': z.string() });
export type Localized = z.infer<typeof localizedSchema>;
