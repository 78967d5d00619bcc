import { type SpawnOptions, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package root (tests run the BUILT CLI from here, as `npm create` would). */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
export const CLI = join(PACKAGE_DIR, 'dist', 'cli.js');
export const BUNDLED_TEMPLATES = join(PACKAGE_DIR, 'templates');
export const VERSION = (
  JSON.parse(readFileSync(join(PACKAGE_DIR, 'package.json'), 'utf8')) as { version: string }
).version;

/** Result of one CLI run. */
export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for "never printed" checks. */
  output: string;
}

/** A fresh folder under the OS temp dir (outside the repository), removed by the returned cleanup. */
export function makeTempDir(prefix = 'cpa-test-'): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** Environment of a user with no package manager detected, git identity set, colours off. */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NO_COLOR: '1',
    GIT_AUTHOR_NAME: 'Test User',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test User',
    GIT_COMMITTER_EMAIL: 'test@example.com',
  };
  // vitest runs under pnpm: its user agent would leak into package-manager detection.
  delete env.npm_config_user_agent;
  delete env.PINTEREST_APP_SECRET;
  for (const [key, value] of Object.entries(extra)) {
    if (value === undefined) delete env[key];
    else env[key] = value;
  }
  return env;
}

/** Runs `node dist/cli.js ...args` in `cwd` with no TTY (stdin is a closed pipe). */
export function runCli(
  args: string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; cli?: string; timeoutMs?: number },
): Promise<RunResult> {
  return runCommand(process.execPath, [options.cli ?? CLI, ...args], {
    cwd: options.cwd,
    env: options.env ?? baseEnv(),
    timeoutMs: options.timeoutMs ?? 30_000,
  });
}

/** Spawns a command, collects its output, kills it (and fails) after `timeoutMs`. */
export function runCommand(
  command: string,
  args: string[],
  options: SpawnOptions & { timeoutMs: number; input?: string },
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { ...options, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.stdin?.end(options.input ?? '');
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(
          `${command} ${args.join(' ')} did not finish in ${options.timeoutMs} ms\n${stdout}\n${stderr}`,
        ),
      );
    }, options.timeoutMs);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, output: stdout + stderr });
    });
  });
}

/** Every file under `dir` (relative paths, `/`-separated) with a hash of its content: a snapshot. */
export function snapshot(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const full = join(current, entry.name);
      const key = relative(dir, full).split('\\').join('/');
      if (entry.isDirectory()) {
        files.set(`${key}/`, 'dir');
        walk(full);
      } else {
        const content = entry.isSymbolicLink() ? `link` : readFileSync(full);
        files.set(key, createHash('sha256').update(content).digest('hex'));
      }
    }
  };
  if (existsSync(dir)) walk(dir);
  return files;
}

/** Relative paths of every file under `dir`. */
export function listFiles(dir: string): string[] {
  return [...snapshot(dir).keys()].filter((key) => !key.endsWith('/')).sort();
}

export function readJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(readFileSync(path, 'utf8')) as T;
}

export function fileMode(path: string): number {
  return lstatSync(path).mode & 0o777;
}

export function templateNames(): string[] {
  return readJson<{ templates: Array<{ name: string }> }>(
    join(BUNDLED_TEMPLATES, 'manifest.json'),
  ).templates.map((t) => t.name);
}
