/**
 * The whole thing for tests: the Pinterest mock, `@kit/auth-core` configured from environment-style settings
 * against it, and the BFF listening on a free port of 127.0.0.1. The browser-facing origin is
 * http://localhost:<port> (a different site from the mock on 127.0.0.1, as pinterest.com is in real life).
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { createPinterestAuth, type PinterestAuth } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock, startPinterestMock } from '@kit/pinterest-mock';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../server/app.js';
import { loadSettings } from '../../server/config.js';
import { CookieClient, type HttpResponse, rawRequest } from './http.js';

export interface StackOptions {
  /** Serve a built SPA (production mode). */
  staticDir?: string;
  /** Mock consent: approve at once as this user (default 'alice'), or `false` to show Allow/Deny. */
  autoApprove?: string | false;
  /** Redirect URI (default http://localhost:<port>/auth/callback). */
  redirectUri?: (port: number) => string;
  sessionTtlMs?: number;
}

export interface Stack {
  mock: PinterestMock;
  app: FastifyInstance;
  auth: PinterestAuth;
  /** http://127.0.0.1:<port>, for Node clients. */
  base: string;
  /** http://localhost:<port>, what a browser uses (the redirect URI's origin). */
  publicBase: string;
  redirectUri: string;
  port: number;
  /** Everything the BFF logged, one JSON line each. */
  logs: string[];
  /** Moves auth-core's clock (token expiry) forward. */
  advanceAuthClock(ms: number): void;
  /** Moves the session store's clock forward. */
  advanceSessionClock(ms: number): void;
  /** Requests the mock served (control-plane requests are not logged), for upstream hit counts. */
  upstreamHits(): number;
  client(): CookieClient;
  close(): Promise<void>;
}

/** A port nobody listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * An HTTP server already listening on 127.0.0.1 at a port the OS picked, to hand requests to an app built
 * afterwards (its redirect URI must name the port). Binding first means no other process can take the port
 * between choosing it and listening on it.
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

export async function startStack(options: StackOptions = {}): Promise<Stack> {
  const mock = await startPinterestMock({ autoApprove: options.autoApprove ?? 'alice' });
  const { server, port } = await listeningServer();
  const redirectUri = options.redirectUri?.(port) ?? `http://localhost:${port}/auth/callback`;
  mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);

  const settings = loadSettings(
    {
      PINTEREST_APP_ID: DEFAULT_APP.appId,
      PINTEREST_APP_SECRET: DEFAULT_APP.appSecret,
      PINTEREST_REDIRECT_URI: redirectUri,
      PINTEREST_OAUTH_URI: mock.oauthUrl,
      PINTEREST_API_URI: mock.apiUrl,
      PORT: String(port),
    },
    { mode: 'production', environment: 'mock' },
  );
  let authOffset = 0;
  let sessionOffset = 0;
  const auth = createPinterestAuth({ ...settings.auth, now: () => Date.now() + authOffset });

  const logs: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });
  const app = await buildServer({
    auth,
    redirectUri: settings.redirectUri,
    secureCookies: settings.secureCookies,
    environment: settings.environment,
    ...(options.sessionTtlMs ? { sessionTtlMs: options.sessionTtlMs } : {}),
    ...(options.staticDir ? { staticDir: options.staticDir } : {}),
    logger: { level: 'info', stream },
    now: () => Date.now() + sessionOffset,
  });
  await app.ready();
  server.on('request', app.routing);
  const base = `http://127.0.0.1:${port}`;
  return {
    mock,
    app,
    auth,
    base,
    publicBase: `http://localhost:${port}`,
    redirectUri,
    port,
    logs,
    advanceAuthClock: (ms) => {
      authOffset += ms;
    },
    advanceSessionClock: (ms) => {
      sessionOffset += ms;
    },
    upstreamHits: () => mock.control.requests().length,
    client: () => new CookieClient(base),
    close: async () => {
      await app.close();
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      await mock.close();
    },
  };
}

/** What a login through the mock's auto-approving consent page left behind. */
export interface LoginTrace {
  consentUrl: URL;
  /** Path + query of the callback the browser was sent to. */
  callbackPath: string;
  code: string;
  state: string;
  loginResponse: HttpResponse;
  callbackResponse: HttpResponse;
}

/** Starts the login on the BFF, lets the mock's consent page answer, and brings the callback back. */
export async function loginThroughMock(
  stack: Stack,
  client: CookieClient,
  loginPath = '/auth/login',
): Promise<LoginTrace> {
  const loginResponse = await client.request(loginPath);
  const location = loginResponse.location();
  if (loginResponse.status !== 302 || !location) throw new Error(`login answered ${loginResponse.status}`);
  const consentUrl = new URL(location);
  const consent = await rawRequest(stack.mock.url, `${consentUrl.pathname}${consentUrl.search}`);
  const back = consent.location();
  if (consent.status !== 302 || !back)
    throw new Error(`consent answered ${consent.status}: ${consent.text.slice(0, 200)}`);
  const callback = new URL(back);
  const callbackPath = `${callback.pathname}${callback.search}`;
  const callbackResponse = await client.request(callbackPath);
  return {
    consentUrl,
    callbackPath,
    code: callback.searchParams.get('code') ?? '',
    state: callback.searchParams.get('state') ?? '',
    loginResponse,
    callbackResponse,
  };
}

/** Logs in and reads the CSRF token, ready for /api calls. */
export async function loggedInClient(
  stack: Stack,
): Promise<{ client: CookieClient; csrf: string; trace: LoginTrace }> {
  const client = stack.client();
  const trace = await loginThroughMock(stack, client);
  const session = (await client.request('/api/session')).json<{
    authenticated: boolean;
    csrfToken: string;
  }>();
  if (!session.authenticated) throw new Error('login did not create a session');
  return { client, csrf: session.csrfToken, trace };
}
