import { defineConfig } from 'vitest/config';
import vue from '@vitejs/plugin-vue';

// unit: fast, no root, no network. integration: real lab hosts (root, Linux).
// e2e: the renderer in Debian's Chromium, wired to the real main-side handlers.
export default defineConfig({
  test: {
    projects: [
      {
        plugins: [vue()],
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          globalSetup: ['tests/integration/lab-setup.ts'],
          testTimeout: 600_000,
          hookTimeout: 600_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
