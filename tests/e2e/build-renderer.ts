import { execFileSync } from 'node:child_process';

/** globalSetup: the e2e tests open the built renderer, so build it (main, preload, renderer) once. */
export default function setup(): void {
  execFileSync('npx', ['electron-vite', 'build'], { stdio: ['ignore', 'ignore', 'inherit'] });
}
