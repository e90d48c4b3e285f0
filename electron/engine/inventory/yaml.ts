/**
 * Inventories as YAML files: load (with line:col in every issue) and save (without
 * passwords unless asked).
 */
import { open } from 'node:fs/promises';
import { Document, isMap, isScalar, isSeq, LineCounter, parseDocument } from 'yaml';
import type { Node as YamlNode } from 'yaml';
import { Redactor } from '../redact';
import type { Issue, PathSegment } from './issues';
import { MAX_INVENTORY_BYTES } from './limits';
import { objectKeys, schemaAt } from './schema-walk';
import type { InventoryInput } from './schema';
import { InventorySchema } from './schema';
import type { InventoryResult } from './validate';
import { isSecretPath, validateInventory } from './validate';

export type LoadResult = InventoryResult & { fileName?: string };

/** Where an inventory comes from: its text (and a name for messages), or a file to read. */
export type InventorySource = { text: string; fileName?: string } | { file: string };

/** Reads and validates an inventory. Never throws for bad input: problems are issues. */
export async function loadInventory(source: InventorySource): Promise<LoadResult> {
  if ('text' in source) return parseInventory(source.text, source.fileName);
  const read = await readInventoryFile(source.file);
  if (!read.ok) return { ok: false, fileName: source.file, errors: [read.issue], warnings: [] };
  return parseInventory(read.text, source.file);
}

export type InventoryFileText = { ok: true; text: string } | { ok: false; issue: Issue };

/**
 * The text of an inventory file, read up to {@link MAX_INVENTORY_BYTES} and no further: a
 * larger file (or a device or pipe that never ends) is refused after cap + 1 bytes, whatever
 * its size said before the read.
 */
export async function readInventoryFile(file: string): Promise<InventoryFileText> {
  const unreadable = (error: unknown): InventoryFileText => {
    const code = (error as NodeJS.ErrnoException).code;
    return {
      ok: false,
      issue: {
        path: '',
        message: `cannot read ${file}${code === 'ENOENT' ? ': no such file' : code ? `: ${code}` : ''}`,
        fix: 'check the path; docs/inventory.example.yaml is a place to start',
      },
    };
  };
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (error) {
    return unreadable(error);
  }
  try {
    const buffer = Buffer.alloc(MAX_INVENTORY_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length <= MAX_INVENTORY_BYTES)
      return { ok: true, text: buffer.toString('utf8', 0, length) };
    const stats = await handle.stat();
    const size = stats.isFile() && stats.size > MAX_INVENTORY_BYTES ? stats.size : undefined;
    return {
      ok: false,
      issue: {
        path: '',
        message:
          size !== undefined
            ? `${file} is ${size} bytes, more than the ${MAX_INVENTORY_BYTES} bytes an inventory may have`
            : `${file} holds more than ${MAX_INVENTORY_BYTES} bytes, more than an inventory may have`,
        fix: 'an inventory is a short YAML file: check that this is the right file (docs/inventory.example.yaml shows one)',
      },
    };
  } catch (error) {
    return unreadable(error);
  } finally {
    await handle.close();
  }
}

/** Parses YAML text and validates it. Issues carry the line and column they point at. */
export function parseInventory(text: string, fileName?: string): LoadResult {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    version: '1.2',
  });
  const at = (offset: number | undefined) => {
    if (offset === undefined) return {};
    const { line, col } = lineCounter.linePos(offset);
    return { line, col };
  };
  const named = fileName === undefined ? {} : { fileName };
  const secrets = secretSpans(doc.contents);
  const secretSpellings = secrets.map(({ start, end }) => text.slice(start, end).trim());
  // The parser's words may quote the text at the error (a bad escape sequence): not when
  // that text is part of a secret.
  const inSecret = (offset: number) =>
    secrets.some(({ start, end }) => offset >= start && offset <= end);
  if (doc.errors.length > 0) {
    const errors: Issue[] = doc.errors.map((error) => ({
      path: '',
      message: inSecret(error.pos[0])
        ? 'YAML syntax: the value of a secret field is not valid YAML (not shown)'
        : `YAML syntax: ${firstLine(error.message)}`,
      fix: inSecret(error.pos[0]) ? SECRET_YAML_FIX : yamlFix(error.code),
      ...at(error.pos[0]),
    }));
    return { ok: false, errors: hideSecrets(errors, secretSpellings), warnings: [], ...named };
  }
  const yamlWarnings: Issue[] = hideSecrets(
    doc.warnings.map((warning) => ({
      path: '',
      message: inSecret(warning.pos[0])
        ? 'YAML: the value of a secret field has a tag (not shown)'
        : `YAML: ${firstLine(warning.message)}`,
      fix: 'remove the tag or quote the value',
      ...at(warning.pos[0]),
    })),
    secretSpellings,
  );
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 100 });
  } catch (error) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: `YAML: ${firstLine(String(error))}`,
          fix: 'write the values out instead of using many aliases',
        },
      ],
      warnings: yamlWarnings,
      ...named,
    };
  }
  if (data === null || data === undefined) {
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: 'the inventory is empty',
          fix: 'start from docs/inventory.example.yaml',
          line: 1,
          col: 1,
        },
      ],
      warnings: yamlWarnings,
      ...named,
    };
  }
  const locate = (path: readonly PathSegment[]) => {
    const offset = offsetOf(doc.contents, path);
    return offset === undefined ? undefined : lineCounter.linePos(offset);
  };
  const result = validateInventory(data, { locate, secretSpellings });
  result.warnings.unshift(...yamlWarnings);
  return { ...result, ...named };
}

