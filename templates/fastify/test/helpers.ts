/**
 * Test helpers: a real Pinterest mock on a free port, the real app built against it, and a small cookie jar
 * for `inject()`. No part of the app is stubbed.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import type { LightMyRequestResponse } from 'fastify';
import { type BuildAppOptions, type BuiltApp, buildApp } from '../src/app.js';
import { type AppSettings, loadSettings } from '../src/config.js';
import type { launchChromium } from './chromium.js';

/**
 * An HTTP server already listening on 127.0.0.1 at a port the OS picked, to hand requests to an app built
 * afterwards (`server.on('request', app.routing)`): the redirect URI can name the port, and no other process
 * can take it between choosing it and listening on it.
 */
export async function listeningServer(): Promise<{ server: Server; port: number }> {
  const server = createHttpServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the server has no port');
  return { server, port: address.port };
}

/**
 * A TCP port on 127.0.0.1 that was free a moment ago: only for URIs nothing will listen on (inject() tests,
 * refused connections). To serve on a port, use {@link listeningServer}.
 */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Starts the mock with the default app and `redirectUri` registered. */
export async function startMock(redirectUri: string, options: Parameters<typeof startPinterestMock>[0] = {}) {
  const mock = await startPinterestMock({ port: 0, ...options });
  await mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  return mock;
}

/** The environment `npm run dev` would give the app, pointed at `mock`. */
export function mockEnv(
  mock: PinterestMock,
  redirectUri: string,
  extra: NodeJS.ProcessEnv = {},
): NodeJS.ProcessEnv {
  return {
    PINTEREST_APP_ID: DEFAULT_APP.appId,
    PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
    PINTEREST_REDIRECT_URI: redirectUri,
    PINTEREST_OAUTH_URI: mock.oauthUrl,
    PINTEREST_API_URI: mock.apiUrl,
    TOKEN_STORE: 'memory',
    LOG_LEVEL: 'silent',
    ...extra,
  };
}

/** Collects log lines (JSON strings) written by the app's logger. */
export class LogCapture {
  readonly lines: string[] = [];
  write(line: string): void {
    this.lines.push(line);
  }
  get text(): string {
    return this.lines.join('');
  }
}

/** Builds the app against `mock` (settings through the real `loadSettings`). */
export async function buildTestApp(
  mock: PinterestMock,
  redirectUri: string,
  options: { env?: NodeJS.ProcessEnv } & Partial<Omit<BuildAppOptions, 'settings'>> = {},
): Promise<BuiltApp & { settings: AppSettings }> {
  const { env, ...rest } = options;
  const settings = loadSettings(mockEnv(mock, redirectUri, env), 'mock');
  const built = await buildApp({ settings, ...rest });
  return { ...built, settings };
}

/** A minimal cookie jar for inject(): remembers name=value, honours deletion (Max-Age=0 / past Expires). */
export class CookieJar {
  readonly cookies = new Map<string, string>();

  store(response: LightMyRequestResponse): void {
    for (const c of response.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now());
      if (expired || c.value === '') this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
  }

  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }
}

/** The raw Set-Cookie header lines of a response. */
export function setCookies(response: LightMyRequestResponse): string[] {
  const value = response.headers['set-cookie'];
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/**
 * Plays the user on the mock's consent page over real HTTP: posts the consent form (as the page's form would)
 * and returns where Pinterest sends the browser back to.
 */
export async function decideOnConsentPage(
  consentUrl: string,
  decision: 'allow' | 'deny',
  userId = '1000000000000000001',
): Promise<URL> {
  const url = new URL(consentUrl);
  const form = new URLSearchParams(url.searchParams);
  form.set('decision', decision);
  form.set('user_id', userId);
  const response = await fetch(new URL('/oauth/', url.origin), {
    method: 'POST',
    body: form,
    redirect: 'manual',
  });
  const location = response.headers.get('location');
  if (response.status !== 302 || !location) {
    throw new Error(`consent page answered ${response.status}: ${await response.text()}`);
  }
  return new URL(location);
}

/** Logs in through the app with inject() and the real mock; returns the jar holding the session cookie. */
export async function loginWithInject(
  built: BuiltApp,
  options: { jar?: CookieJar; decision?: 'allow' | 'deny'; userId?: string; returnTo?: string } = {},
) {
  const jar = options.jar ?? new CookieJar();
  const start = await built.app.inject({
    method: 'GET',
    url: `/auth/login${options.returnTo ? `?returnTo=${encodeURIComponent(options.returnTo)}` : ''}`,
    headers: { cookie: jar.header() },
  });
  jar.store(start);
  const consentUrl = String(start.headers.location);
  const callbackUrl = await decideOnConsentPage(consentUrl, options.decision ?? 'allow', options.userId);
  const callback = await built.app.inject({
    method: 'GET',
    url: `${callbackUrl.pathname}${callbackUrl.search}`,
    headers: { cookie: jar.header() },
  });
  jar.store(callback);
  return { jar, start, consentUrl, callbackUrl, callback };
}

/** The app, the mock and a Chromium, as every end-to-end file uses them (one stack per file). */
export interface BrowserStack {
  mock: PinterestMock;
  built: BuiltApp;
  /** `http://localhost:<port>`: another site than the mock's 127.0.0.1, as the app and pinterest.com are. */
  origin: string;
  browser: Awaited<ReturnType<typeof launchChromium>>;
  close(): Promise<void>;
}

/**
 * Starts the app on a port the OS picked (the redirect URI names it), the mock with that redirect URI
 * registered, and a headless Chromium. Chromium is imported here, so that inject() tests never load it.
 */
export async function startBrowserStack(): Promise<BrowserStack> {
  const { server, port } = await listeningServer();
  const origin = `http://localhost:${port}`;
  const redirectUri = `${origin}/auth/callback`;
  const mock = await startMock(redirectUri);
  const built = await buildTestApp(mock, redirectUri);
  await built.app.ready();
  server.on('request', built.app.routing);
  const browser = await (await import('./chromium.js')).launchChromium();
  return {
    mock,
    built,
    origin,
    browser,
    async close() {
      await browser.close();
      await built.app.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}
