/**
 * `npm run doctor` (src/doctor.ts) as a process: green out of the box against the local mock, and a dead
 * PINTEREST_ACCESS_TOKEN fails the live call with its fix.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock, tempDir } from './helpers.js';

const APP_DIR = fileURLToPath(new URL('..', import.meta.url));

function doctor(env: NodeJS.ProcessEnv): Promise<{ code: number | null; out: string }> {
  const base = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^PINTEREST_/.test(name)));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/doctor.ts'], {
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

let temp: ReturnType<typeof tempDir>;
beforeEach(() => {
  temp = tempDir();
});
afterEach(() => {
  temp.cleanup();
});

describe('npm run doctor', () => {
  it('is green out of the box: without PINTEREST_APP_ID it checks against the local mock', async () => {
    const tokenFile = join(temp.dir, 'tokens.json');
    const run = await doctor({ PINTEREST_MOCK_PORT: '0', PINTEREST_DEV_TOKEN_FILE: tokenFile });
    expect(run.code, run.out).toBe(0);
    expect(run.out).toContain('checking against the local Pinterest mock');
    expect(checks(run.out)).toHaveLength(11);
    for (const line of checks(run.out)) expect(line).toMatch(/^✔ /);
    expect(run.out).toContain(`file ${tokenFile}`);
    expect(run.out).toContain('Register exactly: http://localhost:8085/');
  });

  describe('with PINTEREST_ACCESS_TOKEN', () => {
    let mock: PinterestMock;
    beforeAll(async () => {
      mock = await startMock('http://localhost:8085/');
    });
    afterAll(async () => {
      await mock.close();
    });

    it('fails the live call when Pinterest no longer accepts the token', async () => {
      const token = 'pina_revoked_or_never_issued_token_0001';
      const run = await doctor({
        PINTEREST_ACCESS_TOKEN: token,
        PINTEREST_API_URI: mock.apiUrl,
        PINTEREST_OAUTH_URI: mock.oauthUrl,
        PINTEREST_TOKEN_FILE: join(temp.dir, 'tokens.json'),
      });
      expect(run.code).toBe(1);
      expect(run.out).toMatch(/✖ Live API call: .*HTTP 401 code 2/);
      expect(run.out).toContain(
        'Generate a new token in My apps → Configure, or unset PINTEREST_ACCESS_TOKEN and log in with OAuth.',
      );
      expect(run.out).not.toContain(token);
    });
  });
});
