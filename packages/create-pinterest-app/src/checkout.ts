/**
 * Scaffolding from a clone of the kit's repository, before its packages are on npm: the kit packages a
 * template needs are packed (`pnpm pack`, exactly the tarballs npm would serve) into `.kit-packages/` inside
 * the new project, which depends on them through relative `file:` links, so the folder can be moved.
 */
import { existsSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Folder inside the project that holds the packed kit packages. */
export const KIT_PACKAGES_DIR = '.kit-packages';

/**
 * The repository root when this CLI runs from its own checkout (`<repo>/packages/create-pinterest-app/dist`
 * with the pnpm workspace and the templates there), else undefined (an installed copy from npm).
 */
export function findCheckout(packageDir = fileURLToPath(new URL('..', import.meta.url))): string | undefined {
  const dir = packageDir.replace(/[\\/]$/, '');
  if (basename(dir) !== 'create-pinterest-app' || basename(dirname(dir)) !== 'packages') return undefined;
  const repo = dirname(dirname(dir));
  const isCheckout =
    existsSync(join(repo, 'pnpm-workspace.yaml')) &&
    existsSync(join(repo, 'templates')) &&
    existsSync(join(dir, 'src', 'cli.ts'));
  return isCheckout ? repo : undefined;
}

/** npm's and pnpm's tarball name: `@kit/auth-core@0.1.0` → `kit-auth-core-0.1.0.tgz`. */
export function tarballName(name: string, version: string): string {
  return `${name.replace(/^@/, '').replace('/', '-')}-${version}.tgz`;
}
