import {
  chmodSync,
  copyFileSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import type { OverwriteMode } from './args.js';
import { KIT_PACKAGES_DIR } from './checkout.js';
import { copyTemplate } from './copy.js';
import { ensureGitignore, type PinterestSetup, renderEnvExample, renderEnvFile } from './env-file.js';
import { CliError } from './errors.js';
import { type KitSource, type PackageJson, rewritePackageJson } from './package-json.js';

/** Everything needed to write a project, decided before anything is written. */
export interface ScaffoldPlan {
  /** The bundled template folder to copy. */
  templateDir: string;
  /** Absolute path of the project folder. */
  targetPath: string;
  /** How to treat existing files; only consulted when the folder holds some. */
  overwrite: OverwriteMode;
  /** The new package.json `name`. */
  packageName: string;
  /** Where the kit's packages come from: pinned versions, or tarballs copied from `kitTarballsDir`. */
  kit: KitSource;
  /** A folder of packed kit packages to copy into `.kit-packages/` (scaffolding from a checkout). */
  kitTarballsDir?: string;
  setup: PinterestSetup;
  /** More files to write at the project root (name → content), e.g. pnpm-workspace.yaml. */
  extraFiles?: Record<string, string>;
  /**
   * Work on the project folder to run while the files are being built (`git init`, which touches only
   * `.git`): started once the folder exists, awaited before the files move in. When the write fails, its
   * `undo` runs (the folder itself is removed anyway when this write created it).
   */
  alongside?: { start: (root: string) => Promise<unknown>; undo: (root: string) => void };
}

/** Undo log: what the commit put in place, so a failure can take it back. */
interface Journal {
  created: string[];
  replaced: Array<{ original: string; backup: string }>;
}

const STAGING_PREFIX = '.create-pinterest-app-';

/**
 * Writes the project all-or-nothing: the complete project is first built in a staging folder inside the
 * target (so nothing is ever written outside it, S1), then moved into place. Any failure removes the
 * staging folder, takes back what was moved, restores replaced files and removes folders it created.
 * Existing files are only touched with `overwrite` `clear` (everything but `.git` goes) or `merge`
 * (same-name files are replaced) — the caller has checked that choice was explicit (S2).
 * @returns the project's files, relative to the target.
 */
export async function writeProject(plan: ScaffoldPlan): Promise<string[]> {
  const createdRoot = existsSync(plan.targetPath)
    ? undefined
    : mkdirSync(plan.targetPath, { recursive: true });
  let staging: string | undefined;
  const journal: Journal = { created: [], replaced: [] };
  const alongside = plan.alongside?.start(plan.targetPath).then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  try {
    staging = mkdtempSync(join(plan.targetPath, STAGING_PREFIX));
    const files = join(staging, 'files');
    const backups = join(staging, 'backups');
    mkdirSync(files);
    mkdirSync(backups);
    const written = buildProject(plan, files);
    const side = await alongside;
    if (side && !side.ok) throw side.error;

    if (plan.overwrite === 'clear') clearFolder(plan.targetPath, staging);
    else if (plan.overwrite === 'merge') assertMergeable(files, plan.targetPath);
    moveInto(files, plan.targetPath, backups, journal);
    rmSync(staging, { recursive: true, force: true });
    return written;
  } catch (error) {
    await alongside;
    if (plan.alongside) plan.alongside.undo(plan.targetPath);
    rollBack(journal);
    if (staging !== undefined) rmSync(staging, { recursive: true, force: true });
    if (createdRoot !== undefined) rmSync(createdRoot, { recursive: true, force: true });
    if (error instanceof CliError) throw error;
    throw new CliError('WRITE_FAILED', `Could not write the project: ${(error as Error).message}`, {
      hint: 'Nothing was left behind. Check the folder is writable and has space, then run again.',
    });
  }
}

/** Fills `dir` with the finished project: template files, package.json, .gitignore, .env(.example). */
function buildProject(plan: ScaffoldPlan, dir: string): string[] {
  const written = copyTemplate(plan.templateDir, dir);

  const packageJsonPath = join(dir, 'package.json');
  const pkg = JSON.parse(readFileSync(packageJsonPath, 'utf8')) as PackageJson;
  const rewritten = rewritePackageJson(pkg, { name: plan.packageName, kit: plan.kit });
  writeFileSync(packageJsonPath, `${JSON.stringify(rewritten, null, 2)}\n`);
  if (plan.kitTarballsDir !== undefined) {
    mkdirSync(join(dir, KIT_PACKAGES_DIR));
    for (const file of readdirSync(plan.kitTarballsDir)) {
      copyFileSync(join(plan.kitTarballsDir, file), join(dir, KIT_PACKAGES_DIR, file));
      written.push(`${KIT_PACKAGES_DIR}/${file}`);
    }
  }

  const gitignorePath = join(dir, '.gitignore');
  const gitignore = existsSync(gitignorePath) ? readFileSync(gitignorePath, 'utf8') : undefined;
  writeFileSync(gitignorePath, ensureGitignore(gitignore));
  if (gitignore === undefined) written.push('.gitignore');

  if (!existsSync(join(dir, '.env.example'))) {
    writeFileSync(join(dir, '.env.example'), renderEnvExample(plan.setup.redirectUri, plan.setup.scopes));
    written.push('.env.example');
  }
  for (const [name, content] of Object.entries(plan.extraFiles ?? {})) {
    writeFileSync(join(dir, name), content);
    written.push(name);
  }
  // The secret lives here and nowhere else (S3): owner-only, and git-ignored above.
  writeFileSync(join(dir, '.env'), renderEnvFile(plan.setup), { mode: 0o600 });
  chmodSync(join(dir, '.env'), 0o600); // whatever the umask
  written.push('.env');
  return written.sort();
}

/** `clear`: empties the folder but keeps `.git` (the history is not ours to delete) and our staging. */
function clearFolder(path: string, staging: string): void {
  for (const entry of readdirSync(path)) {
    const full = join(path, entry);
    if (entry === '.git' || full === staging) continue;
    rmSync(full, { recursive: true, force: true });
  }
}

/** `merge` cannot put a file where a folder is (or the reverse) without losing it: refuse up front. */
function assertMergeable(from: string, to: string): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const existing = lstatIfExists(join(to, entry.name));
    if (existing === undefined) continue;
    if (entry.isDirectory() && existing.isDirectory()) {
      assertMergeable(join(from, entry.name), join(to, entry.name));
    } else if (entry.isDirectory() !== existing.isDirectory()) {
      throw new CliError(
        'TARGET_NOT_EMPTY',
        `Cannot merge: "${join(to, entry.name)}" is a ${existing.isDirectory() ? 'folder' : 'file'} but the template has a ${entry.isDirectory() ? 'folder' : 'file'} there.`,
        {
          hint: 'Move it away, or use --overwrite clear.',
        },
      );
    }
  }
}

/** Moves `from`'s tree into `to`, merging folders; files already at `to` are moved to `backups` first. */
function moveInto(from: string, to: string, backups: string, journal: Journal): void {
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = join(from, entry.name);
    const destination = join(to, entry.name);
    const existing = lstatIfExists(destination);
    if (existing === undefined) {
      renameSync(source, destination);
      journal.created.push(destination);
    } else if (entry.isDirectory() && existing.isDirectory()) {
      moveInto(source, destination, backups, journal);
    } else {
      const backup = join(backups, String(journal.replaced.length));
      renameSync(destination, backup);
      journal.replaced.push({ original: destination, backup });
      renameSync(source, destination);
      journal.created.push(destination);
    }
  }
}

function rollBack(journal: Journal): void {
  for (const path of journal.created.reverse()) rmSync(path, { recursive: true, force: true });
  for (const { original, backup } of journal.replaced.reverse()) renameSync(backup, original);
}

function lstatIfExists(path: string): ReturnType<typeof lstatSync> | undefined {
  try {
    return lstatSync(path);
  } catch {
    return undefined;
  }
}
