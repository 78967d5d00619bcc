import { builtinModules } from 'node:module';

const BLOCKED_NAMES = new Set(['node_modules', 'favicon.ico']);
const SPECIAL_CHARACTERS = /[~'!()*]/;

/**
 * Why `name` cannot be an npm package name, or an empty list when it can. Follows npm's rules for new
 * packages (validate-npm-package-name): 1–214 characters, lowercase, URL-safe, no leading `.` or `_`,
 * none of `~'!()*`, not a Node.js core module, not `node_modules` / `favicon.ico`.
 */
export function packageNameProblems(name: string): string[] {
  const problems: string[] = [];
  if (name.length === 0) return ['it is empty'];
  if (name.length > 214) problems.push('it is longer than 214 characters');
  if (name.trim() !== name) problems.push('it starts or ends with a space');
  if (name.startsWith('.') || name.startsWith('_')) problems.push('it starts with "." or "_"');
  if (name.toLowerCase() !== name) problems.push('it contains capital letters');
  if (SPECIAL_CHARACTERS.test(name)) problems.push(`it contains one of ~'!()*`);
  if (BLOCKED_NAMES.has(name)) problems.push(`"${name}" is reserved`);
  if (builtinModules.includes(name)) problems.push(`"${name}" is a Node.js core module`);
  const scoped = /^@([^/]+)\/([^/]+)$/.exec(name);
  const parts = scoped ? [scoped[1] ?? '', scoped[2] ?? ''] : [name];
  if (!scoped && name.includes('/')) problems.push('it contains "/" (only @scope/name may)');
  else if (parts.some((part) => encodeURIComponent(part) !== part))
    problems.push('it contains characters not allowed in a URL');
  if (scoped && parts.some((part) => part.startsWith('.') || part.startsWith('_')) && problems.length === 0) {
    problems.push('a part starts with "." or "_"');
  }
  return problems;
}

/** True when `name` is a valid name for a new npm package. */
export function isValidPackageName(name: string): boolean {
  return packageNameProblems(name).length === 0;
}

/**
 * A valid package name close to `input` (`My Pinterest App!` → `my-pinterest-app`), or undefined when
 * nothing usable is left.
 */
export function toValidPackageName(input: string): string | undefined {
  let name = input
    .trim()
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // é → e: keep the letter, drop the accent
    .toLowerCase()
    .replace(/[^a-z0-9._~-]+/g, '-')
    .replace(/[~]/g, '-')
    .replace(/^[._-]+/, '')
    .replace(/-+/g, '-')
    .replace(/-+$/, '')
    .slice(0, 214);
  if (name.length === 0) return undefined;
  if (BLOCKED_NAMES.has(name) || builtinModules.includes(name)) name = `${name}-app`;
  return isValidPackageName(name) ? name : undefined;
}
