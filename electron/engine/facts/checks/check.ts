import type {
  CheckStatus,
  CheckTranslations,
  CheckWords,
  PreflightCheck,
} from '../../../shared/checks';
import type { Localized } from '../../../shared/messages';
import type { PlanHostSummary } from '../../../shared/plan';
import type { HostFacts } from '../facts';

// Declared once, in shared/checks.ts: the journal, the report and the wizard read them.
export type { CheckStatus, CheckTranslations, CheckWords, PreflightCheck };

/** A check's detail and fix in English, with the Chinese beside them. */
export function said(
  en: CheckWords,
  zh: CheckWords,
): Pick<PreflightCheck, 'detail' | 'fix' | 'translations'> {
  return {
    detail: en.detail,
    ...(en.fix !== undefined ? { fix: en.fix } : {}),
    translations: { 'zh-CN': zh },
  };
}

/** A check's detail and fix from the message catalog, the English with the Chinese beside it. */
export function localizedWords(
  detail: Localized,
  fix?: Localized,
): Pick<PreflightCheck, 'detail' | 'fix' | 'translations'> {
  return said(
    { detail: detail.en, ...(fix ? { fix: fix.en } : {}) },
    { detail: detail['zh-CN'], ...(fix ? { fix: fix['zh-CN'] } : {}) },
  );
}

/**
 * A check's detail and fix in every language, as the check worded them: the reverse of
 * {@link localizedWords}. A row of a journal written before checks spoke Chinese has English alone.
 */
export function localizedCheckWords(
  check: Pick<PreflightCheck, 'detail' | 'fix' | 'translations'>,
): { detail: Localized; fix?: Localized } {
  const chinese = check.translations?.['zh-CN'];
  const detail = { en: check.detail, 'zh-CN': chinese?.detail ?? check.detail };
  if (!check.fix) return { detail };
  return { detail, fix: { en: check.fix, 'zh-CN': chinese?.fix ?? check.fix } };
}

export interface ClockReading {
  /** Host clock minus operator clock, milliseconds, corrected for the round trip. */
  offsetMs: number;
  /** Half the round trip: the offset is known to within this. */
  uncertaintyMs: number;
}

/** One row from one host's own facts; undefined when the row does not apply to this host. */
export type HostCheck = (
  host: PlanHostSummary,
  facts: HostFacts,
  clock: ClockReading,
) => PreflightCheck | undefined;

/** The other hosts' facts, by host id, as a cluster check compares them. */
export type OtherHostsFacts = readonly (readonly [string, HostFacts])[];

/** One row from comparing this host's facts with the others'; undefined when it does not apply. */
export type ClusterCheck = (
  host: PlanHostSummary,
  mine: HostFacts,
  others: OtherHostsFacts,
) => PreflightCheck | undefined;
