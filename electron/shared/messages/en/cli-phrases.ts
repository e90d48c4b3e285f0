/** The terminal's fixed phrases around a run (what hosts and steps said is printed as it came). */
export const cli = {
  elapsed: 'elapsed {duration}',
  stepStatus: { ok: 'ok', changed: 'changed', failed: 'failed', skipped: 'skipped' },
  runFinished: {
    succeeded: 'succeeded',
    failed: 'failed',
    cancelled: 'cancelled',
  },
  summary: '{status} in {duration}: {ok} ok, {changed} changed, {failed} failed, {skipped} skipped',
  durationMs: '{ms} ms',
  durationSeconds: '{seconds} s',
  durationMinutes: '{minutes} min {seconds} s',
} as const;
