/** The Vite version the kit is tested with; pinned exactly in generated apps that use Vite. */
export const VITE_VERSION = '8.3.8';

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
 * Turns a pnpm `workspace:` range into the published one: the kit's packages release together in one
 * fixed group, so every `@kit/*` dependency gets this CLI's own version.
 * `workspace:^`/`workspace:*` → `^1.2.3`, `workspace:~` → `~1.2.3`, `workspace:1.0.0` → `1.0.0`.
 */
export function resolveWorkspaceRange(range: string, version: string): string {
  const spec = range.slice('workspace:'.length);
  if (spec === '^' || spec === '*' || spec === '') return `^${version}`;
  if (spec === '~') return `~${version}`;
  return spec;
}

/**
 * The template's package.json made into the new project's: its name set, `workspace:` ranges replaced by
 * published ones, Vite pinned to the tested version. Other fields are kept as they are.
 */
export function rewritePackageJson(
  pkg: PackageJson,
  options: { name: string; version: string },
): PackageJson {
  const next: PackageJson = { ...pkg, name: options.name };
  for (const field of DEPENDENCY_FIELDS) {
    const deps = pkg[field];
    if (deps === null || typeof deps !== 'object') continue;
    const rewritten: Record<string, string> = {};
    for (const [dep, range] of Object.entries(deps as Record<string, string>)) {
      if (range.startsWith('workspace:')) rewritten[dep] = resolveWorkspaceRange(range, options.version);
      else if (dep === 'vite') rewritten[dep] = VITE_VERSION;
      else rewritten[dep] = range;
    }
    next[field] = rewritten;
  }
  return next;
}
