#!/usr/bin/env node
// Entry point of the `swarmlab` command. It runs the built CLI (out/cli/main.mjs, made by
// `npm run build`) when that is at least as new as every source file, and otherwise the
// TypeScript sources through tsx, so `npx swarmlab` also works straight after `npm ci`.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const bundle = join(root, 'out', 'cli', 'main.mjs');

/** The newest modification time under a directory (sources only: a few hundred files). */
function newestUnder(directory) {
  let newest = 0;
  for (const entry of readdirSync(directory, { withFileTypes: true })) {
    const path = join(directory, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestUnder(path) : statSync(path).mtimeMs);
  }
  return newest;
}

function bundleIsFresh() {
  try {
    const built = statSync(bundle).mtimeMs;
    return (
      built >= newestUnder(join(root, 'electron')) &&
      built >= statSync(join(root, 'package.json')).mtimeMs
    );
  } catch {
    return false;
  }
}

let main;
if (bundleIsFresh()) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../electron/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
