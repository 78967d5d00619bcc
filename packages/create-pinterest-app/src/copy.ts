import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files that npm would drop from the published tarball are stored under an underscore name and get their
 * real name back when copied (the create-vite convention).
 */
export const RENAMED_FILES: Readonly<Record<string, string>> = {
  _gitignore: '.gitignore',
  _npmrc: '.npmrc',
  _gitattributes: '.gitattributes',
  _editorconfig: '.editorconfig',
};

/** Build output, installs, local secrets and token files never travel with a template. */
export function isSkippedEntry(name: string): boolean {
  if (['node_modules', 'dist', 'reports', '.turbo', 'coverage', '.git'].includes(name)) return true;
  if (name === '.env' || (name.startsWith('.env.') && name !== '.env.example')) return true;
  if (name.startsWith('.pinterest-tokens') || name.endsWith('.tsbuildinfo') || name.endsWith('.log'))
    return true;
  return false;
}

/**
 * Copies a template folder into `destination` (which must exist), renaming `_gitignore` & co, skipping
 * {@link isSkippedEntry} names and symbolic links (a link could point outside the project). Returns the
 * relative paths written.
 */
export function copyTemplate(source: string, destination: string): string[] {
  const written: string[] = [];
  const walk = (from: string, to: string, prefix: string): void => {
    for (const entry of readdirSync(from, { withFileTypes: true })) {
      if (isSkippedEntry(entry.name)) continue;
      const targetName = RENAMED_FILES[entry.name] ?? entry.name;
      const relativePath = prefix ? `${prefix}/${targetName}` : targetName;
      if (entry.isDirectory()) {
        mkdirSync(join(to, targetName));
        walk(join(from, entry.name), join(to, targetName), relativePath);
      } else if (entry.isFile()) {
        copyFileSync(join(from, entry.name), join(to, targetName));
        written.push(relativePath);
      }
    }
  };
  walk(source, destination, '');
  return written;
}
