/**
 * Building blocks for the inventory schema: strings that can never carry a control
 * character, and checks that say how to fix a value (the `fix` travels in the zod issue's
 * `params` and ends up in {@link Issue.fix}).
 */
import { inEveryLanguage, type Localized } from '../../shared/localized';
import { z } from 'zod';
import { localized } from '../../shared/messages';
import { MAX_ENV_NAME_LENGTH, MAX_PATH_LENGTH, MAX_SECRET_LENGTH, MAX_TEXT_LENGTH } from './limits';

/**
 * Characters no inventory value may hold: C0/C1 controls (newline, tab, ESC, NUL …), DEL,
 * Unicode line/paragraph separators and bidirectional overrides ("Trojan Source").
 */
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/u;

const CONTROL_NAMES: Record<number, string> = {
  0x00: 'NUL',
  0x09: 'tab',
  0x0a: 'newline',
  0x0d: 'carriage return',
  0x1b: 'escape',
  0x7f: 'DEL',
  0x2028: 'line separator',
  0x2029: 'paragraph separator',
};

/** Describes the first forbidden character of a string, or undefined when there is none. */
export function findControlCharacter(value: string): string | undefined {
  const match = FORBIDDEN.exec(value);
  if (!match) return undefined;
  const code = match[0].codePointAt(0) ?? 0;
  const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  const name = CONTROL_NAMES[code];
  return name ? `${name} (${hex})` : hex;
}

/** Zod's `params` carrying a fix; read back by the issue mapper. */
export interface FixParams {
  fix: string;
  /** The message and fix in every language, where the rule has catalog words. */
  localized?: { message: Localized; fix: Localized };
}

export type Words = string | Localized;
type Text<T> = Words | ((value: T) => Words);

function textOf<T>(text: Text<T>, value: T): Words {
  return typeof text === 'function' ? text(value) : text;
}

const english = (words: Words): string => (typeof words === 'string' ? words : words.en);

/**
 * A check in the shape zod's `superRefine` takes: when `test` fails, adds an issue with a
 * message and a fix. `abort` stops the remaining checks on this value.
 */
export function must<T>(
  test: (value: T) => boolean,
  message: Text<T>,
  fix: Text<T>,
  abort = false,
): (value: T, ctx: z.RefinementCtx<T>) => void {
  return (value, ctx) => {
    if (test(value)) return;
    addWordsIssue(ctx, textOf(message, value), textOf(fix, value), { input: value, abort });
  };
}

/** Adds a custom issue with its message and fix, in every language where they are catalog words. */
export function addWordsIssue(
  ctx: { addIssue: (issue: z.core.$ZodRawIssue) => void },
  message: Words,
  fix: Words,
  where: { input: unknown; path?: PropertyKey[]; abort?: boolean },
): void {
  const params: FixParams = { fix: english(fix) };
  if (typeof message !== 'string' || typeof fix !== 'string') {
    params.localized = { message: inEveryLanguage(message), fix: inEveryLanguage(fix) };
  }
  ctx.addIssue({
    code: 'custom',
    message: english(message),
    params,
    input: where.input,
    ...(where.path ? { path: where.path } : {}),
    continue: !where.abort,
  });
}

/** Quotes a value for a message: JSON string syntax, so hidden characters show. */
export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined) return 'nothing';
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** How long a text field may be, and what to call it in the message when it is longer. */
export interface TextLimit {
  /** The field as people know it, e.g. "key file path" (fieldRules.nouns). */
  what?: Localized;
  /** The most characters it may hold; {@link MAX_TEXT_LENGTH} unless the field needs fewer. */
  max?: number;
}

/**
 * A string no longer than its cap that holds no control character. Every string of the
 * inventory starts here. The length is checked first and stops the other checks: a huge
 * value is never run through a pattern or quoted back in a message.
 */
export function text(limit: TextLimit = {}): z.ZodString {
  const max = limit.max ?? MAX_TEXT_LENGTH;
  const what = limit.what ?? localized('fieldRules.nouns.value');
  return z
    .string()
    .superRefine(
      must(
        (value: string) => value.length <= max,
        (value) => localized('fieldRules.tooLong', { what, length: value.length, max }),
        localized('fieldRules.tooLongFix', { max }),
        true,
      ),
    )
    .superRefine(
      must(
        (value: string) => findControlCharacter(value) === undefined,
        (value) =>
          localized('fieldRules.control', {
            character: findControlCharacter(value) ?? localized('fieldRules.controlCharacter'),
          }),
        localized('fieldRules.controlFix'),
        true,
      ),
    );
}

/** A non-empty string without control characters. */
export function nonEmptyText(what: Localized, max?: number): z.ZodString {
  return text(max === undefined ? { what } : { what, max }).superRefine(
    must(
      (value: string) => value.trim().length > 0,
      localized('fieldRules.empty', { what }),
      localized('fieldRules.emptyFix', { what }),
      true,
    ),
  );
}

/** A string checked by `test`, with a message and a fix for values that fail it. */
export function checked(
  test: (value: string) => boolean,
  message: Text<string>,
  fix: Text<string>,
  limit: TextLimit = {},
): z.ZodString {
  return text(limit).superRefine(must(test, message, fix));
}

/** Names of environment variables: what a shell accepts in `export NAME=…`. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function envName(): z.ZodString {
  return checked(
    (value) => ENV_NAME.test(value),
    (value) => localized('fieldRules.envName', { value: show(value) }),
    localized('fieldRules.envNameFix'),
    { what: localized('fieldRules.nouns.envName'), max: MAX_ENV_NAME_LENGTH },
  ).meta({ pattern: ENV_NAME.source });
}

/** A path on the operator's machine: any non-empty text; "~/" is expanded by whoever reads it. */
export function localPath(what: Localized): z.ZodString {
  return nonEmptyText(what, MAX_PATH_LENGTH);
}

/** The schemas {@link secret} made: no message about the values they check may quote them. */
const secretSchemas = new WeakSet<z.core.$ZodType>();

/** Whether `schema` (unwrapped from optional/default) checks a secret typed inline. */
export function isSecretSchema(schema: z.core.$ZodType | undefined): boolean {
  return schema !== undefined && secretSchemas.has(schema);
}

/** A secret typed inline. Kept out of saved files unless asked, and out of every message. */
export function secret(what: Localized): z.ZodString {
  const schema = text({ what, max: MAX_SECRET_LENGTH }).superRefine(
    must(
      (value: string) => value.length > 0,
      localized('fieldRules.empty', { what }),
      localized('fieldRules.secretEmptyFix'),
    ),
  );
  secretSchemas.add(schema);
  return schema;
}
