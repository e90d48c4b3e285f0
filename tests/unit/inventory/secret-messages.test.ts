/**
 * No message ever contains the value of a secret field, whatever its type (security issue,
 * finding 3): every secret field is fed values of every type, through plain data, YAML text,
 * JSON text and the wizard's IPC handlers, and no issue, warning or error quotes the value.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testHandlerDeps } from '../helpers/handler-deps';
import { stringify } from 'yaml';
import { z } from 'zod';
import type { HandlerContext } from '../../../electron/main/ipc/handlers';
import { createHandlers } from '../../../electron/main/ipc/handlers';
import {
  INLINE_SECRET_FIELDS,
  InventorySchema,
  formatIssues,
  parseInventory,
  validateInventory,
} from '../../../electron/engine/inventory';
import type { Issue, PathSegment } from '../../../electron/engine/inventory';
import { formatPath } from '../../../electron/engine/inventory/issues';
import { isSecretSchema } from '../../../electron/engine/inventory/rules';
import { unwrapSchema } from '../../../electron/engine/inventory/schema-walk';
import { setAt } from './helpers';

/** Every place a secret can be written: each login level and each inline secret field. */
const SECRET_PATHS: PathSegment[][] = [
  ['defaults', 'password'],
  ['defaults', 'keyPassphrase'],
  ['defaults', 'sudoPassword'],
  ['hosts', 0, 'password'],
  ['hosts', 0, 'keyPassphrase'],
  ['hosts', 0, 'sudoPassword'],
  ['hosts', 2, 'password'],
  ['jumpHost', 'password'],
  ['jumpHost', 'keyPassphrase'],
];

interface SecretCase {
  value: unknown;
  /** Texts that must appear in no message at all (distinctive parts of the value). */
  forms: string[];
  /** Texts that must not appear in the issues about the secret field itself. */
  near?: string[];
}

/** Values of every type a parser or the wizard can hand over. */
const VALUES: Record<string, SecretCase> = {
  'an integer': { value: 98765432123, forms: ['98765432123'] },
  'a negative fraction': { value: -4242.125, forms: ['4242.125'] },
  'a huge number': { value: 7.5e21, forms: ['7.5e+21', '7500000000000000000000'] },
  true: { value: true, forms: [], near: ['true'] },
  false: { value: false, forms: [], near: ['false'] },
  'a list': {
    value: ['L1stS3cret', 31415926535, { deep: 'D33pS3cret' }],
    forms: ['L1stS3cret', '31415926535', 'D33pS3cret'],
  },
  'a mapping': {
    value: { Obj3ctK3y: 'Obj3ctS3cret', n: 27182818284 },
    forms: ['Obj3ctK3y', 'Obj3ctS3cret', '27182818284'],
  },
  'text with a newline': { value: 'N3wl1neS3cret\nM0reS3cret', forms: ['N3wl1neS3cret'] },
  'text with an escape sequence': { value: 'Esc4peS3cret\u001b[31m', forms: ['Esc4peS3cret'] },
  'text with a bidi override': { value: 'B1d1S3cret\u202e', forms: ['B1d1S3cret'] },
  'very long text': { value: 'L0ngS3cret'.repeat(2000), forms: ['L0ngS3cret'] },
};

/** Values only YAML text can spell: the message may show the parsed number or the source. */
const YAML_ONLY: Record<string, { source: string; forms: string[] }> = {
  hexadecimal: { source: '0x2A3B4C5D6E', forms: ['0x2A3B4C5D6E', String(0x2a3b4c5d6e)] },
  octal: { source: '0o7654321076', forms: ['0o7654321076', String(0o7654321076)] },
  exponent: { source: '6.02214076e23', forms: ['6.02214076e23', String(6.02214076e23)] },
  'flow list': { source: '[F1owS3cret, 161803398875]', forms: ['F1owS3cret', '161803398875'] },
  'flow mapping': { source: '{F1owK3y: F1owV4lue}', forms: ['F1owK3y', 'F1owV4lue'] },
  // A syntax error inside the value: the parser's message would quote the bad escape.
  'a bad escape': { source: '"B4dEsc\\qS3cret"', forms: ['B4dEsc', 'S3cret', '\\q'] },
  'a bad hex escape': { source: '"Hx\\xZ9S3cret"', forms: ['S3cret', '\\xZ9'] },
};

