/**
 * L5: the token file is never half-written. A child process rewrites it in a loop through the CLI's
 * FileTokenStore and is SIGKILLed at varying points; after every kill the file is complete JSON, mode 0600.
 */
import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './helpers.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/write-tokens.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const temp = tempDir();
afterAll(() => temp.cleanup());

/** Starts the writer and SIGKILLs it once it has reported `writes` completed writes (plus a few in flight). */
function writeThenKill(file: string, writes: number): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', FIXTURE, file], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let seen = 0;
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      seen += chunk
        .toString()
        .split('\n')
        .filter((l) => l.startsWith('wrote')).length;
      if (seen >= writes && child.exitCode === null) child.kill('SIGKILL');
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(seen);
      else reject(new Error(`writer exited with ${code}: ${stderr}`));
    });
  });
}

describe('L5: SIGKILL while writing', () => {
  it('leaves the old or the new file, never a torn one, always 0600', async () => {
    const file = join(temp.dir, 'cfg', 'tokens.json');
    for (const writes of [1, 3, 7, 12, 20, 33]) {
      const seen = await writeThenKill(file, writes);
      expect(seen).toBeGreaterThanOrEqual(writes);
      const content = JSON.parse(readFileSync(file, 'utf8')) as {
        format: string;
        accounts: Record<string, { record: { accessToken: string; refreshToken: string } }>;
      };
      expect(content.format).toBe('pinterest-app-kit/tokens@1');
      const record = content.accounts['1000000000000000001']?.record;
      // Access and refresh token come from the same write: they were persisted together.
      expect(record?.accessToken.split('_')[1]).toBe(record?.refreshToken.split('_')[1]);
      expect(statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(statSync(join(temp.dir, 'cfg')).mode & 0o777).toBe(0o700);
  });
});
