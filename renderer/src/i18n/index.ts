import { createI18n } from 'vue-i18n';
import { CATALOGS, type Catalog } from '../../../electron/shared/messages';
import type { Locale } from '../stores/wizard';

/** The wizard's part of the one message catalog; both languages have its keys (unit-tested). */
export type MessageSchema = Catalog['wizard'];

export const messages: Record<Locale, MessageSchema> = {
  en: CATALOGS.en.wizard,
  'zh-CN': CATALOGS['zh-CN'].wizard,
};

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}

export { localized } from '../model/localized-text';
