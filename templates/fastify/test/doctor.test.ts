/**
 * `npm run doctor` (src/doctor.ts) as a process: green out of the box against the local mock, and a setting that
 * breaks the login (PORT vs the redirect URI) fails with its fix.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { mockEnv, startMock } from './helpers.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

function doctor(
  env: NodeJS.ProcessEnv,
  args: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(PINTEREST_|REDIS_URL$|TOKEN_STORE$|PORT$|HOST$)/.test(name),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/doctor.ts', ...args], {
    cwd: APP_DIR,
    env: { ...base, ...env },
  });
  let out = '';
  let err = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    err += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out, err })));
}

const checks = (out: string) => out.split('\n').filter((line) => /^[✔!✖–] /.test(line));

let dataDir: string;
beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'fastify-doctor-'));
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('npm run doctor', () => {
  it('is green out of the box: without PINTEREST_APP_ID it checks against the local mock', async () => {
    const run = await doctor({ PINTEREST_MOCK_PORT: '0', DATA_DIR: dataDir });
    expect(run.code, run.out + run.err).toBe(0);
    expect(run.err).toContain('checking against the local Pinterest mock');
    expect(checks(run.out)).toHaveLength(11);
    for (const line of checks(run.out)) expect(line).toMatch(/^✔ /);
    expect(run.out).toContain(`file ${join(dataDir, 'tokens.json')}`);
  });

  it('keeps --json parseable in mock mode', async () => {
    const run = await doctor({ PINTEREST_MOCK_PORT: '0', DATA_DIR: dataDir }, ['--json']);
    expect(run.code).toBe(0);
    expect((JSON.parse(run.out) as { ok: boolean }).ok).toBe(true);
  });

  describe('against a running mock', () => {
    let mock: PinterestMock;
    const redirectUri = 'http://localhost:3000/auth/callback';
    beforeAll(async () => {
      mock = await startMock(redirectUri);
    });
    afterAll(async () => {
      await mock.close();
    });

    it('passes with the settings npm run dev uses, and prints JSON with --json', async () => {
      const run = await doctor(mockEnv(mock, redirectUri, { TOKEN_STORE: 'file', DATA_DIR: dataDir }), [
        '--json',
      ]);
      expect(run.code, run.out).toBe(0);
      const report = JSON.parse(run.out) as { ok: boolean; checks: { status: string }[] };
      expect(report.ok).toBe(true);
      expect(report.checks.every((check) => check.status === 'pass')).toBe(true);
    });

    it("fails on this app's own settings, listed first", async () => {
      const run = await doctor(mockEnv(mock, redirectUri, { TOKEN_STORE: 'disk', DATA_DIR: dataDir }));
      expect(run.code).toBe(1);
      expect(checks(run.out)[0]).toBe('✖ App settings: 1 setting of this app to fix.');
      expect(run.out).toContain('→ TOKEN_STORE must be "file" or "memory" (got "disk")');
    });

    it('fails when the app listens on another port than the redirect URI names', async () => {
      const run = await doctor(mockEnv(mock, redirectUri, { PORT: '4000', DATA_DIR: dataDir }));
      expect(run.code).toBe(1);
      expect(run.out).toContain(
        "Make PORT and the redirect URI's port the same (e.g. http://localhost:4000/auth/callback).",
      );
    });
  });
});
