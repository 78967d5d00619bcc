/**
 * Requests per second of an authenticated page of the Fastify template (`GET /boards`: session lookup,
 * token from the store, `GET /v5/boards` on the mock, HTML rendering) beside the mock's own `GET /v5/boards`
 * measured in the same run — the page can never be faster than the API call it makes. The mock and the app
 * each run in their own process, autocannon in this one.
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { printTable, type Row } from '../lib/report.js';
import { MOCK_SERVER, startServerProcess } from '../lib/server-process.js';

const templateDir = fileURLToPath(new URL('../../templates/fastify/', import.meta.url));
const DURATION_SECONDS = 6;
const CONNECTIONS = 32;

/** The template's app against the mock, logged in once as alice; prints its URL, session cookie and token. */
const appServer = (mockUrl: string) => `
import { buildApp } from './src/app.ts';
import { loadSettings } from './src/config.ts';
const settings = loadSettings({
  PINTEREST_APP_ID: '1000001',
  PINTEREST_APP_SECRET: 'mock-app-secret',
  PINTEREST_REDIRECT_URI: 'http://localhost:3000/auth/callback',
  PINTEREST_OAUTH_URI: ${JSON.stringify(mockUrl)},
  PINTEREST_API_URI: ${JSON.stringify(mockUrl)},
  TOKEN_STORE: 'memory',
  LOG_LEVEL: 'silent',
}, 'mock');
const { app, auth } = await buildApp({ settings });
await app.listen({ port: 0, host: '127.0.0.1' });
const start = await app.inject({ method: 'GET', url: '/auth/login' });
const stateCookie = start.cookies.find((c) => c.name === 'pinterest-login-state');
const back = await fetch(start.headers.location, { redirect: 'manual' });
const callback = new URL(back.headers.get('location'));
const done = await app.inject({
  method: 'GET',
  url: callback.pathname + callback.search,
  headers: { cookie: 'pinterest-login-state=' + stateCookie.value },
});
const sid = done.cookies.find((c) => c.name === 'sid').value;
const record = await auth.getTokens('1000000000000000001');
process.stdout.write(JSON.stringify({
  url: 'http://127.0.0.1:' + app.server.address().port,
  cookie: 'sid=' + sid,
  token: record.accessToken,
}) + '\\n');
`;

/**
 * What one page costs in Pinterest calls alone: Node's fetch() (undici, as @kit/auth-core uses) doing
 * GET /v5/boards with 32 requests in flight, from its own process — the ceiling for a page that makes that call.
 */
const fetchLoop = (url: string, token: string) => `
const end = performance.now() + ${DURATION_SECONDS * 1000};
let count = 0;
const started = performance.now();
await Promise.all(Array.from({ length: ${CONNECTIONS} }, async () => {
  while (performance.now() < end) {
    const response = await fetch(${JSON.stringify(url)}, { headers: { authorization: 'Bearer ${token}' } });
    if (!response.ok) throw new Error('status ' + response.status);
    await response.json();
    count++;
  }
}));
process.stdout.write(JSON.stringify({ rps: (count * 1000) / (performance.now() - started) }) + '\\n');
`;

/** Requests per second over the run; fails when any answer was not 2xx. */
async function measure(url: string, headers: Record<string, string>): Promise<{ rps: number; p99: number }> {
  const result = await autocannon({ url, headers, connections: CONNECTIONS, duration: DURATION_SECONDS });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return { rps: result.requests.average, p99: result.latency.p99 };
}

export async function run(): Promise<void> {
  const mock = await startServerProcess<{ url: string }>(MOCK_SERVER);
  let app: { info: { url: string; cookie: string; token: string }; child: ChildProcess } | undefined;
  try {
    app = await startServerProcess(appServer(mock.info.url), { cwd: templateDir, tsx: true });
    const { url, cookie, token } = app.info;
    const api = await measure(`${mock.info.url}/v5/boards?page_size=25`, {
      authorization: `Bearer ${token}`,
    });
    const page = await measure(`${url}/boards`, { cookie });
    const home = await measure(`${url}/`, { cookie });
    const viaFetch = await startServerProcess<{ rps: number }>(
      fetchLoop(`${mock.info.url}/v5/boards?page_size=25`, token),
    );
    const MOCK_ROW = 'GET /v5/boards (mock, 25 boards)';
    const rows: Row[] = [
      { name: MOCK_ROW, value: api.rps, unit: 'req/s', note: `p99 ${api.p99} ms` },
      {
        name: 'fetch() of GET /v5/boards from Node (what a page call costs)',
        value: viaFetch.info.rps,
        unit: 'req/s',
        baseline: MOCK_ROW,
      },
      {
        name: 'GET /boards (template, signed in, calls the mock)',
        value: page.rps,
        unit: 'req/s',
        baseline: MOCK_ROW,
        note: `p99 ${page.p99} ms`,
      },
      {
        name: 'GET / (template, signed in, no API call)',
        value: home.rps,
        unit: 'req/s',
        baseline: MOCK_ROW,
        note: `p99 ${home.p99} ms`,
      },
    ];
    printTable(`Fastify template vs the mock (${CONNECTIONS} connections, ${DURATION_SECONDS} s each)`, rows);
  } finally {
    app?.child.kill();
    mock.child.kill();
  }
}
