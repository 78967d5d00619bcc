/**
 * `git init --template=` written without running git, where what git 2 writes is certain: on Linux, with
 * `init.defaultBranch` configured (git's own default for it changes with git 3), nothing in the config or
 * the environment that changes a new repository, and a file system that keeps case, file modes and
 * symbolic links (otherwise git records the difference in the config). Starting git costs more than all
 * of this; anything uncertain answers false and git does the work. Layout: `gitrepository-layout(5)`.
 */
import { chmodSync, mkdirSync, rmSync, statSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { readGitConfig } from './git-identity.js';

/** What `git init` writes to `.git/config` on such a file system. */
const CONFIG =
  '[core]\n\trepositoryformatversion = 0\n\tfilemode = true\n\tbare = false\n\tlogallrefupdates = true\n';

/**
 * Environment variables that do not change what `git init` writes: who commits, where config lives, and
 * what only concerns networks, editors and shell prompts (`GIT_SSL_CAINFO` and `GIT_PS1_*` are common in
 * developers' shells).
 */
const HARMLESS_ENV = new RegExp(
  [
    '^GIT_(AUTHOR|COMMITTER)_(NAME|EMAIL)$',
    '^GIT_CONFIG_(NOSYSTEM|GLOBAL|SYSTEM)$',
    '^GIT_CEILING_DIRECTORIES$',
    '^GIT_(SSL|SSH|HTTP|PROXY|PS1)_',
    '^GIT_(SSH|SSH_COMMAND|ASKPASS|TERMINAL_PROMPT|PAGER|EDITOR|SEQUENCE_EDITOR|PROXY_COMMAND|CURL_VERBOSE)$',
  ].join('|'),
);

/** The branch `HEAD` names in a new repository, when certain from the config; undefined otherwise. */
export function configuredInitialBranch(env: NodeJS.ProcessEnv): string | undefined {
  if (process.platform !== 'linux') return undefined;
  if (Object.keys(env).some((name) => name.startsWith('GIT_') && !HARMLESS_ENV.test(name))) return undefined;
  const config = readGitConfig(env);
  if (config === undefined) return undefined;
  for (const key of config.keys()) {
    // Object and ref formats, a template, shared permissions: each changes what init writes.
    if (/^(init\.(?!defaultbranch$)|core\.sharedrepository$|extensions\.)/.test(key)) return undefined;
  }
  const branch = config.get('init.defaultbranch');
  return branch !== undefined && isSimpleBranchName(branch) ? branch : undefined;
}

/** A branch name `git check-ref-format --branch` accepts, in the plain subset this writer allows. */
function isSimpleBranchName(name: string): boolean {
  return (
    /^[A-Za-z0-9][A-Za-z0-9._/-]*$/.test(name) &&
    !/\.\.|\/\/|\/\.|\.lock(\/|$)|[./]$/.test(name) &&
    name !== 'HEAD'
  );
}

/**
 * Writes the empty repository `git init --quiet --template=` makes in `dir`, with `HEAD` on `branch`.
 * False (and nothing left behind) when `.git` already exists or the file system is not one where git
 * would write exactly {@link CONFIG}.
 */
export function writeEmptyRepository(dir: string, branch: string): boolean {
  const gitDir = join(dir, '.git');
  try {
    mkdirSync(gitDir);
  } catch {
    return false; // already there, or not writable: git says which
  }
  try {
    for (const folder of ['objects/info', 'objects/pack', 'refs/heads', 'refs/tags'])
      mkdirSync(join(gitDir, folder), { recursive: true });
    const config = join(gitDir, 'config');
    writeFileSync(config, CONFIG, { flag: 'wx' });
    if (!keepsCase(gitDir) || !keepsModes(config) || !keepsLinks(gitDir))
      throw new Error('unusual file system');
    writeFileSync(join(gitDir, 'HEAD'), `ref: refs/heads/${branch}\n`, { flag: 'wx' });
    return true;
  } catch {
    rmSync(gitDir, { recursive: true, force: true });
    return false;
  }
}

/** git writes `core.ignorecase` where `CONFIG` and `config` are the same file. */
function keepsCase(gitDir: string): boolean {
  try {
    statSync(join(gitDir, 'CONFIG'));
    return false;
  } catch {
    return true;
  }
}

/** git writes `core.filemode = false` where the executable bit does not stick. */
function keepsModes(file: string): boolean {
  const mode = statSync(file).mode;
  chmodSync(file, mode | 0o100);
  const kept = (statSync(file).mode & 0o100) !== 0;
  chmodSync(file, mode);
  return kept;
}

/** git writes `core.symlinks = false` where a symbolic link cannot be made. */
function keepsLinks(gitDir: string): boolean {
  const link = join(gitDir, 'symlink-probe');
  try {
    symlinkSync('config', link);
    unlinkSync(link);
    return true;
  } catch {
    return false;
  }
}
