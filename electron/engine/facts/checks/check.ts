import type { PlanHostSummary } from '../../run/events';
import type { HostFacts } from '../facts';

export type CheckStatus = 'pass' | 'warn' | 'fail';

/** A check's words in one language. */
export interface CheckWords {
  detail: string;
  fix?: string;
}

/** A check's words in the languages other than English (preflight and verification checks). */
export interface CheckTranslations {
  'zh-CN': CheckWords;
}

/** One row of the preflight table. */
export interface PreflightCheck {
  id: string;
  status: CheckStatus;
  /** What was seen, in plain words (English: logs, the CLI, the journal). */
  detail: string;
  /** What to do about a warning or a failure. */
  fix?: string;
  /**
   * The same detail and fix for the wizard and the report in Chinese. Every check made here
   * has them; a journal written before checks spoke Chinese does not.
   */
  translations?: CheckTranslations;
}

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