const PLACEHOLDER = 'SWARMLAB_SECRET_PLACEHOLDER';

/** A valid inventory apart from the secret: every login level exists, sudo is needed. */
function inventoryWith(path: PathSegment[], value: unknown): Record<string, unknown> {
  const data: Record<string, unknown> = {
    jumpHost: { address: '192.168.11.1' },
    defaults: { user: 'admin' },
    hosts: [
      { address: '192.168.11.131', hostname: 'node01', role: 'manager' },
      { address: '192.168.11.132', hostname: 'node02' },
      { address: '192.168.11.133', hostname: 'node03', keyFile: '~/.ssh/id_ed25519' },
    ],
  };
  return setAt(data, path, value);
}

function allIssues(result: { errors: Issue[]; warnings: Issue[] }): Issue[] {
  return [...result.errors, ...result.warnings];
}

/** What is wrong with the messages (empty when nothing leaks). */
function leaks(issues: readonly Issue[], where: string, secret: SecretCase): string[] {
  const problems: string[] = [];
  const everything = formatIssues(issues);
  for (const form of secret.forms) {
    if (everything.includes(form)) problems.push(`quotes ${JSON.stringify(form)}: ${everything}`);
  }
  const own = formatIssues(issues.filter((issue) => issue.path === where));
  for (const form of secret.near ?? []) {
    if (own.includes(form)) problems.push(`quotes ${JSON.stringify(form)}: ${own}`);
  }
  return problems;
}

describe('secret fields', () => {
  it('are the inline secrets of every login level, marked in the schema', () => {
    const found: string[] = [];
    const visit = (schema: z.core.$ZodType, path: PathSegment[]) => {
      const inner = unwrapSchema(schema);
      if (isSecretSchema(inner)) found.push(formatPath(path));
      if (inner instanceof z.ZodObject) {
        for (const [key, child] of Object.entries(inner.shape as Record<string, z.core.$ZodType>))
          visit(child, [...path, key]);
      } else if (inner instanceof z.ZodPipe) {
        visit(inner.in, path);
      } else if (inner instanceof z.ZodArray) {
        visit(inner.element, [...path, 0]);
      }
    };
    visit(InventorySchema, []);
    const expected = ['defaults', 'hosts[0]', 'jumpHost'].flatMap((owner) =>
      INLINE_SECRET_FIELDS.filter((field) => owner !== 'jumpHost' || field !== 'sudoPassword').map(
        (field) => `${owner}.${field}`,
      ),
    );
    expect(found.sort()).toEqual(expected.sort());
  });
});

