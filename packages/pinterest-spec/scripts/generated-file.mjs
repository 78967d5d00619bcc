// Shared by every generator of files derived from the spec: write the file, or with `--check` only
// compare it, so a test can fail when a derived file is stale.
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The facts-only spec, parsed. */
export function readSpec() {
  return JSON.parse(readFileSync(new URL('../openapi-v5.json', import.meta.url), 'utf8'));
}

/**
 * Writes `contents` to `target` atomically, or under `--check` exits 1 when the file on disk differs.
 * @param {URL | string} target
 * @param {string} contents
 * @param {string} summary what was generated, for the log line
 */
export function emit(target, contents, summary) {
  const path = target instanceof URL ? fileURLToPath(target) : target;
  if (process.argv.includes('--check')) {
    let current = null;
    try {
      current = readFileSync(path, 'utf8');
    } catch {}
    if (current !== contents) {
      console.error(
        `stale: ${path} differs from what the spec generates. Run \`pnpm spec:generate\` and commit.`,
      );
      process.exit(1);
    }
    console.log(`fresh: ${path}`);
    return;
  }
  writeFileSync(`${path}.tmp`, contents);
  renameSync(`${path}.tmp`, path);
  console.log(`wrote ${path} (${summary})`);
}
