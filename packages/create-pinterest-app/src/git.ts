import { spawn } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { canWriteCommit, writeInitialCommit } from './git-commit.js';
import { readGitIdentity } from './git-identity.js';
import { configuredInitialBranch, writeEmptyRepository } from './git-init.js';
import { compileGitignore } from './gitignore.js';

/** Whether git can make a repository at `dir`: none inside an existing work tree (no nested repos). */
export type GitStatus = 'unavailable' | 'inside-work-tree' | 'outside-work-tree';

interface Run {
  status: number | null;
  stdout: string;
  stderr: string;
  error?: Error;
}

/** Runs git without a shell and collects its output; never rejects. */
function git(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    let stdout = '';
    let stderr = '';
    const child = spawn('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
    });
    child.stderr.on('data', (chunk) => {
      stderr += chunk;
    });
    child.once('error', (error) => resolve({ status: null, stdout, stderr, error }));
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/**
 * Whether git is installed and whether `dir` is inside a work tree, found the way git discovers a
 * repository (a `.git` in `dir` or a parent, up to `GIT_CEILING_DIRECTORIES`) and git on PATH, without
 * starting a process. Where that could differ from git's own answer (`GIT_DIR` set, Windows), git is asked.
 */
export async function gitStatus(dir: string, env: NodeJS.ProcessEnv): Promise<GitStatus> {
  if (process.platform === 'win32' || env.GIT_DIR !== undefined || env.GIT_WORK_TREE !== undefined) {
    const result = await git(['rev-parse', '--is-inside-work-tree'], dir);
    if (result.error !== undefined) return 'unavailable';
    return result.status === 0 && result.stdout.trim() === 'true' ? 'inside-work-tree' : 'outside-work-tree';
  }
  if (!onPath('git', env.PATH ?? '')) return 'unavailable';
  const ceilings = new Set((env.GIT_CEILING_DIRECTORIES ?? '').split(delimiter).filter(Boolean));
  for (let current = resolve(dir); ; current = dirname(current)) {
    if (existsSync(join(current, '.git'))) return 'inside-work-tree';
    const parent = dirname(current);
    if (parent === current || ceilings.has(parent)) return 'outside-work-tree';
  }
}

function onPath(command: string, path: string): boolean {
  return path.split(delimiter).some((folder) => {
    try {
      accessSync(join(folder || '.', command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

/**
 * `git init` of `dir` (which exists), without git's sample hooks: an empty template folder. Written
 * directly (git-init.ts) when what git would write is certain: no process to start.
 */
export async function initRepository(dir: string, env: NodeJS.ProcessEnv): Promise<GitResult> {
  const branch = configuredInitialBranch(env);
  if (branch !== undefined && writeEmptyRepository(dir, branch)) return { ok: true };
  const init = await git(['init', '--quiet', '--template='], dir);
  if (init.status === 0) return { ok: true };
  return { ok: false, reason: firstLine(init.stderr) ?? init.error?.message ?? 'git init failed' };
}

/** Outcome of {@link initGitRepository}; `reason` says why it was not done. */
export type GitResult = { ok: true } | { ok: false; reason: string };

const MESSAGE = 'Initial commit from create-pinterest-app';

/**
 * The first commit of everything not ignored (`.env` is, S3), in a repository {@link initRepository} made.
 * In a folder that held nothing before (`fresh`), when who commits is certain from the environment and
 * git config and the .gitignore is the simple kind, the commit is written directly (git-commit.ts): no
 * process at all. Otherwise `git add` + `git commit --no-verify` do it. When the commit fails (no
 * user.name/user.email configured…), `.git` is removed again so the user is not left with an empty
 * repository, and the reason is returned for the next steps.
 */
export async function commitAll(
  dir: string,
  options: { env: NodeJS.ProcessEnv; fresh: boolean },
): Promise<GitResult> {
  const identity = options.fresh ? readGitIdentity(options.env) : undefined;
  const ignore = identity ? compileGitignore(readOrEmpty(join(dir, '.gitignore'))) : undefined;
  if (identity && ignore && canWriteCommit(join(dir, '.git'))) {
    try {
      writeInitialCommit(dir, { identity, message: MESSAGE, ignore });
      return { ok: true };
    } catch {
      // Let git make the commit after all (what was written is harmless: objects and an index it rewrites).
    }
  }
  const add = await git(['add', '--all'], dir);
  const commit = add.status === 0 ? await git(['commit', '--quiet', '--no-verify', '-m', MESSAGE], dir) : add;
  if (commit.status !== 0) {
    removeRepository(dir);
    return { ok: false, reason: firstLine(commit.stderr) ?? firstLine(commit.stdout) ?? 'git commit failed' };
  }
  return { ok: true };
}

/** Takes back a repository this CLI started. */
export function removeRepository(dir: string): void {
  rmSync(join(dir, '.git'), { recursive: true, force: true });
}

function readOrEmpty(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim().length > 0);
  return line?.trim();
}