const SECRET_YAML_FIX =
  "write the secret in single quotes (double a ' inside them), or keep it out of the file with the …Env form";

/** Where the values of secret fields are in the text, from a document that may be broken. */
function secretSpans(root: unknown): { start: number; end: number }[] {
  const spans: { start: number; end: number }[] = [];
  const walk = (node: unknown, path: PathSegment[]): void => {
    if (path.length > MAX_DEPTH) return;
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isScalar(pair.key)) continue;
        const at = [...path, String(pair.key.value)];
        const range = isSecretPath(at) ? nodeRange(pair.value) : undefined;
        if (range) spans.push(range);
        else walk(pair.value, at);
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, index) => walk(item, [...path, index]));
    }
  };
  walk(root, []);
  return spans;
}

/** Inventories nest a few levels; a document nested deeper is searched no further. */
const MAX_DEPTH = 32;

function nodeRange(node: unknown): { start: number; end: number } | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as YamlNode).range;
  return range ? { start: range[0], end: range[1] } : undefined;
}

function hideSecrets(issues: Issue[], secrets: readonly string[]): Issue[] {
  const redactor = new Redactor(secrets);
  if (redactor.size === 0) return issues;
  return issues.map((issue) => ({
    ...issue,
    message: redactor.redact(issue.message),
    fix: redactor.redact(issue.fix),
  }));
}

function firstLine(message: string): string {
  return message.split('\n')[0]?.trim() ?? message;
}

function yamlFix(code: string): string {
  switch (code) {
    case 'DUPLICATE_KEY':
      return 'a key appears twice in the same mapping; keep one';
    case 'TAB_AS_INDENT':
      return 'indent with spaces, not tabs';
    case 'BAD_INDENT':
    case 'MISSING_CHAR':
    case 'UNEXPECTED_TOKEN':
      return 'check the indentation and the ":" after each key on this line and the one above';
    case 'MULTIPLE_DOCS':
      return 'keep one document: remove the "---" separators after the first';
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      return 'put a space after ":" and keep each key on one line';
    default:
      return 'fix the YAML syntax at this position (quote values that contain ": " or start with a special character)';
  }
}

/** Offset in the text of the deepest node along `path` (a key, or a list item). */
function offsetOf(root: unknown, path: readonly PathSegment[]): number | undefined {
  let node: unknown = root;
  let offset = rangeStart(node);
  for (const segment of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isScalar(item.key) && String(item.key.value) === String(segment),
      );
      if (!pair) break;
      offset = rangeStart(pair.key) ?? offset;
      node = pair.value;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item: unknown = node.items[segment];
      if (item === undefined) break;
      offset = rangeStart(item) ?? offset;
      node = item;
    } else break;
  }
  return offset;
}

function rangeStart(node: unknown): number | undefined {
  if (typeof node !== 'object' || node === null || !('range' in node)) return undefined;
  const range = (node as YamlNode).range;
  return range ? range[0] : undefined;
}

// ---------------------------------------------------------------------------------------
// Saving

export interface SaveOptions {
  /** Write inline passwords and passphrases too. Off by default: files get shared. */
  includeSecrets?: boolean;
  /** A comment for the top of the file. */
  header?: string;
}

/** Fields that hold a secret value (their `…Env` twins are kept: they only name a variable). */
export const INLINE_SECRET_FIELDS = ['password', 'sudoPassword', 'keyPassphrase'] as const;

/** YAML text for an inventory. Inline secrets are left out unless `includeSecrets`. */
export function saveInventory(inventory: InventoryInput, options: SaveOptions = {}): string {
  const stripped: string[] = [];
  const plain = ordered(inventory, [], (path) => {
    const key = path[path.length - 1];
    const owner = path[0];
    const isLogin =
      (owner === 'defaults' && path.length === 2) ||
      (owner === 'jumpHost' && path.length === 2) ||
      (owner === 'hosts' && path.length === 3);
    if (!options.includeSecrets && isLogin && INLINE_SECRET_FIELDS.some((field) => field === key)) {
      stripped.push(path.join('.').replace(/\.(\d+)\./g, '[$1].'));
      return true;
    }
    return false;
  });
  const doc = new Document(plain, { aliasDuplicateObjects: false });
  const comments: string[] = [];
  if (options.header) comments.push(...options.header.split('\n').map((line) => ` ${line}`));
  if (stripped.length > 0) {
    comments.push(
      ` Left out (swarmlab never saves secrets): ${stripped.join(', ')}.`,
      ' You will be asked for them at run time, or set passwordEnv / sudoPasswordEnv / keyPassphraseEnv.',
      ' 密码未保存: 运行时会询问, 或使用 *Env 环境变量。',
    );
  }
  if (comments.length > 0) doc.commentBefore = comments.join('\n');
  return doc.toString({ lineWidth: 0, indentSeq: true });
}

/**
 * A copy with keys in schema order, `undefined` dropped, and the keys `drop` selects left out.
 */
function ordered(
  value: unknown,
  path: PathSegment[],
  drop: (path: PathSegment[]) => boolean,
): unknown {
  if (Array.isArray(value))
    return value.map((item, index) => ordered(item, [...path, index], drop));
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const known = objectKeys(schemaAt(InventorySchema, path));
  const keys = [
    ...known.filter((key) => key in record),
    ...Object.keys(record).filter((key) => !known.includes(key)),
  ];
  const out: Record<string, unknown> = {};
  for (const key of keys) {
    const child = record[key];
    if (child === undefined || drop([...path, key])) continue;
    out[key] = ordered(child, [...path, key], drop);
  }
  return out;
}
