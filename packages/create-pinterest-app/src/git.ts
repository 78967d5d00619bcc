import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

/** Whether git can make a repository at `dir`: none inside an existing work tree (no nested repos). */
export type GitStatus = 'unavailable' | 'inside-work-tree' | 'outside-work-tree';

/** One `git rev-parse` answers both "is there a git?" and "are we inside a work tree?". */
export function gitStatus(dir: string): GitStatus {
  const result = spawnSync('git', ['rev-parse', '--is-inside-work-tree'], {
    cwd: dir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  if (result.error !== undefined) return 'unavailable';
  return result.status === 0 && result.stdout.trim() === 'true' ? 'inside-work-tree' : 'outside-work-tree';
}

/** Outcome of {@link initGitRepository}; `reason` says why it was not done. */
export type GitResult = { ok: true } | { ok: false; reason: string };

/**
 * `git init` + first commit of everything not ignored (`.env` is, S3). The repository starts without git's
 * sample hooks (an empty template folder: nothing to copy), and the commit skips hooks. When the commit
 * fails (no user.name/user.email configured…), the fresh `.git` is removed again so the user is not left
 * with an empty repository, and the reason is returned for the next steps.
 */
export function initGitRepository(dir: string): GitResult {
  const run = (args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  const init = run(['init', '--quiet', '--template=']);
  if (init.status !== 0) return { ok: false, reason: firstLine(init.stderr) ?? 'git init failed' };
  const add = run(['add', '--all']);
  const commit =
    add.status === 0
      ? run(['commit', '--quiet', '--no-verify', '-m', 'Initial commit from create-pinterest-app'])
      : add;
  if (commit.status !== 0) {
    rmSync(join(dir, '.git'), { recursive: true, force: true });
    return { ok: false, reason: firstLine(commit.stderr) ?? firstLine(commit.stdout) ?? 'git commit failed' };
  }
  return { ok: true };
}

function firstLine(text: string | undefined): string | undefined {
  const line = text?.split('\n').find((l) => l.trim().length > 0);
  return line?.trim();
}
