import { defineConfig } from 'tsdown';

// Everything the CLI imports (@clack/prompts and its few helpers, the scope list of @kit/auth-core) is bundled into dist/cli.js, so the
// published package has zero runtime dependencies and `npm create` downloads one small tarball.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  fixedExtension: false,
  deps: {
    onlyBundle: [
      '@kit/auth-core',
      '@clack/prompts',
      '@clack/core',
      'sisteransi',
      'fast-string-width',
      'fast-string-truncated-width',
      'fast-wrap-ansi',
    ],
  },
});
