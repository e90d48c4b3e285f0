/** Raised by a step for a failure whose message is already written for people. */
export class StepFailure extends Error {
  constructor(
    message: string,
    readonly fix?: string,
    /** Structured results that still belong in the report (the failing preflight table). */
    readonly data?: unknown,
  ) {
    super(fix ? `${message} — ${fix}` : message);
    this.name = 'StepFailure';
  }
}
