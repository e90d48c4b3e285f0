import { readFileSync } from 'node:fs';

const packageJson = JSON.parse(
  readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
) as { version: string };

/** The version of swarmlab, as written in package.json. */
export const SWARMLAB_VERSION: string = packageJson.version;
