import { lstatSync, readdirSync, realpathSync } from 'node:fs';
import { basename, dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { CliError } from './errors.js';

/** Where the project goes, resolved and checked. */
export interface Target {
  /** Absolute path of the project folder. */
  path: string;
  /** The folder as the user wrote it, for messages and `cd`. */
  display: string;
  /** True when the folder is the current one (`.`). */
  isCwd: boolean;
}

/** What is at the target path now. */
export interface TargetState {
  exists: boolean;
  /** Entries other than `.git` (a folder holding only `.git` counts as empty). */
  entries: string[];
}

// Characters Windows refuses in file names, plus control characters: refuse them everywhere so a project
// made on Linux can be cloned on any system.
// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused.
const FORBIDDEN = /[<>:"|?*\u0000-\u001f]/;

/**
 * Resolves the folder argument against `cwd` and refuses anything that could write outside it: `..`
 * segments, relative paths escaping `cwd`, symlinks on the way, forbidden characters. An absolute path is
 * taken as an explicit choice and allowed anywhere (S1).
 */
export function resolveTarget(input: string, cwd: string): Target {
  const raw = input.trim();
  if (raw.length === 0) {
    throw new CliError('UNSAFE_TARGET', 'The project folder name is empty.', {
      hint: 'Pass a folder name, e.g. `create-pinterest-app my-app`.',
    });
  }
  const segments = raw.split(/[\\/]+/).filter((segment) => segment.length > 0);
  const bad = segments.find((segment) => FORBIDDEN.test(segment));
  if (bad !== undefined) {
    throw new CliError(
      'UNSAFE_TARGET',
      `The folder "${raw}" contains a character that is not allowed in file names.`,
      {
        hint: 'Use letters, digits, "-", "_" and "." only, e.g. my-pinterest-app.',
      },
    );
  }
  const absolute = isAbsolute(raw);
  if (!absolute && segments.includes('..')) {
    throw new CliError('UNSAFE_TARGET', `Refusing "${raw}": it leaves the current folder through "..".`, {
      hint: 'Create the project below the current folder, or pass an absolute path if you mean a folder elsewhere.',
    });
  }
  const path = resolve(cwd, raw);
  if (!absolute) {
    const inside = relative(cwd, path);
    if (inside.startsWith(`..${sep}`) || inside === '..' || isAbsolute(inside)) {
      throw new CliError('UNSAFE_TARGET', `Refusing "${raw}": it resolves outside the current folder.`, {
        hint: 'Pass an absolute path if you mean a folder elsewhere.',
      });
    }
    assertNoSymlinkEscape(path, cwd, raw);
  }
  if (isSymlink(path)) {
    throw new CliError('UNSAFE_TARGET', `Refusing "${raw}": it is a symbolic link.`, {
      hint: 'Pass the real folder it points to, or another name.',
    });
  }
  if (path === dirname(path)) {
    throw new CliError('UNSAFE_TARGET', 'Refusing to scaffold into the file system root.', {
      hint: 'Pass a folder name, e.g. my-app.',
    });
  }
  return { path, display: raw, isCwd: path === resolve(cwd) };
}

/** The deepest folder on the way that exists must, once symlinks are followed, still be inside `cwd`. */
function assertNoSymlinkEscape(path: string, cwd: string, raw: string): void {
  let existing = path;
  while (!exists(existing) && existing !== dirname(existing)) existing = dirname(existing);
  const real = realpathSync(existing);
  const realCwd = realpathSync(cwd);
  const inside = relative(realCwd, real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new CliError(
      'UNSAFE_TARGET',
      `Refusing "${raw}": a symbolic link on the way leads outside the current folder.`,
      {
        hint: 'Pass the absolute path you mean instead.',
      },
    );
  }
}

/** Reads what is at the target (S2: the caller decides, from this, whether it may write). */
export function inspectTarget(path: string): TargetState {
  let stats: ReturnType<typeof lstatSync>;
  try {
    stats = lstatSync(path);
  } catch {
    return { exists: false, entries: [] };
  }
  if (!stats.isDirectory()) {
    throw new CliError('UNSAFE_TARGET', `"${path}" exists and is not a folder.`, {
      hint: 'Choose another project name.',
    });
  }
  return { exists: true, entries: readdirSync(path).filter((entry) => entry !== '.git') };
}

/** The folder's own name, the default package name. */
export function targetBaseName(target: Target): string {
  return basename(target.path);
}

function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return false;
  }
}

function isSymlink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}
