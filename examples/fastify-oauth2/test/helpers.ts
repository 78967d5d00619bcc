/**
 * Test helpers: the Pinterest mock on a free port, the example built against it, a cookie jar for inject(), and
 * the mock's consent page played over HTTP. Nothing of the example or of auth-core is stubbed.
 */
import { createServer, type Server } from 'node:http';
import type { PinterestAuthConfig } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { type BuiltApp, buildApp } from '../src/app.js';
import { DEFAULT_SCOPES } from '../src/config.js';

/** The mock, with the default app and `redirectUri` registered. */
export async function startMock(redirectUri: string): Promise<PinterestMock> {
  const mock = await startPinterestMock({ port: 0 });
  mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  return mock;
}

/** auth-core's config for the mock's default app (the clock is the mock's, so `advanceClock` ages tokens). */
export function mockAuthConfig(mock: PinterestMock, redirectUri: string): PinterestAuthConfig {
  return {
    appId: DEFAULT_APP.appId,
    appSecret: DEFAULT_APP.appSecret,
    redirectUri,
    scopes: DEFAULT_SCOPES.split(',') as PinterestAuthConfig['scopes'],
    oauthUrl: mock.oauthUrl,
    apiUrl: mock.apiUrl,
    now: () => mock.control.now(),
  };
}

/** Collects the app's log lines. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get text(): string {
    return this.lines.join('');
  }
}

/** The example built against the mock; its log goes to `logs` when given. */
export function buildTestApp(mock: PinterestMock, redirectUri: string, logs?: LogCapture): Promise<BuiltApp> {
  return buildApp({
    authConfig: mockAuthConfig(mock, redirectUri),
    ...(logs ? { logStream: logs } : { logLevel: 'silent' }),
  });
}

/** An HTTP server listening on 127.0.0.1 at a port the OS chose, for an app built once the port is known. */
export async function listeningServer(): Promise<{ server: Server; port: number }> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const address = server.address();
  if (typeof address !== 'object' || address === null) throw new Error('the test server has no port');
  return { server, port: address.port };
}

/** Remembers cookies between inject() calls; a cookie set empty or with Max-Age=0 / a past expiry is dropped. */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const cookie of response.cookies as {
      name: string;
      value: string;
      maxAge?: number;
      expires?: Date;
    }[]) {
      const gone =
        cookie.value === '' || cookie.maxAge === 0 || (cookie.expires?.getTime() ?? Infinity) <= Date.now();
      if (gone) this.cookies.delete(cookie.name);
      else this.cookies.set(cookie.name, cookie.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

/** The raw `Set-Cookie` lines of a response. */
export function setCookieLines(response: LightMyRequestResponse): string[] {
  const value = response.headers['set-cookie'];
  return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/**
 * Plays the user on the mock's consent page: posts its form as the page would and returns where Pinterest sends
 * the browser back to (the callback URL with `code` and `state`, or `error=access_denied`).
 */
export async function decide(consentUrl: string, decision: 'allow' | 'deny'): Promise<URL> {
  const url = new URL(consentUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', decision);
  form.set('user_id', '1000000000000000001'); // mock_alice
  const response = await fetch(new URL('/oauth/', url.origin), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`the consent page answered ${response.status}: ${await response.text()}`);
  }
  return new URL(location);
}

/** GET through inject() with the jar's cookies, storing what comes back. */
export async function get(
  app: FastifyInstance,
  jar: CookieJar,
  url: string,
): Promise<LightMyRequestResponse> {
  const response = await app.inject({ method: 'GET', url, headers: { cookie: jar.header() } });
  jar.store(response);
  return response;
}

/** POSTs a form of this app (same `Origin`) through inject() with the jar's cookies. */
export async function post(
  app: FastifyInstance,
  jar: CookieJar,
  url: string,
  origin: string,
): Promise<LightMyRequestResponse> {
  const response = await app.inject({
    method: 'POST',
    url,
    headers: { cookie: jar.header(), origin, 'content-type': 'application/x-www-form-urlencoded' },
    payload: '',
  });
  jar.store(response);
  return response;
}

/** A whole login through inject(): /auth/login → consent (Allow or Deny) → callback. */
export async function login(
  app: FastifyInstance,
  jar = new CookieJar(),
  decision: 'allow' | 'deny' = 'allow',
) {
  const start = await get(app, jar, '/auth/login');
  const consentUrl = String(start.headers.location);
  const callbackUrl = await decide(consentUrl, decision);
  const callback = await get(app, jar, `${callbackUrl.pathname}${callbackUrl.search}`);
  return { jar, start, consentUrl, callbackUrl, callback };
}

/** How many code exchanges / refreshes the mock has seen. */
export function tokenRequests(mock: PinterestMock, grantType: 'authorization_code' | 'refresh_token') {
  return mock.control.tokenRequests().filter((entry) => entry.grantType === grantType);
}
