import { defineConfig } from 'vitest/config';

// Real Chromium against the built SPA served by the BFF in production mode, with the Pinterest mock.
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
