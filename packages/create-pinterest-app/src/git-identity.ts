/**
 * Who the first commit is by, read the way git reads it — environment first, then the global and system
 * config files — but only when the answer is certain. Anything this reader does not follow (include
 * directives, author/committer sections, signing, a date override, a malformed file) makes it answer
 * undefined, and the caller lets git itself commit instead.
 */
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** `Name <email>`, as a commit header takes it. */
export interface GitIdentity {
  name: string;
  email: string;
}

export type GitConfig = Map<string, string>;
type Config = GitConfig; // `section.key` (lower case) → last value

/** Parses a git config file's simple subset; undefined when it uses anything else. */
export function parseGitConfig(text: string): Config | undefined {
  const config: Config = new Map();
  let section: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = line.match(/^\[([A-Za-z0-9.-]+)\]$/);
    if (header) {
      section = header[1]?.toLowerCase();
      if (section === 'include') return undefined; // another file could name someone else
      continue;
    }
    if (line.startsWith('[')) {
      // `[section "subsection"]`: includeIf, remotes, branches… Only includeIf could change who we are.
      if (/^\[\s*include/i.test(line)) return undefined;
      section = '(subsection)';
      continue;
    }
    const entry = line.match(/^([A-Za-z][A-Za-z0-9-]*)\s*(?:=\s*(.*))?$/);
    if (!entry || section === undefined) return undefined;
    const value = unquote(entry[2] ?? 'true');
    if (value === undefined) return undefined;
    config.set(`${section}.${entry[1]?.toLowerCase()}`, value);
  }
  return config;
}

/** A config value without its comment and quotes; undefined for escapes this reader does not follow. */
function unquote(value: string): string | undefined {
  let out = '';
  let quoted = false;
  for (const char of value) {
    if (char === '"') quoted = !quoted;
    else if (char === '\\') return undefined;
    else if (!quoted && (char === '#' || char === ';')) break;
    else out += char;
  }
  return quoted ? undefined : out.trim();
}

/** The config files git reads for a new repository, lowest priority first. */
function configFiles(env: NodeJS.ProcessEnv): string[] {
  const home = env.HOME ?? homedir();
  const files: string[] = [];
  if (!env.GIT_CONFIG_NOSYSTEM) files.push(env.GIT_CONFIG_SYSTEM ?? '/etc/gitconfig');
  if (env.GIT_CONFIG_GLOBAL !== undefined) files.push(env.GIT_CONFIG_GLOBAL);
  else {
    files.push(join(env.XDG_CONFIG_HOME || join(home, '.config'), 'git', 'config'));
    files.push(join(home, '.gitconfig'));
  }
  return files;
}

/**
 * The merged global and system git config (later files win), when this reader is sure to see what git
 * sees: not on Windows, no config from the environment, no file it cannot follow. Otherwise undefined.
 */
export function readGitConfig(env: NodeJS.ProcessEnv): Config | undefined {
  if (process.platform === 'win32') return undefined; // config locations and line endings differ there
  const overrides = [
    'GIT_CONFIG',
    'GIT_CONFIG_COUNT',
    'GIT_CONFIG_PARAMETERS',
    'GIT_AUTHOR_DATE',
    'GIT_COMMITTER_DATE',
    'GIT_DIR',
  ];
  if (overrides.some((name) => env[name] !== undefined)) return undefined;
  const config: Config = new Map();
  for (const file of configFiles(env)) {
    if (!existsSync(file)) continue;
    let parsed: Config | undefined;
    try {
      parsed = parseGitConfig(readFileSync(file, 'utf8'));
    } catch {
      return undefined;
    }
    if (parsed === undefined) return undefined;
    for (const [key, value] of parsed) config.set(key, value);
  }
  return config;
}

/**
 * The author and committer of a commit made now, when certain: both the same, from `GIT_AUTHOR_*` /
 * `GIT_COMMITTER_*` or `user.name` / `user.email`. Undefined whenever git might decide otherwise.
 */
export function readGitIdentity(env: NodeJS.ProcessEnv): GitIdentity | undefined {
  const config = readGitConfig(env);
  if (config === undefined) return undefined;
  for (const key of config.keys()) {
    if (/^(author|committer)\./.test(key)) return undefined;
  }
  if (
    ['commit.gpgsign', 'init.defaultobjectformat', 'init.defaultrefformat', 'core.hookspath'].some((k) =>
      config.has(k),
    )
  ) {
    return undefined;
  }
  const authorName = env.GIT_AUTHOR_NAME ?? config.get('user.name');
  const authorEmail = env.GIT_AUTHOR_EMAIL ?? config.get('user.email');
  const committerName = env.GIT_COMMITTER_NAME ?? config.get('user.name');
  const committerEmail = env.GIT_COMMITTER_EMAIL ?? config.get('user.email');
  if (!authorName || !authorEmail || authorName !== committerName || authorEmail !== committerEmail)
    return undefined;
  if (/[<>\n]/.test(authorName + authorEmail)) return undefined;
  return { name: authorName, email: authorEmail };
}
