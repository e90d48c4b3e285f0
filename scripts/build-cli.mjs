// Bundles the CLI (electron/cli/main.ts and the engine it imports) into out/cli/main.mjs, so
// `swarmlab` starts without compiling TypeScript first (bin/swarmlab.mjs falls back to tsx
// when the bundle is missing or older than the sources). Dependencies stay in node_modules.
// The bundle sits two directories below the project root, as electron/engine/ does: files
// the engine reads relative to its own module (package.json) resolve the same from both.
import { build } from 'esbuild';

await build({
  entryPoints: ['electron/cli/main.ts'],
  outfile: 'out/cli/main.mjs',
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
});
