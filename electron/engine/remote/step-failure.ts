import { inEveryLanguage, type Localized } from '../../shared/localized';
import { localized } from '../../shared/messages';

/** Text the engine wrote for people, or a host's own words (the same in every language). */
export type FailureText = string | Localized;

/**
 * Raised by a step for a failure whose message is already written for people. Its `message`
 * (and `fix`) stay English, as the journal, the CLI and the logs speak it; `localized` has the
 * whole of it, fix included, in every language for the wizard and the report.
 */
export class StepFailure extends Error {
  /** What to do about it, in English. */
  readonly fix?: string;
  /** What went wrong, without the fix, in every language. */
  readonly reason: Localized;
  /** What to do about it, in every language. */
  readonly remedy?: Localized;
  /** The message and its fix in every language. */
  readonly localized: Localized;

  constructor(
    message: FailureText,
    fix?: FailureText,
    /** Structured results that still belong in the report (the failing preflight table). */
    readonly data?: unknown,
  ) {
    const reason = inEveryLanguage(message);
    const given = fix === undefined ? undefined : inEveryLanguage(fix);
    // An empty fix (no check had one) is no fix.
    const remedy = given?.en ? given : undefined;
    const whole = remedy
      ? localized('failures.run.withFix', { message: reason, fix: remedy })
      : reason;
    super(whole.en);
    this.name = 'StepFailure';
    this.reason = reason;
    this.localized = whole;
    if (remedy) {
      this.remedy = remedy;
      this.fix = remedy.en;
    }
  }
}
