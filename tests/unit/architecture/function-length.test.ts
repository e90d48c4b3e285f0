/**
 * Rooms a newcomer can read at once: no function of the app, the CLI or the benchmarks runs
 * over MAX_FUNCTION_LINES. A longer one is split along its seams (see docs/ARCHITECTURE.md)
 * rather than let through here.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const SOURCE_FOLDERS = ['electron', 'renderer/src', 'bench'];
const MAX_FUNCTION_LINES = 120;

function sourceFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts') && !path.endsWith('.d.ts'))
    .map((path) => join(folder, path));
}

function functionName(node: ts.SignatureDeclaration): string {
  if (node.name) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  return '(anonymous)';
}

/** Every function-like node with a body, with the number of lines it spans. */
export function functionLengths(path: string, text: string): { name: string; lines: number }[] {
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: { name: string; lines: number }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const first = source.getLineAndCharacterOfPosition(node.getStart(source)).line;
      const last = source.getLineAndCharacterOfPosition(node.end).line;
      const line = first + 1;
      found.push({ name: `${path}:${line} ${functionName(node)}`, lines: last - first + 1 });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe('function length', () => {
  it('measures a function from its first line to its last', () => {
    const body = Array.from({ length: 5 }, (_, i) => `  const v${i} = ${i};`).join('\n');
    const [measured] = functionLengths('x.ts', `function five() {\n${body}\n}\n`);
    expect(measured).toEqual({ name: 'x.ts:1 five', lines: 7 });
  });

  it(`finds no function over ${MAX_FUNCTION_LINES} lines in electron/, renderer/src and bench/`, () => {
    const files = SOURCE_FOLDERS.flatMap(sourceFiles);
    expect(files.length).toBeGreaterThan(100);
    const tooLong = files
      .flatMap((file) =>
        functionLengths(relative(ROOT, join(ROOT, file)), readFileSync(join(ROOT, file), 'utf8')),
      )
      .filter((fn) => fn.lines > MAX_FUNCTION_LINES)
      .map((fn) => `${fn.name}: ${fn.lines} lines`);
    expect(tooLong).toEqual([]);
  });
});
