/**
 * Limits (security issue, finding 8): an inventory file is read only up to its cap, by the
 * CLI as by the desktop app, and refused beyond it with its size and the cap.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadInventory } from '../../../electron/engine/inventory';
import { MAX_INVENTORY_BYTES } from '../../../electron/engine/inventory/limits';
import { parseYamlRequestSchema } from '../../../electron/contract/inventory';

const BIN = join(import.meta.dirname, '..', '..', '..', 'bin', 'swarmlab.mjs');

// Loopback: a test never reaches for a host it does not own, even if a check fails.
const VALID = 'hosts:\n  - address: 127.0.0.1\n    role: manager\n    passwordEnv: PW\n';

/** A valid inventory padded with a comment to exactly `bytes` bytes. */
function inventoryOfSize(bytes: number): string {
  const padding = bytes - VALID.length - 2;
  return `${VALID}#${'x'.repeat(padding)}\n`;
}

describe('the inventory file cap', () => {
  const dir = mkdtempSync(join(tmpdir(), 'swarmlab-limits-'));

  it('loads a file of exactly the cap', async () => {
    const file = join(dir, 'at-cap.yaml');
    writeFileSync(file, inventoryOfSize(MAX_INVENTORY_BYTES));
    const result = await loadInventory({ file });
    expect(result.errors).toEqual([]);
    expect(result.ok).toBe(true);
  });

  it('refuses a file one byte over the cap, with its size and the cap', async () => {
    const file = join(dir, 'over-cap.yaml');
    writeFileSync(file, inventoryOfSize(MAX_INVENTORY_BYTES + 1));
    const result = await loadInventory({ file });
    expect(result.ok).toBe(false);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toContain(file);
    expect(result.errors[0]?.message).toContain(`${MAX_INVENTORY_BYTES + 1} bytes`);
    expect(result.errors[0]?.message).toContain(`${MAX_INVENTORY_BYTES}`);
  });

  it('reads no more than the cap (a pipe that never ends is refused, not read forever)', async () => {
    const fifo = join(dir, 'endless.yaml');
    execFileSync('mkfifo', [fifo]);
    // Opening a pipe waits for the other end: the reader first, then the writer.
    const loading = loadInventory({ file: fifo });
    const writer = await open(fifo, 'w');
    const chunk = Buffer.alloc(64 * 1024, '#');
    let writing = true;
    // Writes until the reader stops reading; the pipe is never closed while it loads.
    const written = (async () => {
      let total = 0;
      while (writing && total < 4 * MAX_INVENTORY_BYTES) {
        total += (await writer.write(chunk)).bytesWritten;
      }
      return total;
    })().catch(() => -1);
    try {
      const result = await loading;
      expect(result.ok).toBe(false);
      expect(result.errors[0]?.message).toContain(`more than ${MAX_INVENTORY_BYTES} bytes`);
    } finally {
      writing = false;
      await writer.close();
      await written;
    }
  });

  it('is the cap the desktop app uses for the text it is handed', () => {
    const text = 'x'.repeat(MAX_INVENTORY_BYTES + 1);
    expect(parseYamlRequestSchema.safeParse({ text }).success).toBe(false);
    expect(parseYamlRequestSchema.safeParse({ text: text.slice(1) }).success).toBe(true);
  });

  // Starting the CLI (TypeScript through tsx when the bundle is stale) takes seconds.
  it('is enforced by the CLI, which says why', { timeout: 60_000 }, () => {
    const file = join(dir, 'cli-over-cap.yaml');
    writeFileSync(file, inventoryOfSize(MAX_INVENTORY_BYTES + 1));
    const result = spawnSync(
      process.execPath,
      [BIN, 'plan', '--offline', '--os', 'debian-12', '-f', file],
      {
        encoding: 'utf8',
        env: { ...process.env, SWARMLAB_HOME: mkdtempSync(join(tmpdir(), 'swarmlab-cli-')) },
        timeout: 60_000,
      },
    );
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`${MAX_INVENTORY_BYTES + 1} bytes`);
    expect(result.stderr).toContain(`${MAX_INVENTORY_BYTES}`);
  });
});
