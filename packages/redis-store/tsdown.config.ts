import { defineConfig } from 'tsdown';

export default defineConfig({
  entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  external: ['ioredis', '@kit/auth-core'],
  // package.json "exports" point at dist/*.js (the package is "type": "module").
  fixedExtension: false,
});
