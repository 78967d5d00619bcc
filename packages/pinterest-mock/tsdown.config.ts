import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', fuzz: 'src/fuzz.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  // package.json points at dist/*.js (the package is "type": "module").
  fixedExtension: false,
});
