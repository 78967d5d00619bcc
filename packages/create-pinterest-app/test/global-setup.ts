import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

// Not imported from helpers.ts: that module reads what this one provides.
const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));

/**
 * Tests run the built CLI. turbo builds it first (`test` depends on `build`); when vitest is started by
 * hand on a fresh checkout, build it once here rather than fail on a missing file. Then the package's
 * published files (package.json `files`: dist/ and templates/) are copied outside the repository: most
 * tests run that copy, as `npm create` would, since the checkout's own copy packs the kit into every app.
 */
export default function setup(project: TestProject): () => void {
  if (
    !existsSync(join(PACKAGE_DIR, 'dist', 'cli.js')) ||
    !existsSync(join(PACKAGE_DIR, 'templates', 'manifest.json'))
  ) {
    const result = spawnSync('pnpm', ['run', 'build'], { cwd: PACKAGE_DIR, stdio: 'inherit' });
    if (result.status !== 0)
      throw new Error('building create-pinterest-app failed; run `pnpm --filter create-pinterest-app build`');
  }
  const work = realpathSync(mkdtempSync(join(tmpdir(), 'cpa-published-')));
  const installed = join(work, 'node_modules', 'create-pinterest-app');
  mkdirSync(installed, { recursive: true });
  for (const entry of ['package.json', 'dist', 'templates']) {
    cpSync(join(PACKAGE_DIR, entry), join(installed, entry), { recursive: true });
  }
  project.provide('publishedCli', join(installed, 'dist', 'cli.js'));
  // The tests' users' home: empty (no git or npm settings of whoever runs the tests).
  const home = join(work, 'home');
  mkdirSync(home);
  project.provide('testHome', home);
  return () => rmSync(work, { recursive: true, force: true });
}
