import type { z } from 'zod';

/** Raised when a renderer sends a payload that does not match the channel's contract. */
export class InvalidPayloadError extends Error {
  constructor(
    readonly channel: string,
    /** One entry per problem: `field: what is wrong`. */
    readonly problems: string[],
  ) {
    super(`Invalid request on ${channel}: ${problems.join('; ')}`);
    this.name = 'InvalidPayloadError';
  }
}

/** Parses a payload with its channel's schema; the error names each offending field. */
export function parsePayload<S extends z.ZodType>(
  channel: string,
  schema: S,
  payload: unknown,
): z.output<S> {
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  throw new InvalidPayloadError(
    channel,
    result.error.issues.map((issue) => {
      const field = issue.path.length > 0 ? issue.path.map(String).join('.') : '(payload)';
      return `${field}: ${issue.message}`;
    }),
  );
}
