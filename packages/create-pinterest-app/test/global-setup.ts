import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { PACKAGE_DIR } from './helpers.js';

/**
 * Tests run the built CLI. turbo builds it first (`test` depends on `build`); when vitest is started by
 * hand on a fresh checkout, build it once here rather than fail on a missing file.
 */
export default function setup(): void {
  if (
    existsSync(join(PACKAGE_DIR, 'dist', 'cli.js')) &&
    existsSync(join(PACKAGE_DIR, 'templates', 'manifest.json'))
  ) {
    return;
  }
  const result = spawnSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'inherit' });
  if (result.status !== 0)
    throw new Error('building create-pinterest-app failed; run `pnpm --filter create-pinterest-app build`');
}
