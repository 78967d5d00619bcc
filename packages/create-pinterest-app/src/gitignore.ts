/**
 * The subset of .gitignore the templates use (names, `*` and `?` globs, a trailing `/` for folders, a
 * leading `/` or inner `/` to anchor, `!` to re-include). A pattern outside it makes the matcher
 * undefined, and the caller lets `git add` decide instead.
 */
export type IgnoreMatcher = (path: string, isDirectory: boolean) => boolean;

interface Rule {
  negated: boolean;
  directoryOnly: boolean;
  anchored: boolean;
  regex: RegExp;
}

/** A matcher for `.gitignore` text; paths are relative to the repository root, `/`-separated. */
export function compileGitignore(text: string): IgnoreMatcher | undefined {
  const rules: Rule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    let pattern = raw.replace(/\s+$/, '');
    if (pattern === '' || pattern.startsWith('#')) continue;
    if (/[[\]\\]|\*\*/.test(pattern)) return undefined;
    const negated = pattern.startsWith('!');
    if (negated) pattern = pattern.slice(1);
    const directoryOnly = pattern.endsWith('/');
    if (directoryOnly) pattern = pattern.slice(0, -1);
    const anchored = pattern.includes('/');
    if (pattern.startsWith('/')) pattern = pattern.slice(1);
    const body = pattern
      .split('')
      .map((char) => (char === '*' ? '[^/]*' : char === '?' ? '[^/]' : char.replace(/[.+^${}()|]/g, '\\$&')))
      .join('');
    rules.push({ negated, directoryOnly, anchored, regex: new RegExp(`^${body}$`) });
  }
  const matches = (path: string, isDirectory: boolean): boolean => {
    const name = path.slice(path.lastIndexOf('/') + 1);
    let ignored = false;
    for (const rule of rules) {
      if (rule.directoryOnly && !isDirectory) continue;
      if (rule.regex.test(rule.anchored ? path : name)) ignored = !rule.negated;
    }
    return ignored;
  };
  // A file inside an ignored folder is ignored, whatever its own name (git does not look inside).
  return (path, isDirectory) => {
    const parts = path.split('/');
    for (let i = 1; i < parts.length; i++) if (matches(parts.slice(0, i).join('/'), true)) return true;
    return matches(path, isDirectory);
  };
}
