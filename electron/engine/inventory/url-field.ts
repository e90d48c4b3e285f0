/**
 * URL fields of the inventory: parsed as http(s) base URLs (see parseHttpBaseUrl), refused with
 * the field named and the fix, and stored normalised, so every file they reach (repo files, apt
 * sources, daemon.json) gets the same well-formed URL.
 */
import type { z } from 'zod';
import { localized, type Localized } from '../../shared/messages';
import { MAX_URL_LENGTH } from './limits';
import { parseHttpBaseUrl } from './net';
import { addWordsIssue, show, text } from './rules';

export interface UrlFieldOptions {
  /** What the field holds, for messages: "mirror URL", "registry mirror URL" (fieldRules.nouns). */
  noun: Localized;
  /** The fix for a value that is no http(s) URL at all. */
  fix: Localized;
  /** Words the field takes besides a URL (docker.mirror: aliyun, tuna …). */
  names?: readonly string[];
  /** The message for a value that is neither one of `names` nor an http(s) URL. */
  notAName?: (value: string) => Localized;
}

/** A value written as an http(s) URL, as opposed to a name such as "aliyun". */
const HTTP_SCHEME = /^https?:\/\//i;

/** An http(s) base URL field (or one of `names`), normalised when valid. */
export function httpUrlField(options: UrlFieldOptions): z.ZodString {
  const names = options.names ?? [];
  // The cap is checked first, by text(): a long value is never parsed or quoted back.
  const { noun } = options;
  return text({ max: MAX_URL_LENGTH, what: noun })
    .superRefine((value, ctx) => {
      if (names.includes(value)) return;
      const parsed = parseHttpBaseUrl(value);
      if (parsed.ok) return;
      if (names.length > 0 && !HTTP_SCHEME.test(value) && parsed.quotable) {
        addWordsIssue(
          ctx,
          options.notAName?.(value) ?? localized('fieldRules.url.notName', { value: show(value) }),
          options.fix,
          { input: value },
        );
        return;
      }
      // Credentials and pasted blobs are not quoted back.
      const message = parsed.quotable
        ? localized('fieldRules.url.notOne', { value: show(value), noun, problem: parsed.problem })
        : localized('fieldRules.url.notOneUnquoted', { noun, problem: parsed.problem });
      const fix = HTTP_SCHEME.test(value) || !parsed.quotable ? parsed.fix : options.fix;
      addWordsIssue(ctx, message, fix, { input: parsed.quotable ? value : '(not shown)' });
    })
    .overwrite((value) => {
      if (names.includes(value)) return value;
      const parsed = parseHttpBaseUrl(value);
      return parsed.ok ? parsed.url : value;
    })
    .meta({ maxLength: MAX_URL_LENGTH });
}
