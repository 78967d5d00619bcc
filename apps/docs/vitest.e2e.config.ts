import { defineConfig } from 'vitest/config';

// Browser tests against the built site in dist/ (turbo runs `build` first).
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
