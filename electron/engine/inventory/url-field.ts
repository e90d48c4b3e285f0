/**
 * URL fields of the inventory: parsed as http(s) base URLs (see parseHttpBaseUrl), refused with
 * the field named and the fix, and stored normalised, so every file they reach (repo files, apt
 * sources, daemon.json) gets the same well-formed URL.
 */
import type { z } from 'zod';
import { MAX_URL_LENGTH } from './limits';
import { parseHttpBaseUrl } from './net';
import { show, text } from './rules';

export interface UrlFieldOptions {
  /** What the field holds, for messages: "mirror URL", "registry mirror URL". */
  noun: string;
  /** The fix for a value that is no http(s) URL at all. */
  fix: string;
  /** Words the field takes besides a URL (docker.mirror: aliyun, tuna …). */
  names?: readonly string[];
  /** The message for a value that is neither one of `names` nor an http(s) URL. */
  notAName?: (value: string) => string;
}

/** A value written as an http(s) URL, as opposed to a name such as "aliyun". */
const HTTP_SCHEME = /^https?:\/\//i;

/** An http(s) base URL field (or one of `names`), normalised when valid. */
export function httpUrlField(options: UrlFieldOptions): z.ZodString {
  const names = options.names ?? [];
  // The cap is checked first, by text(): a long value is never parsed or quoted back.
  return text({ max: MAX_URL_LENGTH, what: `the ${options.noun}` })
    .superRefine((value, ctx) => {
      if (names.includes(value)) return;
      const parsed = parseHttpBaseUrl(value);
      if (parsed.ok) return;
      if (names.length > 0 && !HTTP_SCHEME.test(value) && parsed.quotable) {
        ctx.addIssue({
          code: 'custom',
          message: options.notAName?.(value) ?? `${show(value)} is not a known name or URL`,
          params: { fix: options.fix },
          input: value,
        });
        return;
      }
      ctx.addIssue({
        code: 'custom',
        // Credentials and pasted blobs are not quoted back.
        message: parsed.quotable
          ? `${show(value)} is not a ${options.noun}: it ${parsed.problem}`
          : `the ${options.noun} ${parsed.problem}`,
        params: { fix: HTTP_SCHEME.test(value) || !parsed.quotable ? parsed.fix : options.fix },
        input: parsed.quotable ? value : '(not shown)',
      });
    })
    .overwrite((value) => {
      if (names.includes(value)) return value;
      const parsed = parseHttpBaseUrl(value);
      return parsed.ok ? parsed.url : value;
    })
    .meta({ maxLength: MAX_URL_LENGTH });
}
