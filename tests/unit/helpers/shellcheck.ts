import { spawnSync } from 'node:child_process';

/** Runs shellcheck on a script and returns its findings (empty when clean). */
export function shellcheck(script: string, shell: 'sh' | 'bash' = 'sh'): string {
  const result = spawnSync('shellcheck', ['--shell', shell, '--format', 'gcc', '-'], {
    input: script,
    encoding: 'utf8',
  });
  if (result.error)
    throw new Error(
      `shellcheck is not installed (apt-get install shellcheck): ${result.error.message}`,
    );
  return result.stdout.trim();
}
