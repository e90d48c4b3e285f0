#!/usr/bin/env node
/**
 * Electron security lint: runs Doyensec's Electronegativity over the main process and preload
 * sources and fails on any finding of medium severity or worse. Its own CLI cannot start here
 * (it calls an old `commander` API it does not declare, and gets the app's commander 14), so
 * this calls its documented programmatic entry point instead. A finding that is a deliberate
 * choice is silenced where it occurs, with `// eslint-disable-line`-style comments that
 * Electronegativity reads: `/* eng-disable CHECK_ID *\/` plus a reason.
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

// Electronegativity fetches translations and Electron's release list from GitHub on every run.
// Lint makes no network requests: its HTTP client is replaced by one that always fails (it then
// uses its bundled en-US texts), and the release-list check is excluded below.
const gotPath = require.resolve('got', {
  paths: [dirname(require.resolve('@doyensec/electronegativity'))],
});
const offline = () => Promise.reject(new Error('swarmlab lint makes no network requests'));
require.cache[gotPath] = { id: gotPath, filename: gotPath, loaded: true, exports: offline };
process.env.LANG = 'en-US';
const electronegativity = require('@doyensec/electronegativity');
// Babel's CommonJS output: the function is the module itself in some builds, .default in others.
const run = electronegativity.default ?? electronegativity;
const pkg = require('../package.json');

const input = fileURLToPath(new URL('../electron', import.meta.url));
/** Electronegativity's severity ranks: 0 informational, 1 low, 2 medium, 3 high. */
const FAIL_AT = 2;

const result = await run({
  input,
  isRelative: true,
  // The version we ship, not a guess from the folder (the sources have no package.json).
  electronVersionOverride: pkg.devDependencies.electron.replace(/^[\^~]/, ''),
  severitySet: 'informational',
  confidenceSet: 'tentative',
  customScan: [],
  excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
});

const issues = result.issues ?? [];
const failing = issues.filter((issue) => issue.severity.value >= FAIL_AT);
for (const issue of issues) {
  const mark = issue.severity.value >= FAIL_AT ? 'FAIL' : 'note';
  console.log(
    `${mark} ${issue.id} (${issue.severity.name}, ${issue.confidence.name}) ${issue.file}:${issue.location.line}:${issue.location.column}${issue.manualReview ? ' [review]' : ''}`,
  );
}
console.log(
  `electronegativity: ${issues.length} finding(s), ${failing.length} of medium severity or worse`,
);
process.exit(failing.length > 0 ? 1 : 0);
