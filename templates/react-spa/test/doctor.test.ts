/**
 * `npm run doctor` (server/doctor.ts) as a process: green out of the box against the local mock (one warning:
 * tokens in memory), the BFF port in production mode, and a redirect URI on another path than the callback fails.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(
      ([name]) => !/^(PINTEREST_|REDIS_URL$|NODE_ENV$|PORT$|DEV_PORT$|HOST$|MOCK_PORT$)/.test(name),
    ),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/doctor.ts'], {
    cwd: APP_DIR,
    env: { ...base, ...env },
  });
  let out = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    out += chunk;
  });
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, out })));
}

const checks = (out: string) => out.split('\n').filter((line) => /^[✔!✖–] /.test(line));

describe('npm run doctor', () => {
  it('is green out of the box against the local mock, warning that tokens are in memory', async () => {
    const run = await doctor({ MOCK_PORT: '0' });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('checking against the local Pinterest mock');
    expect(checks(run.out)).toHaveLength(11);
    expect(checks(run.out).filter((line) => !line.startsWith('✔ '))).toEqual([
      '! Token store: Tokens are kept in memory: every user is logged out when the app restarts.',
    ]);
    expect(run.out).toContain('http://localhost:5173/auth/callback');
  });

  describe('against a running mock', () => {
    let mock: PinterestMock;
    beforeAll(async () => {
      mock = await startPinterestMock({ port: 0 });
      await mock.control.addRedirectUri(DEFAULT_APP.appId, 'http://localhost:3001/callback');
    });
    afterAll(async () => {
      await mock.close();
    });
    const env = (extra: NodeJS.ProcessEnv = {}) => ({
      PINTEREST_APP_ID: DEFAULT_APP.appId,
      PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
      PINTEREST_OAUTH_URI: mock.oauthUrl,
      PINTEREST_API_URI: mock.apiUrl,
      ...extra,
    });

    it('checks the BFF port in production mode', async () => {
      // Explicit: a generated app's .env pins the development redirect URI (port 5173), which production refuses.
      const run = await doctor(
        env({ NODE_ENV: 'production', PINTEREST_REDIRECT_URI: 'http://localhost:3001/auth/callback' }),
      );
      expect(run.code, run.out).toBe(0);
      expect(run.out).toContain('✔ Redirect URI: http://localhost:3001/auth/callback');
    });

    it('fails on a redirect URI the BFF does not serve', async () => {
      const run = await doctor(
        env({ NODE_ENV: 'production', PINTEREST_REDIRECT_URI: 'http://localhost:3001/callback' }),
      );
      expect(run.code).toBe(1);
      expect(run.out).toContain('✖ App settings: 1 setting of this app to fix.');
      expect(run.out).toContain(
        `→ PINTEREST_REDIRECT_URI must end with the path /auth/callback (the backend's callback route), got "/callback".`,
      );
      expect(run.out).toMatch(/Not ready: \d+ passed, \d+ warnings?, 1 failed/);
    });
  });
});
