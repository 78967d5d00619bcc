import { defineConfig } from 'vitest/config';

// Real Chromium against the real app and the Pinterest mock; one file at a time (two cores).
export default defineConfig({
  test: {
    include: ['test/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    fileParallelism: false,
  },
});
