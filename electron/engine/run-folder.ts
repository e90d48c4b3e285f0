import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { appDataDir } from './app-paths';

/**
 * Every run keeps its journal and report in a folder of its own, runs/<start time> under the
 * app folder, so a later run never replaces an earlier one's files.
 */

/** The folder name of a run started at `at`: its ISO time with `:` and `.` made file-safe. */
export function runFolderName(at: Date): string {
  return at.toISOString().replace(/[:.]/g, '-');
}

/**
 * Creates a new, private run folder and returns its path. Runs started in the same millisecond
 * get `-2`, `-3`, …: the folder is created exclusively, so two processes never share one.
 */
export async function createRunFolder(
  options: { appDir?: string; now?: Date } = {},
): Promise<string> {
  const runs = join(options.appDir ?? appDataDir(), 'runs');
  await mkdir(runs, { recursive: true, mode: 0o700 });
  const name = runFolderName(options.now ?? new Date());
  for (let attempt = 1; ; attempt += 1) {
    const folder = join(runs, attempt === 1 ? name : `${name}-${attempt}`);
    try {
      await mkdir(folder, { mode: 0o700 });
      return folder;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
}
