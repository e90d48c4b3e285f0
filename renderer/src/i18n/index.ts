import { createI18n } from 'vue-i18n';
import en from './en.json';
import zhCN from './zh-CN.json';
import type { Locale } from '../stores/wizard';

/** English is the reference: every other language must have exactly its keys (unit-tested). */
export type MessageSchema = typeof en;

export const messages: Record<Locale, MessageSchema> = { en, 'zh-CN': zhCN };

export function createAppI18n(locale: Locale) {
  return createI18n<[MessageSchema], Locale, false>({
    legacy: false,
    locale,
    fallbackLocale: 'en',
    messages,
  });
}

/** Picks the text of an engine `Localized` value for the current language. */
export function localized(text: { en: string; 'zh-CN': string }, locale: string): string {
  return locale === 'zh-CN' ? text['zh-CN'] : text.en;
}
