import { type SpawnOptions, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';

/** The package root, where the build writes dist/ and templates/. */
export const PACKAGE_DIR = fileURLToPath(new URL('..', import.meta.url));
/** The built CLI run from the checkout: it packs the kit's packages into the apps it makes. */
export const CHECKOUT_CLI = join(PACKAGE_DIR, 'dist', 'cli.js');
/**
 * The built CLI as npm installs it (package.json, dist/ and templates/ copied outside the repository by
 * test/global-setup.ts): what `npm create pinterest-app` runs, and what most tests run.
 */
export const CLI = inject('publishedCli');
export const BUNDLED_TEMPLATES = join(PACKAGE_DIR, 'templates');

declare module 'vitest' {
  export interface ProvidedContext {
    publishedCli: string;
    testHome: string;
  }
}
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

/**
 * What a child process may take from the caller's environment: where programs are, and how this machine
 * reaches the registry (proxy, CA). Nothing else leaks in (colour variables, CI, locale, TZ, npm_config_*
 * of the pnpm running vitest, PINTEREST_*).
 */
const PASSED_THROUGH = [
  'PATH',
  'SystemRoot',
  'TMPDIR',
  'TEMP',
  'TMP',
  'NODE_EXTRA_CA_CERTS',
  'SSL_CERT_FILE',
  'SSL_CERT_DIR',
  'HTTP_PROXY',
  'HTTPS_PROXY',
  'NO_PROXY',
  'http_proxy',
  'https_proxy',
  'no_proxy',
  'npm_config_registry',
  'npm_config_cafile',
  'CHROMIUM_PATH',
];

/**
 * The user npm sees: their npmrc (registry, CA, auth) is read from the real home, but git's global config
 * and every other home-relative setting come from this empty folder.
 */
const HOME = inject('testHome');
const USER_NPMRC = join(homedir(), '.npmrc');

/**
 * An explicit environment: a user with no package manager detected, git identity set, colours off, no CI,
 * UTC, a C.UTF-8 locale and a home folder of its own. `extra` adds (or with undefined removes) variables.
 */
export function baseEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const key of PASSED_THROUGH) if (process.env[key] !== undefined) env[key] = process.env[key];
  Object.assign(env, {
    HOME,
    USERPROFILE: HOME,
    LANG: 'C.UTF-8',
    LC_ALL: 'C.UTF-8',
    TZ: 'UTC',
    NO_COLOR: '1',
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_AUTHOR_NAME: 'Test User',
    GIT_AUTHOR_EMAIL: 'test@example.com',
    GIT_COMMITTER_NAME: 'Test User',
    GIT_COMMITTER_EMAIL: 'test@example.com',
    npm_config_update_notifier: 'false',
  });
  if (existsSync(USER_NPMRC)) env.npm_config_userconfig = USER_NPMRC;
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
