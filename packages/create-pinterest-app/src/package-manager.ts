/** The package managers the scaffolder can install with and write next steps for. */
export const PACKAGE_MANAGERS = ['npm', 'pnpm', 'yarn', 'bun'] as const;

/** One of {@link PACKAGE_MANAGERS}. */
export type PackageManager = (typeof PACKAGE_MANAGERS)[number];

/**
 * The package manager that launched us, read from `npm_config_user_agent` (set by npm, pnpm, yarn and bun
 * when they run `create`/`dlx`/`x`, e.g. `pnpm/10.0.0 npm/? node/v20.19.0 linux x64`); npm when unknown.
 */
export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split(' ')[0]?.split('/')[0];
  return PACKAGE_MANAGERS.find((pm) => pm === name) ?? 'npm';
}

/** The command line that installs a project's dependencies. */
export function installCommand(pm: PackageManager): string[] {
  return pm === 'yarn' ? ['yarn'] : [pm, 'install'];
}

/** The command line that runs a package.json script (`npm run dev`, `pnpm dev`, `yarn dev`, `bun run dev`). */
export function runScriptCommand(pm: PackageManager, script: string): string[] {
  if (pm === 'npm' || pm === 'bun') return [pm, 'run', script];
  return [pm, script];
}
