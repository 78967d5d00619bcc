import { CliError } from './errors.js';

const DEPENDENCY_FIELDS = [
  'dependencies',
  'devDependencies',
  'optionalDependencies',
  'peerDependencies',
] as const;

/** A package.json as far as the scaffolder reads and writes it. */
export interface PackageJson {
  name?: string;
  [field: string]: unknown;
}

/**
 * Turns a pnpm `workspace:` range into the published one, for a kit package pinned to `version`:
 * `workspace:^`/`workspace:*` → `^1.2.3`, `workspace:~` → `~1.2.3`, `workspace:1.0.0` → `1.0.0`.
 */
export function resolveWorkspaceRange(range: string, version: string): string {
  const spec = range.slice('workspace:'.length);
  if (spec === '^' || spec === '*' || spec === '') return `^${version}`;
  if (spec === '~') return `~${version}`;
  return spec;
}

/** How the new project gets the kit's packages. */
export interface KitSource {
  /** Kit package → version it is pinned to (the manifest's). */
  versions: Readonly<Record<string, string>>;
  /**
   * Kit package → `file:` spec of a packed tarball inside the project, when scaffolding from a checkout.
   * These win over `versions`, and also become `overrides` so that a kit package another one depends on
   * resolves to the same tarball instead of the registry.
   */
  tarballs?: Readonly<Record<string, string>>;
}

/**
 * The template's package.json made into the new project's: its name set, `workspace:` ranges replaced by the
 * pinned kit versions (or local tarballs). Other fields are kept as they are.
 */
export function rewritePackageJson(pkg: PackageJson, options: { name: string; kit: KitSource }): PackageJson {
  const { versions, tarballs = {} } = options.kit;
  const next: PackageJson = { ...pkg, name: options.name };
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (deps === null || typeof deps !== 'object') continue;
    const rewritten: Record<string, string> = {};
    for (const [dep, range] of Object.entries(deps as Record<string, string>)) {
      if (!range.startsWith('workspace:')) rewritten[dep] = range;
      else if (tarballs[dep] !== undefined) rewritten[dep] = tarballs[dep];
      else if (versions[dep] !== undefined) rewritten[dep] = resolveWorkspaceRange(range, versions[dep]);
      else {
        throw new CliError('TEMPLATES_MISSING', `The template manifest has no version for ${dep}.`, {
          hint: 'Rebuild create-pinterest-app (its build records every kit package a template needs).',
        });
      }
    }
    next[field] = rewritten;
  }
  if (Object.keys(tarballs).length > 0) {
    // npm and bun read `overrides`, yarn `resolutions`; pnpm's go to pnpm-workspace.yaml (see pnpm.ts).
    next.overrides = { ...(pkg.overrides as object | undefined), ...tarballs };
    next.resolutions = { ...(pkg.resolutions as object | undefined), ...tarballs };
  }
  return next;
}
