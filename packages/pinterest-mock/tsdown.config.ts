import { readFileSync } from 'node:fs';
import { defineConfig } from 'tsdown';

/**
 * The route table (`src/generated/operations.json`, ~430 KB) goes into the bundle as `JSON.parse('…')` rather
 * than as an object literal: V8 parses JSON text much faster than the same data as JavaScript, and the table is
 * read on every start of the mock.
 */
const routeTableAsJsonText = {
  name: 'route-table-as-json-text',
  load(id: string) {
    if (!id.endsWith('/src/generated/operations.json')) return null;
    const text = JSON.stringify(JSON.parse(readFileSync(id, 'utf8')));
    return { code: `export default JSON.parse(${JSON.stringify(text)});`, moduleType: 'js' as const };
  },
};

export default defineConfig({
  entry: { index: 'src/index.ts', cli: 'src/cli.ts', fuzz: 'src/fuzz.ts' },
  format: 'esm',
  dts: true,
  platform: 'node',
  target: 'node20',
  // package.json points at dist/*.js (the package is "type": "module").
  fixedExtension: false,
  plugins: [routeTableAsJsonText],
});
