/**
 * Builders for the command lines the engine sends. The script itself always runs
 * under `sh -c`, whatever the user's login shell is (bash, zsh, fish...), so
 * steps can rely on POSIX sh semantics.
 */
import { shellQuote } from './quote';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * `export NAME='value'` lines to put before a script. Environment names are
 * validated, values quoted. The values end up in the remote `sh -c` argument, so
 * they are visible in `ps` on the host: secrets belong on stdin instead.
 */
export function envExports(env: Readonly<Record<string, string>>): string {
  return Object.entries(env)
    .map(([name, value]) => {
      if (!ENV_NAME.test(name)) throw new TypeError(`Invalid environment variable name: ${name}`);
      return `export ${name}=${shellQuote(value)}\n`;
    })
    .join('');
}

/** `sh -c 'script'`, with optional environment exported first. */
export function shCommand(script: string, env?: Readonly<Record<string, string>>): string {
  return `sh -c ${shellQuote((env ? envExports(env) : '') + script)}`;
}
