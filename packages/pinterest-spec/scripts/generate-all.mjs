// Runs every generator listed in generators.json (each writes a file derived from the spec).
// Usage: node packages/pinterest-spec/scripts/generate-all.mjs [--check]
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../..', import.meta.url));
const generators = JSON.parse(readFileSync(new URL('../generators.json', import.meta.url), 'utf8'));
for (const script of generators) {
  const result = spawnSync(process.execPath, [script, ...process.argv.slice(2)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