describe('no message contains the value of a secret field', () => {
  for (const path of SECRET_PATHS) {
    const where = formatPath(path);

    it(`${where}: values of every type, as data, YAML and JSON`, () => {
      const problems: string[] = [];
      for (const [kind, secret] of Object.entries(VALUES)) {
        const data = inventoryWith(path, secret.value);
        problems.push(
          ...leaks(allIssues(validateInventory(data)), where, secret).map(
            (p) => `data, ${kind}: ${p}`,
          ),
        );
        const yamlText = stringify(data);
        problems.push(
          ...leaks(allIssues(parseInventory(yamlText, 'lab.yaml')), where, secret).map(
            (p) => `YAML, ${kind}: ${p}`,
          ),
        );
        problems.push(
          ...leaks(allIssues(parseInventory(JSON.stringify(data))), where, secret).map(
            (p) => `JSON, ${kind}: ${p}`,
          ),
        );
      }
      for (const [kind, { source, forms }] of Object.entries(YAML_ONLY)) {
        const text = stringify(inventoryWith(path, PLACEHOLDER)).replace(PLACEHOLDER, source);
        const result = parseInventory(text, 'lab.yaml');
        expect(result.ok, `${kind} is not a valid secret`).toBe(false);
        problems.push(
          ...leaks(allIssues(result), where, { value: source, forms }).map(
            (p) => `YAML, ${kind}: ${p}`,
          ),
        );
      }
      expect(problems).toEqual([]);
    });
  }

  it('refuses a number as a password, saying how to write it, without quoting it', () => {
    const result = parseInventory(
      'hosts:\n  - address: 192.168.11.131\n    role: manager\n    password: 98765432123\n',
      'lab.yaml',
    );
    expect(result.ok).toBe(false);
    const [issue] = result.errors;
    expect(issue).toMatchObject({ path: 'hosts[0].password', line: 4 });
    expect(issue?.message).toBe('expected text, got a number');
    expect(issue?.fix).toMatch(/in quotes/);
    expect(formatIssues(result)).not.toContain('98765432123');
  });

  it('hides a secret wherever another message would quote it', () => {
    // The same text as an inline password and as a hostname Docker refuses: the hostname's
    // message would otherwise print the password.
    const data = inventoryWith(['hosts', 0, 'password'], 'Sh4red_S3cret');
    setAt(data, ['hosts', 1, 'hostname'], 'Sh4red_S3cret');
    const result = validateInventory(data);
    expect(result.ok).toBe(false);
    expect(result.errors.map((issue) => issue.path)).toContain('hosts[1].hostname');
    expect(formatIssues(result)).not.toContain('Sh4red_S3cret');
  });
});

describe("the wizard's IPC handlers never answer with a secret", () => {
  let home: string;
  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'swarmlab-secret-messages-'));
  });
  afterAll(async () => {
    await rm(home, { recursive: true, force: true });
  });
  const context: HandlerContext = { sendEvent: () => undefined };

  function handlers() {
    return createHandlers(
      testHandlerDeps(home, {
        // Never reached (every inventory here is invalid); a run would be a bug of the test.
        runSetup: () => Promise.reject(new Error('no run in this test')),
      }),
    ).handlers;
  }

  const wizardValues: Record<string, SecretCase> = {
    ...VALUES,
    // Structured clone carries a BigInt from the renderer.
    'a big integer': {
      value: 123456789012345678901234567890n,
      forms: ['123456789012345678901234567890'],
    },
  };

  for (const path of SECRET_PATHS) {
    const where = formatPath(path);
    it(`${where}: inventory:validate, inventory:parse-yaml and run:start`, async () => {
      const api = handlers();
      const problems: string[] = [];
      for (const [kind, secret] of Object.entries(wizardValues)) {
        const inventory = inventoryWith(path, secret.value);
        const verdict = await api['inventory:validate']({ inventory }, context);
        problems.push(
          ...leaks(allIssues(verdict), where, secret).map((p) => `validate, ${kind}: ${p}`),
        );
        if (typeof secret.value !== 'bigint') {
          const parsed = await api['inventory:parse-yaml']({ text: stringify(inventory) }, context);
          const issues = parsed.ok ? parsed.warnings : parsed.errors;
          problems.push(...leaks(issues, where, secret).map((p) => `parse-yaml, ${kind}: ${p}`));
        }
        if (verdict.ok) continue;
        const started = await api['run:start']({ inventory, mode: 'preflight' }, context).then(
          () => 'started',
          (error: unknown) => String(error),
        );
        if (!started.includes('not valid')) problems.push(`run:start, ${kind}: ${started}`);
        for (const form of secret.forms) {
          if (started.includes(form))
            problems.push(`run:start, ${kind}: quotes ${form}: ${started}`);
        }
      }
      expect(problems).toEqual([]);
    });
  }
});
