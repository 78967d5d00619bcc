import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprint } from '../src/index.js';
import { basic, http, tokenRequest } from './support/client.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));
const cliArgs = ['--import', 'tsx', 'src/cli.ts'];
/** The CLI sees PATH and nothing else of the caller's environment (colour, CI, locale, PORT…). */
const CLI_ENV = { PATH: process.env.PATH ?? '' };
const children: ChildProcess[] = [];
const dirs: string[] = [];

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Starts the CLI and resolves with its banner once it is listening. */
function startCli(args: string[]): Promise<{ output: () => string; url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, [...cliArgs, ...args], {
    cwd: packageDir,
    stdio: 'pipe',
    env: CLI_ENV,
  });
  children.push(child);
  return new Promise((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on (http:\/\/\S+)/.exec(output);
      if (match?.[1] && output.includes('Ctrl+C')) resolve({ output: () => output, url: match[1], child });
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('exit', (code) => reject(new Error(`cli exited with ${code}: ${output}`)));
  });
}

function runCli(args: string[]) {
  return spawnSync(process.execPath, [...cliArgs, ...args], {
    cwd: packageDir,
    env: CLI_ENV,
    encoding: 'utf8',
    timeout: 20_000,
  });
}

describe('pinterest-mock CLI', () => {
  it('prints the app, its redirect URIs and the URLs, and serves the configured app', async () => {
    const { output: read, url } = await startCli([
      '--port',
      '0',
      '--app-id',
      '5550001',
      '--app-secret',
      'cli-secret',
      '--redirect-uri',
      'http://localhost:7000/cb',
      '--redirect-uri',
      'http://localhost:7001/cb',
      '--auto-approve',
      'bob',
    ]);
    const output = read();
    expect(output).toContain('App ID:          5550001');
    expect(output).toContain('cli-secret');
    expect(output).toContain('http://localhost:7000/cb');
    expect(output).toContain('http://localhost:7001/cb');
    expect(output).toContain(`PINTEREST_OAUTH_URI=${url}`);
    expect(output).toContain(`PINTEREST_API_URI=${url}`);
    expect(output).toContain(`${url}/sandbox/v5`);

    const consent = await http(
      { url },
      'GET',
      '/oauth/?client_id=5550001&redirect_uri=http%3A%2F%2Flocalhost%3A7001%2Fcb&response_type=code&scope=boards:read',
    );
    expect(consent.status).toBe(302);
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const tokens = await tokenRequest(
      { url },
      { grant_type: 'authorization_code', code, redirect_uri: 'http://localhost:7001/cb' },
      { authorization: basic('5550001', 'cli-secret') },
    );
    expect(tokens.status).toBe(200);
  });

  it('seeds accounts from --seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinterest-mock-cli-'));
    dirs.push(dir);
    const seed = join(dir, 'seed.json');
    writeFileSync(seed, JSON.stringify([{ id: '77', username: 'seeded_one', boards: [{ name: 'B' }] }]));
    const { url } = await startCli(['--port', '0', '--seed', seed]);
    const info = await http<{ users: { username: string }[] }>({ url }, 'GET', '/_mock/');
    expect(info.body.users.map((u) => u.username)).toEqual(['seeded_one']);
  });

  it('logs requests only with --logger, with state and codes fingerprinted', async () => {
    const quiet = await startCli(['--port', '0']);
    await http({ url: quiet.url }, 'GET', '/oauth/?client_id=1000001&state=quiet-canary');
    const loud = await startCli(['--port', '0', '--logger']);
    await http({ url: loud.url }, 'GET', '/oauth/?client_id=1000001&state=loud-canary&code=code-canary');
    await expect.poll(() => loud.output(), { timeout: 10_000 }).toContain('request completed');
    expect(loud.output()).toContain(`state=fp%3A${fingerprint('loud-canary')}`);
    expect(loud.output()).not.toContain('loud-canary');
    expect(loud.output()).not.toContain('code-canary');
    expect(quiet.output()).not.toContain('quiet-canary');
    expect(quiet.output()).not.toContain('incoming request');
  });

  it('prints help', () => {
    const result = runCli(['--help']);
    expect(result.status).toBe(0);
    expect(result.stdout).toContain('--redirect-uri');
    expect(result.stdout).toContain('--auto-approve');
  });

  it('explains bad input and exits 2', () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinterest-mock-cli-'));
    dirs.push(dir);
    const badSeed = join(dir, 'bad.json');
    writeFileSync(badSeed, '{ not json');
    for (const [args, text] of [
      [['--port', 'eighty'], '--port'],
      [['--app-id', 'abc'], '--app-id'],
      [['--redirect-uri', 'localhost/cb'], '--redirect-uri'],
      [['--seed', badSeed], 'JSON'],
      [['--bogus'], 'bogus'],
    ] as const) {
      const result = runCli([...args]);
      expect(result.status, args.join(' ')).toBe(2);
      expect(result.stderr).toContain(text);
    }
  });

  it('names a busy port', async () => {
    const { url } = await startCli(['--port', '0']);
    const port = new URL(url).port;
    const result = runCli(['--port', port]);
    expect(result.status).toBe(1);
    expect(result.stderr).toContain(`port ${port} is busy`);
  });
});
