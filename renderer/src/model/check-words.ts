import type { PreflightCheck } from '../../../electron/shared/checks';

/** A check's words (what was seen, and the fix) as the engine recorded them. */
type CheckWithWords = Pick<PreflightCheck, 'detail' | 'fix' | 'translations'>;

/** A check's detail and fix in the wizard's language; English when the run has no other. */
export function checkWords(
  check: CheckWithWords,
  locale: string,
): { detail: string; fix?: string } {
  return (locale === 'zh-CN' ? check.translations?.['zh-CN'] : undefined) ?? check;
}
