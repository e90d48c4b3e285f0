import type { TestProject } from 'vitest/node';
import { labDown, labUp, reserveLab } from '../../electron/engine/lab';
import type { LabInfo } from '../../electron/engine/lab';

declare module 'vitest' {
  interface ProvidedContext {
    lab: LabInfo;
  }
}

const HOST_COUNT = 3;
const log = (line: string): void => {
  process.stderr.write(`[lab] ${line}\n`);
};

/**
 * Boots the integration lab once for the whole run and hands its hosts to the
 * tests (`inject('lab')`). The tests need real hosts: on a machine that cannot
 * boot them this fails loudly instead of skipping, so a green run always means
 * the tests ran.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) {
    throw new Error(
      'integration tests boot lab hosts with systemd-nspawn: run them as root on Linux (they are not skipped)',
    );
  }
  // One machine, one lab: another test run (say, a colleague's) finishes first.
  const release = await reserveLab(log);
  const teardown = async (): Promise<void> => {
    try {
      await labDown({ log });
    } finally {
      await release();
    }
  };
  try {
    // Start from bare hosts even if a lab was left running (it may have Docker by now).
    await labDown({ log });
    project.provide('lab', await labUp({ hosts: HOST_COUNT, log }));
  } catch (error) {
    await teardown().catch((cleanupError: unknown) =>
      log(`cleanup failed: ${String(cleanupError)}`),
    );
    throw error;
  }
  return teardown;
}
