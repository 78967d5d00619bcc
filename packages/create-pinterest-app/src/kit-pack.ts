/** Packs the kit packages a template needs from the checkout (see checkout.ts); loaded only there. */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { KIT_PACKAGES_DIR, tarballName } from './checkout.js';
import { CliError } from './errors.js';

interface WorkspacePackage {
  dir: string;
  name: string;
  version: string;
  files: string[];
}

function workspacePackages(repo: string): Map<string, WorkspacePackage> {
  const found = new Map<string, WorkspacePackage>();
  const packagesDir = join(repo, 'packages');
  for (const entry of readdirSync(packagesDir, { withFileTypes: true })) {
    const path = join(packagesDir, entry.name, 'package.json');
    if (!entry.isDirectory() || !existsSync(path)) continue;
    const pkg = JSON.parse(readFileSync(path, 'utf8')) as { name: string; version: string; files?: string[] };
    found.set(pkg.name, { dir: dirname(path), name: pkg.name, version: pkg.version, files: pkg.files ?? [] });
  }
  return found;
}

/**
 * Packs `names` from the checkout at `repo` into a fresh temporary folder (all at once), after checking each
 * is built. Resolves with the folder and each package's `file:` spec relative to the project.
 */
export async function packKitPackages(
  repo: string,
  names: readonly string[],
): Promise<{ dir: string; specs: Record<string, string> }> {
  const workspace = workspacePackages(repo);
  const packages = names.map((name) => {
    const pkg = workspace.get(name);
    if (!pkg) {
      throw new CliError('KIT_PACKAGE_MISSING', `${name} is not a package of this checkout (${repo}).`, {
        hint: 'Update the checkout (git pull), then run `npm run create-app -- <dir>` from its root.',
      });
    }
    const unbuilt = pkg.files.filter((file) => !existsSync(join(pkg.dir, file)));
    if (unbuilt.length > 0) {
      throw new CliError(
        'KIT_PACKAGE_MISSING',
        `${name} is not built (no ${unbuilt.join(', ')} in ${pkg.dir}).`,
        {
          hint: 'Run `npm run create-app -- <dir>` from the checkout root: it builds what is needed first.',
        },
      );
    }
    return pkg;
  });
  const dir = mkdtempSync(join(tmpdir(), 'create-pinterest-app-kit-'));
  await Promise.all(packages.map((pkg) => pnpmPack(pkg.dir, dir)));
  const specs: Record<string, string> = {};
  for (const pkg of packages) {
    const file = tarballName(pkg.name, pkg.version);
    if (!existsSync(join(dir, file))) {
      throw new CliError('KIT_PACKAGE_MISSING', `pnpm pack of ${pkg.name} wrote no ${file}.`, {
        hint: `Run \`pnpm pack\` in ${pkg.dir} to see why.`,
      });
    }
    specs[pkg.name] = `file:${KIT_PACKAGES_DIR}/${file}`;
  }
  return { dir, specs };
}

/** `pnpm pack` replaces `workspace:` ranges with versions, as publishing does; npm pack would not. */
function pnpmPack(packageDir: string, destination: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const child = spawn('pnpm', ['pack', '--pack-destination', destination], {
      cwd: packageDir,
      stdio: ['ignore', 'pipe', 'pipe'],
      shell: process.platform === 'win32',
    });
    child.stdout.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
    });
    child.once('error', (error) =>
      reject(
        new CliError('KIT_PACKAGE_MISSING', `Could not run pnpm to pack ${packageDir}: ${error.message}`, {
          hint: 'Run `node scripts/setup.mjs --no-system` at the checkout root (it installs pnpm), then try again.',
        }),
      ),
    );
    child.once('close', (code) => {
      if (code === 0) resolve();
      else
        reject(
          new CliError('KIT_PACKAGE_MISSING', `pnpm pack in ${packageDir} failed (exit ${code}).`, {
            hint: output.trim().split('\n').slice(-3).join(' ') || 'Run it there to see why.',
          }),
        );
    });
  });
}
