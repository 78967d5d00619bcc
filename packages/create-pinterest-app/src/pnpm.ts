import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** Dependencies of the templates that need their install script (esbuild, through tsx and Vite). */
const BUILT_DEPENDENCIES = ['esbuild'];

/**
 * `pnpm-workspace.yaml` for a project installed with pnpm: pnpm 11+ fails an install whose dependencies
 * have unapproved build scripts (ERR_PNPM_IGNORED_BUILDS), so the ones the templates need are approved
 * here — `allowBuilds` for pnpm 11+, `onlyBuiltDependencies` for pnpm 10 — and `overrides` hold the kit
 * packages' local tarballs when there are some.
 */
export function renderPnpmWorkspace(overrides: Readonly<Record<string, string>> = {}): string {
  const lines = [
    '# Written by create-pinterest-app: dependencies allowed to run their install scripts.',
    'allowBuilds:',
    ...BUILT_DEPENDENCIES.map((dep) => `  ${dep}: true`),
    'onlyBuiltDependencies:',
    ...BUILT_DEPENDENCIES.map((dep) => `  - ${dep}`),
  ];
  const entries = Object.entries(overrides);
  if (entries.length > 0) {
    // Kit packages packed from a checkout: one kit package's dependency on another takes the tarball too.
    lines.push('overrides:', ...entries.map(([name, spec]) => `  '${name}': '${spec}'`));
  }
  return `${lines.join('\n')}\n`;
}

/** The pnpm-workspace.yaml of an enclosing workspace, if `dir` (or a parent) is in one. */
export function findEnclosingPnpmWorkspace(dir: string): string | undefined {
  let current = dir;
  for (;;) {
    const candidate = join(current, 'pnpm-workspace.yaml');
    if (existsSync(candidate)) return candidate;
    const parent = dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}
