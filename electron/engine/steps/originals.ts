/**
 * What swarmlab found on a host before it first changed a file, kept on that host so
 * `swarmlab reset` can put it back: a copy of the file, or a marker that there was none. Kept
 * once, on the first change: later runs never replace the original with swarmlab's own version.
 */
import { shellQuote } from '../shell/quote';

export const STATE_DIR = '/var/lib/swarmlab';
export const ORIGINALS_DIR = `${STATE_DIR}/originals`;
/** Written when swarmlab installed Docker on a host that had none: what to remove on reset. */
export const DOCKER_INSTALL_RECORD = `${STATE_DIR}/docker-installed`;

/** Where the original of `path` is kept: the path with its slashes as `%`. */
export function originalOf(path: string): string {
  return `${ORIGINALS_DIR}/${path.replace(/\//g, '%')}`;
}

/** Keeps the original of `path` (or the fact that there was none) unless one is kept already. */
export function keepOriginalScript(path: string): string {
  const file = shellQuote(path);
  const kept = shellQuote(originalOf(path));
  const absent = shellQuote(`${originalOf(path)}.absent`);
  return [
    `install -d -m 0700 ${shellQuote(ORIGINALS_DIR)}`,
    `if [ ! -e ${kept} ] && [ ! -e ${absent} ]; then`,
    `  if [ -e ${file} ]; then cp -p ${file} ${kept}; else : > ${absent}; fi`,
    'fi',
  ].join('\n');
}

/**
 * Puts the original of `path` back (or removes the file swarmlab created) and forgets it.
 * Prints one word: `restored`, `removed`, or `unknown` when nothing was kept.
 */
export function restoreOriginalScript(path: string): string {
  const file = shellQuote(path);
  const kept = shellQuote(originalOf(path));
  const staged = shellQuote(`${path}.swarmlab-restore`);
  const absent = shellQuote(`${originalOf(path)}.absent`);
  return [
    `if [ -e ${kept} ]; then`,
    `  cp -p ${kept} ${staged} && mv -f ${staged} ${file} && rm -f ${kept} && echo restored`,
    `elif [ -e ${absent} ]; then`,
    `  rm -f ${file} ${absent} && echo removed`,
    'else',
    '  echo unknown',
    'fi',
  ].join('\n');
}

/** Whether an original of `path` is kept; prints `kept`, `absent` or `unknown`. */
export function originalStateScript(path: string): string {
  const kept = shellQuote(originalOf(path));
  const absent = shellQuote(`${originalOf(path)}.absent`);
  return `if [ -e ${kept} ]; then echo kept; elif [ -e ${absent} ]; then echo absent; else echo unknown; fi`;
}
