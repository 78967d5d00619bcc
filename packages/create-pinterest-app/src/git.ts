import { spawn } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { canWriteCommit, writeInitialCommit } from './git-commit.js';
import { readGitIdentity } from './git-identity.js';
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
 * One `git rev-parse` answers both "is there a git?" and "are we inside a work tree?". Asynchronous, so
 * the CLI starts it early and does its other work meanwhile.
 */
export async function gitStatus(dir: string): Promise<GitStatus> {
  const result = await git(['rev-parse', '--is-inside-work-tree'], dir);
  if (result.error !== undefined) return 'unavailable';
  return result.status === 0 && result.stdout.trim() === 'true' ? 'inside-work-tree' : 'outside-work-tree';
}

/** Outcome of {@link initGitRepository}; `reason` says why it was not done. */
export type GitResult = { ok: true } | { ok: false; reason: string };

const MESSAGE = 'Initial commit from create-pinterest-app';

/**
 * `git init` + first commit of everything not ignored (`.env` is, S3). The repository starts without git's
 * sample hooks (an empty template folder: nothing to copy). In a folder that held nothing before
 * (`fresh`), when who commits is certain from the environment and git config and the .gitignore is the
 * simple kind, the commit is written directly (git-commit.ts): one git process instead of three.
 * Otherwise `git add` + `git commit --no-verify` do it. When the commit fails (no user.name/user.email
 * configured…), the fresh `.git` is removed again so the user is not left with an empty repository, and
 * the reason is returned for the next steps.
 */
export async function initGitRepository(
  dir: string,
  options: { env: NodeJS.ProcessEnv; fresh: boolean },
): Promise<GitResult> {
  const init = await git(['init', '--quiet', '--template='], dir);
  if (init.status !== 0) {
    return { ok: false, reason: firstLine(init.stderr) ?? init.error?.message ?? 'git init failed' };
  }
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
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    return { ok: false, reason: firstLine(commit.stderr) ?? firstLine(commit.stdout) ?? 'git commit failed' };
  }
  return { ok: true };
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
