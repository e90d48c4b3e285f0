import type { Localized } from '../../../electron/shared/localized';

/** Picks the text of an engine `Localized` value for the current language. */
export function localized(text: Localized, locale: string): string {
  return locale === 'zh-CN' ? text['zh-CN'] : text.en;
}
