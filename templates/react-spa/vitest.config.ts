import { defineConfig } from 'vitest/config';

// Unit and integration tests: the BFF over real HTTP against the Pinterest mock, and the bundle check.
// Browser tests (*.e2e.test.ts) run from vitest.e2e.config.ts.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    exclude: ['test/**/*.e2e.test.ts', 'node_modules/**'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
