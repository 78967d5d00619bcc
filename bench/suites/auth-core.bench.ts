/**
 * @kit/auth-core: getAccessToken on a fresh token (no refresh) with the memory and the file store, and the
 * API client's GET /v5/boards against a bare fetch of the same URL (baseline), in one run. The mock runs in
 * its own process so that it does not share the event loop with the code being measured.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createPinterestAuth,
  FileTokenStore,
  MemoryTokenStore,
  type PinterestAuth,
  type TokenStore,
} from '@kit/auth-core';
import { opsPerSecond, percentile, printTable, type Row } from '../lib/report.js';
import { MOCK_SERVER, startServerProcess } from '../lib/server-process.js';

const MEASURE_MS = 2_500;

function authOn(url: string, store: TokenStore): PinterestAuth {
  return createPinterestAuth({
    appId: '1000001',
    appSecret: 'mock-app-secret',
    redirectUri: 'http://localhost:3000/auth/callback',
    scopes: ['user_accounts:read', 'boards:read'],
    oauthUrl: url,
    apiUrl: url,
    store,
  });
}

async function login(auth: PinterestAuth): Promise<string> {
  const { url, state } = await auth.createAuthorizationURL();
  const response = await fetch(url, { redirect: 'manual' });
  await response.body?.cancel();
  const callback = response.headers.get('location');
  if (!callback) throw new Error('the mock did not redirect back');
  return (await auth.handleCallback(callback, { state })).key;
}

export async function run(): Promise<void> {
  const {
    info: { url },
    child,
  } = await startServerProcess<{ url: string }>(MOCK_SERVER);
  const dir = await mkdtemp(join(tmpdir(), 'auth-core-bench-'));
  try {
    const memory = authOn(url, new MemoryTokenStore());
    const memoryKey = await login(memory);
    const file = authOn(url, new FileTokenStore({ path: join(dir, 'tokens.json') }));
    const fileKey = await login(file);

    const memoryOps = await opsPerSecond(() => memory.getAccessToken(memoryKey), MEASURE_MS);
    const fileOps = await opsPerSecond(() => file.getAccessToken(fileKey), MEASURE_MS);
    printTable('auth-core: getAccessToken on a fresh token', [
      { name: 'getAccessToken (MemoryTokenStore)', value: memoryOps, unit: 'ops/s' },
      {
        name: 'getAccessToken (FileTokenStore)',
        value: fileOps,
        unit: 'ops/s',
        baseline: 'getAccessToken (MemoryTokenStore)',
        note: 'reads + parses the JSON file each call',
      },
    ]);

    const token = await memory.getAccessToken(memoryKey);
    const client = memory.client(memoryKey);
    const bare = async () => {
      const response = await fetch(`${url}/v5/boards`, {
        headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
      });
      if (!response.ok) throw new Error(`GET /v5/boards answered ${response.status}`);
      // text() + JSON.parse like the client (undici's response.json() is markedly slower on Node 20).
      return JSON.parse(await response.text());
    };
    const viaClient = () => client.get('/boards');
    // Interleave the two call by call, so that load from elsewhere on the machine hits both alike.
    for (let i = 0; i < 200; i++) {
      await bare();
      await viaClient();
    }
    const bareLatency: number[] = [];
    const clientLatency: number[] = [];
    const until = performance.now() + 2 * MEASURE_MS;
    while (performance.now() < until) {
      let start = performance.now();
      await bare();
      bareLatency.push(performance.now() - start);
      start = performance.now();
      await viaClient();
      clientLatency.push(performance.now() - start);
    }
    const perSecond = (samples: number[]) => (samples.length * 1000) / samples.reduce((a, b) => a + b, 0);
    const rows: Row[] = [
      {
        name: 'bare fetch GET /v5/boards',
        value: perSecond(bareLatency),
        unit: 'req/s',
        note: `sequential, interleaved with the client; ${bareLatency.length} calls`,
      },
      {
        name: 'client.get(/boards)',
        value: perSecond(clientLatency),
        unit: 'req/s',
        baseline: 'bare fetch GET /v5/boards',
        note: 'token lookup + timeout + retry/error handling',
      },
      { name: 'bare fetch p50', value: percentile(bareLatency, 50), unit: 'ms', higherIsBetter: false },
      {
        name: 'client.get p50',
        value: percentile(clientLatency, 50),
        unit: 'ms',
        baseline: 'bare fetch p50',
        higherIsBetter: false,
      },
      { name: 'bare fetch p99', value: percentile(bareLatency, 99), unit: 'ms', higherIsBetter: false },
      {
        name: 'client.get p99',
        value: percentile(clientLatency, 99),
        unit: 'ms',
        baseline: 'bare fetch p99',
        higherIsBetter: false,
      },
    ];
    printTable('auth-core: API client overhead over a bare fetch (mock in its own process)', rows);
  } finally {
    child.kill();
    await rm(dir, { recursive: true, force: true });
  }
}
