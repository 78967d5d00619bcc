import { defineConfig } from 'tsdown';

// Everything the CLI imports (@clack/prompts and its few helpers) is bundled into dist/, so the published
// package has zero runtime dependencies and `npm create` downloads one small tarball. Prompts and clack's
// framed output are a chunk of their own, loaded only in a terminal: a non-interactive run never parses them.
// Template facts (scopes included, from the spec) come from templates/manifest.json, not from code.
export default defineConfig({
  entry: { cli: 'src/cli.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  fixedExtension: false,
  deps: {
    onlyBundle: [
      '@clack/prompts',
      '@clack/core',
      'sisteransi',
      'fast-string-width',
      'fast-string-truncated-width',
      'fast-wrap-ansi',
    ],
  },
});
