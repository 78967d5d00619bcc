import { defineConfig } from 'vitest/config';

// Unit tests: pure logic of the tools and of the build-time plugins. Browser tests live in *.e2e.test.ts.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'plugins/**/*.test.ts', 'test/**/*.test.ts'],
    exclude: ['**/*.e2e.test.ts', '**/node_modules/**'],
    // The TypeScript compiler and the grammars load slowly on a busy machine; no test is about speed.
    testTimeout: 30_000,
  },
});
