import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';

const GOLDEN_ROOT = join(import.meta.dirname, '..', '..', 'golden');

/**
 * Compares text with a golden file under tests/golden. `UPDATE_GOLDEN=1` rewrites the file
 * (review the diff before committing); a missing golden file is a failure otherwise.
 */
export function expectGolden(name: string, actual: string): void {
  const path = join(GOLDEN_ROOT, name);
  if (process.env.UPDATE_GOLDEN === '1') {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    return;
  }
  if (!existsSync(path)) throw new Error(`missing golden file ${path}: run with UPDATE_GOLDEN=1`);
  expect(actual).toBe(readFileSync(path, 'utf8'));
}
