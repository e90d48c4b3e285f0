import { access } from 'node:fs/promises';

/** Whether something exists at `path` (any type; unreadable counts as absent). */
export function pathExists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
