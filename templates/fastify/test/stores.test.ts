/** The default token store: a FileTokenStore in DATA_DIR, keyed by Pinterest account id, 0600 in a 0700 folder. */
import { readFileSync, statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, freePort, loginWithInject, startMock } from './helpers.js';

// inject() needs no listening socket; the URI still names a free port, never a fixed one.
const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;
let mock: PinterestMock;
let dir: string;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  dir = await mkdtemp(join(tmpdir(), 'fastify-template-data-'));
});
afterAll(async () => {
  await mock.close();
  await rm(dir, { recursive: true, force: true });
});

describe('TOKEN_STORE=file (the default)', () => {
  it('keeps tokens by account id in DATA_DIR/tokens.json, mode 0600, and they survive a restart', async () => {
    const dataDir = join(dir, 'data');
    const env = { TOKEN_STORE: 'file', DATA_DIR: dataDir };
    const first = await buildTestApp(mock, REDIRECT_URI, { env });
    expect(first.stores.description).toBe(`file ${join(dataDir, 'tokens.json')}`);
    await loginWithInject(first);
    await first.app.close();

    const file = join(dataDir, 'tokens.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(statSync(dataDir).mode & 0o777).toBe(0o700);
    const content = JSON.parse(readFileSync(file, 'utf8')) as { accounts: Record<string, unknown> };
    expect(Object.keys(content.accounts)).toEqual(['1000000000000000001']);

    const second = await buildTestApp(mock, REDIRECT_URI, { env });
    try {
      const account = await second.auth
        .client('1000000000000000001')
        .get<{ username: string }>('/user_account');
      expect(account.username).toBe('mock_alice');
    } finally {
      await second.app.close();
    }
  });
});
