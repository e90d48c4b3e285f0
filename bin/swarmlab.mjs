#!/usr/bin/env node
// Entry point of the `swarmlab` command. The CLI is TypeScript run through tsx,
// so `npx swarmlab` works straight after `npm ci`, without a build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../electron/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
