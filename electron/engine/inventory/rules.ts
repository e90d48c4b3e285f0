/**
 * Building blocks for the inventory schema: strings that can never carry a control
 * character, and checks that say how to fix a value (the `fix` travels in the zod issue's
 * `params` and ends up in {@link Issue.fix}).
 */
import { z } from 'zod';

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

export const CONTROL_FIX =
  'remove it: line breaks, tabs and other control characters are never accepted in an inventory value';

/** Zod's `params` carrying a fix; read back by the issue mapper. */
export interface FixParams {
  fix: string;
}

type Text<T> = string | ((value: T) => string);

function textOf<T>(text: Text<T>, value: T): string {
  return typeof text === 'function' ? text(value) : text;
}

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
    ctx.addIssue({
      code: 'custom',
      message: textOf(message, value),
      params: { fix: textOf(fix, value) } satisfies FixParams,
      input: value,
      continue: !abort,
    });
  };
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

/** A string that holds no control character. Every string of the inventory starts here. */
export function text(): z.ZodString {
  return z.string().superRefine(
    must(
      (value: string) => findControlCharacter(value) === undefined,
      (value) => `contains a ${findControlCharacter(value) ?? 'control character'}`,
      CONTROL_FIX,
      true,
    ),
  );
}

/** A non-empty string without control characters. */
export function nonEmptyText(what: string): z.ZodString {
  return text().superRefine(
    must(
      (value: string) => value.trim().length > 0,
      `${what} is empty`,
      `write a ${what} or remove the key`,
      true,
    ),
  );
}

/** A string checked by `test`, with a message and a fix for values that fail it. */
export function checked(
  test: (value: string) => boolean,
  message: Text<string>,
  fix: Text<string>,
): z.ZodString {
  return text().superRefine(must(test, message, fix));
}

/** Names of environment variables: what a shell accepts in `export NAME=…`. */
export const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function envName(): z.ZodString {
  return checked(
    (value) => ENV_NAME.test(value),
    (value) => `${show(value)} is not an environment variable name`,
    'use letters, digits and "_", not starting with a digit, e.g. "SWARM_PASSWORD"',
  ).meta({ pattern: ENV_NAME.source });
}

/** A path on the operator's machine: any non-empty text; "~/" is expanded by whoever reads it. */
export function localPath(what: string): z.ZodString {
  return nonEmptyText(what);
}

/** The schemas {@link secret} made: no message about the values they check may quote them. */
const secretSchemas = new WeakSet<z.core.$ZodType>();

/** Whether `schema` (unwrapped from optional/default) checks a secret typed inline. */
export function isSecretSchema(schema: z.core.$ZodType | undefined): boolean {
  return schema !== undefined && secretSchemas.has(schema);
}

/** A secret typed inline. Kept out of saved files unless asked, and out of every message. */
export function secret(what: string): z.ZodString {
  const schema = text().superRefine(
    must(
      (value: string) => value.length > 0,
      `${what} is empty`,
      `remove the key to be asked at run time, or use the …Env form to read it from an environment variable`,
    ),
  );
  secretSchemas.add(schema);
  return schema;
}
