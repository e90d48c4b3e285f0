import { configDefaults, defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';
import type { Plugin } from 'vite';

type VueLoad = (this: unknown, id: string, options?: { ssr?: boolean }) => unknown;
type VueTransform = (
  this: unknown,
  code: string,
  id: string,
  options?: { ssr?: boolean },
) => unknown;

/**
 * plugin-vue compiling every .vue file to render functions, as for the app's window: unit tests
 * run in node, where it would compile them for server rendering, and a test that mounts a page
 * (in an in-memory renderer, tests/unit/desktop/host-overrides.test.ts) needs the app's own.
 */
function vueAsInTheApp(): Plugin {
  const plugin = vue();
  const { load, transform } = plugin as {
    load: { handler: VueLoad };
    transform: { handler: VueTransform };
  };
  const loadHandler = load.handler;
  const transformHandler = transform.handler;
  load.handler = function (id, options) {
    return loadHandler.call(this, id, { ...options, ssr: false });
  };
  transform.handler = function (code, id, options) {
    return transformHandler.call(this, code, id, { ...options, ssr: false });
  };
  return plugin;
}

// unit: fast, no root, no network. integration: real lab hosts (root, Linux).
// e2e: the renderer in Debian's Chromium, wired to the real main-side handlers.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [vueAsInTheApp()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
          // Unit tests pin the lab's names to slot 0; they never touch a real lab.
          env: { SWARMLAB_LAB_SLOT: '0' },
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: [
            ...configDefaults.exclude,
            'tests/integration/scale.test.ts',
            'tests/integration/labs.test.ts',
          ],
          globalSetup: ['tests/integration/lab-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // 13 lab hosts and a first run that installs Docker on 12: a project of its own
          // (`npm run test:scale`, last in `npm test`), so the other projects keep their pace.
          name: 'scale',
          include: ['tests/integration/scale.test.ts'],
          globalSetup: ['tests/integration/lab-setup.ts'],
          testTimeout: 2_400_000,
          hookTimeout: 2_400_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          // Whole labs in two slots of their own, up and down, with no shared lab holding the
          // machine's IPv4 forwarding on: run on its own, after `integration` (see package.json).
          name: 'labs',
          include: ['tests/integration/labs.test.ts'],
          testTimeout: 1_200_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          // The renderer is built once; the lab hosts are the integration project's.
          globalSetup: ['tests/e2e/build-renderer.ts', 'tests/integration/lab-setup.ts'],
          testTimeout: 1_800_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
