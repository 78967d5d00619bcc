/**
 * Throughput of @kit/pinterest-mock on loopback: the token endpoint, GET /v5/boards (a page of 25), Pin
 * creation, and operations answered from the spec (with request checks against it), against a bare Fastify
 * "hello" route measured in the same run; and start-up time (import + listen) against the same Fastify app's.
 * Each server runs in its own process so it does not share a core with autocannon.
 */
import type { ChildProcess } from 'node:child_process';
import autocannon from 'autocannon';
import { printTable, type Row } from '../lib/report.js';
import { startServerProcess } from '../lib/server-process.js';

const DURATION_SECONDS = 6;
const CONNECTIONS = 32;

const HELLO_SERVER = `
const started = performance.now();
const { default: Fastify } = await import('fastify');
const app = Fastify({ logger: false });
app.get('/hello', async () => ({ hello: 'world' }));
await app.listen({ port: 0, host: '127.0.0.1' });
const startMs = performance.now() - started;
process.stdout.write(JSON.stringify({ url: 'http://127.0.0.1:' + app.server.address().port, startMs }) + '\\n');
`;

/** The mock as the bench's other suites start it, timing import + start (its route table included). */
const TIMED_MOCK_SERVER = `
const started = performance.now();
const { startPinterestMock } = await import('@kit/pinterest-mock');
const mock = await startPinterestMock({ autoApprove: 'alice', rateLimits: false });
const startMs = performance.now() - started;
process.stdout.write(JSON.stringify({ url: mock.url, startMs }) + '\\n');
`;

/** Starts a server process, remembered in `servers` so that it is stopped even if the run fails. */
async function start(script: string, servers: ChildProcess[]): Promise<{ url: string; startMs: number }> {
  const { info, child } = await startServerProcess<{ url: string; startMs: number }>(script);
  servers.push(child);
  return info;
}

interface Load {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

/** Requests per second over the run; fails when any answer was not 2xx. */
async function measure(load: Load, seconds = DURATION_SECONDS): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({
    url: load.url,
    method: load.method ?? 'GET',
    headers: load.headers,
    body: load.body,
    connections: CONNECTIONS,
    duration: seconds,
  });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${load.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

async function userToken(
  mockUrl: string,
  scope = 'user_accounts:read,boards:read,pins:read',
): Promise<string> {
  const consent = new URL('/oauth/', mockUrl);
  consent.search = new URLSearchParams({
    client_id: '1000001',
    redirect_uri: 'http://localhost:8085/',
    response_type: 'code',
    scope,
    state: 'bench',
  }).toString();
  const redirect = await fetch(consent, { redirect: 'manual' });
  const code = new URL(redirect.headers.get('location') ?? '').searchParams.get('code') ?? '';
  const response = await fetch(`${mockUrl}/v5/oauth/token`, {
    method: 'POST',
    headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      redirect_uri: 'http://localhost:8085/',
    }),
  });
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`bench: no access token from the mock: ${JSON.stringify(body)}`);
  return body.access_token;
}

const BASIC = `Basic ${Buffer.from('1000001:mock-app-secret').toString('base64')}`;

export async function run(): Promise<void> {
  const servers: ChildProcess[] = [];
  const stopServers = () => {
    for (const child of servers) if (child.exitCode === null) child.kill('SIGTERM');
  };
  process.once('exit', stopServers);
  try {
    const hello = await start(HELLO_SERVER, servers);
    const mock = await start(TIMED_MOCK_SERVER, servers);
    const token = await userToken(mock.url);
    const writer = await userToken(
      mock.url,
      'user_accounts:read,boards:read,boards:write,pins:read,pins:write,ads:read,catalogs:read',
    );
    const bearer = { authorization: `Bearer ${writer}` };
    const today = new Date().toISOString().slice(0, 10);
    const loads: { name: string; load: Load; note: string }[] = [
      {
        name: 'POST /v5/pins (image_url)',
        load: {
          url: `${mock.url}/v5/pins`,
          method: 'POST',
          headers: { ...bearer, 'content-type': 'application/json' },
          body: JSON.stringify({
            board_id: '5000001000000002',
            title: 'Bench',
            media_source: { source_type: 'image_url', url: 'https://example.com/a.jpg' },
          }),
        },
        note: 'a new Pin each time; body checked against PinCreate',
      },
      {
        name: 'GET /v5/catalogs (from the spec)',
        load: { url: `${mock.url}/v5/catalogs`, headers: bearer },
        note: 'spec answer',
      },
      {
        name: 'GET …/ads/analytics (from the spec, query checked)',
        load: {
          url: `${mock.url}/v5/ad_accounts/549755885175/ads/analytics?start_date=${today}&end_date=${today}&ad_ids=1&columns=SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH&granularity=DAY`,
          headers: bearer,
        },
        note: 'spec answer; 6 query parameters validated',
      },
    ];
    const boards: Load = { url: `${mock.url}/v5/boards`, headers: { authorization: `Bearer ${token}` } };
    const tokenLoad: Load = {
      url: `${mock.url}/v5/oauth/token`,
      method: 'POST',
      headers: { authorization: BASIC, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'grant_type=client_credentials&scope=boards%3Aread',
    };
    // Warm both servers' JITs before measuring.
    await measure({ url: `${hello.url}/hello` }, 1);
    await measure(boards, 1);

    const baseline = await measure({ url: `${hello.url}/hello` });
    const boardsPage = await measure(boards);
    const boardsPage2 = await measure({ ...boards, url: `${boards.url}?page_size=250` }, 3);
    const tokens = await measure(tokenLoad);
    const more: Row[] = [];
    for (const { name, load, note } of loads) {
      await measure(load, 1);
      const result = await measure(load);
      more.push({
        name,
        value: result.rps,
        unit: 'req/s',
        baseline: 'Fastify hello (baseline)',
        note: `p99 ${result.p99} ms; ${note}; goal ≥ 5,000`,
      });
    }
    const rows: Row[] = [
      {
        name: 'Fastify hello (baseline)',
        value: baseline.rps,
        unit: 'req/s',
        note: `p99 ${baseline.p99} ms`,
      },
      {
        name: 'GET /v5/boards (25)',
        value: boardsPage.rps,
        unit: 'req/s',
        baseline: 'Fastify hello (baseline)',
        note: `p99 ${boardsPage.p99} ms; goal ≥ 5,000`,
      },
      {
        name: 'GET /v5/boards (page_size=250)',
        value: boardsPage2.rps,
        unit: 'req/s',
        baseline: 'Fastify hello (baseline)',
        note: `p99 ${boardsPage2.p99} ms; all 60 boards`,
      },
      {
        name: 'POST /v5/oauth/token (client_credentials)',
        value: tokens.rps,
        unit: 'req/s',
        baseline: 'Fastify hello (baseline)',
        note: `p99 ${tokens.p99} ms; a new token each time`,
      },
      ...more,
    ];
    printTable(
      `@kit/pinterest-mock throughput (${CONNECTIONS} connections, ${DURATION_SECONDS} s each)`,
      rows,
    );
    printTable('@kit/pinterest-mock start-up (import + listen, in its own process)', [
      { name: 'Fastify hello start-up (baseline)', value: hello.startMs, unit: 'ms', higherIsBetter: false },
      {
        name: 'pinterest-mock start-up (231 operations)',
        value: mock.startMs,
        unit: 'ms',
        baseline: 'Fastify hello start-up (baseline)',
        higherIsBetter: false,
        note: 'route table inlined in the build; validators compiled on first use',
      },
    ]);
  } finally {
    stopServers();
    process.off('exit', stopServers);
  }
}
