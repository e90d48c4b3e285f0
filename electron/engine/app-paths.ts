import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The directory where swarmlab keeps its own files (known_hosts, ...).
 *
 * `SWARMLAB_HOME` wins so tests, the lab and CI can point the app at a throwaway
 * directory; otherwise the XDG config dir, as other Linux desktop tools do.
 */
export function appDataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.SWARMLAB_HOME) return env.SWARMLAB_HOME;
  const configHome = env.XDG_CONFIG_HOME || join(homedir(), '.config');
  return join(configHome, 'swarmlab');
}

/** The known_hosts file swarmlab trusts host keys from (separate from ~/.ssh/known_hosts). */
export function knownHostsPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(appDataDir(env), 'known_hosts');
}
