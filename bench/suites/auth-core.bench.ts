/**
 * @kit/auth-core: getAccessToken on a fresh token (no refresh) with the memory and the file store; the API
 * client's GET /v5/boards against a bare fetch of the same URL (baseline); and a walk of 10,000 Pins with
 * `client.paginate` against the ideal of 40 sequential bare fetches of 250 (baseline), with the mock's rate
 * limits on. The mocks run in their own processes so that they do not share the event loop with the code
 * being measured.
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
const WALK_BOARD = '7000000000000000001';
const WALK_PINS = 10_000;
const WALKS = 3;

/** A mock with one account whose board holds 10,000 Pins; rate limits ON (the defaults, 1000 a minute). */
const WALK_MOCK_SERVER = `
import { DEFAULT_APP, startPinterestMock } from '@kit/pinterest-mock';
const pins = Array.from({ length: ${WALK_PINS} }, (_, i) => ({ id: '9' + String(i).padStart(17, '0'), title: '#' + i }));
const mock = await startPinterestMock({
  autoApprove: 'walker',
  apps: [DEFAULT_APP],
  users: [{ id: '1000000000000000077', username: 'walker', boards: [{ id: '${WALK_BOARD}', name: 'Walk', pins }] }],
});
process.stdout.write(JSON.stringify({ url: mock.url }) + '\\n');
`;

function authOn(url: string, store: TokenStore, fetchImpl?: typeof fetch): PinterestAuth {
  return createPinterestAuth({
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
    appId: '1000001',
    appSecret: 'mock-app-secret',
    redirectUri: 'http://localhost:3000/auth/callback',
    scopes: ['user_accounts:read', 'boards:read', 'pins:read'],
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

/** Walks the board with `client.paginate` and with bare fetches; wall time and requests of each. */
async function walk(): Promise<void> {
  const {
    info: { url },
    child,
  } = await startServerProcess<{ url: string }>(WALK_MOCK_SERVER);
  try {
    const statuses: number[] = [];
    const counting: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      statuses.push(response.status);
      return response;
    };
    const auth = authOn(url, new MemoryTokenStore(), counting);
    const key = await login(auth);
    const token = await auth.getAccessToken(key);
    const client = auth.client(key);
    const bareWalk = async () => {
      let bookmark: string | null = null;
      let pins = 0;
      let requests = 0;
      do {
        const query: string = bookmark ? `&bookmark=${encodeURIComponent(bookmark)}` : '';
        const response = await fetch(`${url}/v5/boards/${WALK_BOARD}/pins?page_size=250${query}`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        });
        requests++;
        if (!response.ok) throw new Error(`the bare walk got ${response.status}`);
        const page = JSON.parse(await response.text()) as { items: unknown[]; bookmark: string | null };
        pins += page.items.length;
        bookmark = page.bookmark;
      } while (bookmark);
      return { pins, requests };
    };
    const clientWalk = async () => {
      const before = statuses.length;
      let pins = 0;
      for await (const _pin of client.paginate('/boards/{board_id}/pins', { path: { board_id: WALK_BOARD } }))
        pins++;
      return { pins, requests: statuses.length - before };
    };
    const bareMs: number[] = [];
    const clientMs: number[] = [];
    let requests = 0;
    let bareRequests = 0;
    for (let i = 0; i < WALKS; i++) {
      let start = performance.now();
      const bare = await bareWalk();
      bareMs.push(performance.now() - start);
      start = performance.now();
      const viaClient = await clientWalk();
      clientMs.push(performance.now() - start);
      if (bare.pins !== WALK_PINS || viaClient.pins !== WALK_PINS) throw new Error('a walk missed Pins');
      requests = viaClient.requests;
      bareRequests = bare.requests;
    }
    printTable(`auth-core: a walk of ${WALK_PINS} Pins (rate limits on; median of ${WALKS})`, [
      {
        name: `ideal: ${bareRequests} sequential bare fetches of 250`,
        value: percentile(bareMs, 50),
        unit: 'ms',
        higherIsBetter: false,
      },
      {
        name: 'client.paginate walk',
        value: percentile(clientMs, 50),
        unit: 'ms',
        baseline: `ideal: ${bareRequests} sequential bare fetches of 250`,
        higherIsBetter: false,
        note: 'page_size 250 by default, paced by X-RateLimit-*',
      },
      { name: 'client.paginate requests per walk', value: requests, unit: 'requests', higherIsBetter: false },
      {
        name: 'HTTP 429 answers (all walks)',
        value: statuses.filter((s) => s === 429).length,
        unit: 'answers',
        higherIsBetter: false,
      },
    ]);
  } finally {
    child.kill();
  }
}

export async function run(): Promise<void> {
  await walk();
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
