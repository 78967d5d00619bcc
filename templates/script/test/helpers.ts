/** Test helpers: a real mock, free ports, the CLI run in-process with captured output. */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { type CliIo, runCli } from '../src/run.js';

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** The mock with the default app and `redirectUri` registered. */
export async function startMock(redirectUri: string): Promise<PinterestMock> {
  const mock = await startPinterestMock({ port: 0 });
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  return mock;
}

/** A temp folder for token files, removed by `cleanup`. */
export function tempDir(): { dir: string; cleanup(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'pinterest-script-test-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Environment for the CLI pointed at `mock`. */
export function cliEnv(
  mock: PinterestMock,
  redirectUri: string,
  tokenFile: string,
  extra: NodeJS.ProcessEnv = {},
) {
  return {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    PINTEREST_TOKEN_FILE: tokenFile,
    BROWSER: 'none',
    ...extra,
  } as NodeJS.ProcessEnv;
}

/** Result of one in-process CLI run. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Runs the CLI with captured stdout/stderr. */
export async function run(argv: string[], io: Omit<CliIo, 'out' | 'err'>): Promise<CliRun> {
  let out = '';
  let err = '';
  const code = await runCli(argv, { ...io, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

/**
 * Posts the mock's consent form as a user would (Allow/Deny) and returns the URL Pinterest sends the browser to.
 */
export async function decide(consentUrl: string, decision: 'allow' | 'deny', userId = '1000000000000000001') {
  const url = new URL(consentUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', decision);
  form.set('user_id', userId);
  const response = await fetch(new URL('/oauth/', url.origin), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) throw new Error(`consent answered ${response.status}`);
  return new URL(location);
}

/**
 * A stand-in for the user's browser at the HTTP level: approves (or denies) on the consent page, then
 * follows the redirect to the loopback server. `page` resolves with what the loopback answered.
 */
export function httpBrowser(decision: 'allow' | 'deny' = 'allow', userId?: string) {
  const opened: string[] = [];
  let resolvePage!: (r: Response) => void;
  const page = new Promise<Response>((resolve) => {
    resolvePage = resolve;
  });
  const openUrl = async (url: string) => {
    opened.push(url);
    // Not awaited: the loopback answers only after the CLI has finished the login.
    void decide(url, decision, userId).then((back) => fetch(back).then(resolvePage));
    return true;
  };
  return { opened, page, openUrl };
}

/** Runs the real CLI as a process (`node --import tsx src/cli.ts …`) in `cwd`; resolves when it exits. */
export async function runProcess(args: string[], env: NodeJS.ProcessEnv, cwd: string): Promise<CliRun> {
  const { spawn } = await import('node:child_process');
  const { createRequire } = await import('node:module');
  const { fileURLToPath, pathToFileURL } = await import('node:url');
  const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
  const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
  const child = spawn(process.execPath, ['--import', tsx, cli, ...args], {
    cwd,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
  const code = await new Promise<number>((resolve) => child.on('exit', (c) => resolve(c ?? -1)));
  return { code, out, err };
}
