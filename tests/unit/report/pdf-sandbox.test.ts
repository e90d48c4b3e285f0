/**
 * The CLI's PDF Chromium keeps its sandbox unless it runs as root (security issue, finding 8):
 * Chromium refuses to start sandboxed as root, and nowhere else is the sandbox given up.
 */
import { describe, expect, it } from 'vitest';
import { CHROMIUM_ARGS, chromiumArgs } from '../../../electron/engine/report/pdf';

describe('the PDF Chromium arguments', () => {
  it('drop the sandbox for root only', () => {
    expect(chromiumArgs(0)).toContain('--no-sandbox');
    expect(chromiumArgs(1000)).not.toContain('--no-sandbox');
    // No user ids at all (Windows): the sandbox stays.
    expect(chromiumArgs(undefined)).not.toContain('--no-sandbox');
  });

  it('are otherwise the same quiet, offline flags for everyone', () => {
    const withoutSandboxFlag = chromiumArgs(0).filter((arg) => arg !== '--no-sandbox');
    expect(chromiumArgs(1000)).toEqual(withoutSandboxFlag);
    expect(withoutSandboxFlag).toEqual(
      expect.arrayContaining(['--disable-background-networking', '--disable-component-update']),
    );
  });

  it('are chosen for the user this process runs as', () => {
    expect(CHROMIUM_ARGS).toEqual(chromiumArgs(process.getuid?.()));
  });
});
