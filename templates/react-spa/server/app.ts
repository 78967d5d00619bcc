/**
 * The backend-for-frontend: the only part that talks to Pinterest. It holds the app secret and every token
 * (through `@kit/auth-core`); the browser gets an HttpOnly session cookie and small JSON views.
 *
 * This file only assembles the plugins (plugins/) and routes (routes/). `buildServer()` is what tests and both
 * entry points (server/server.ts, server/dev.ts) use.
 */
import fastifyCookie from '@fastify/cookie';
import type { PinterestAuth } from '@kit/auth-core';
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import { cookiePolicy } from './cookies.js';
import { loggerOptions, logRequests, pathOnly } from './logging.js';
import browserSession from './plugins/browser-session.js';
import spaSite from './plugins/spa-site.js';
import { problemFor } from './problems.js';
import apiRoutes from './routes/api.js';
import authRoutes from './routes/auth.js';
import { MemorySessionStore, type SessionStore } from './session.js';

/** Options of {@link buildServer}. */
export interface BuildServerOptions {
  /** The Pinterest auth object (from `createPinterestAuth`): all OAuth and token handling goes through it. */
  auth: PinterestAuth;
  /** The configured redirect URI. The callback URL is rebuilt from it, never from `Host` (C5). */
  redirectUri: string;
  /** Scopes of a plain login (default: those of auth-core's config, read only in this template). */
  scopes?: readonly string[];
  /** Origins allowed to call `/api` and `/auth/logout` (default: the redirect URI's origin only). */
  allowedOrigins?: string[];
  /** Secure cookies (default: true unless the redirect URI's host is localhost/127.0.0.1). */
  secureCookies?: boolean;
  /** Upper bound of a session in ms (default 14 days); also capped by the refresh token's lifetime. */
  sessionTtlMs?: number;
  /** Where sessions live (default: in memory; server/stores.ts gives a shared one with `REDIS_URL`). */
  sessions?: SessionStore;
  /** Production: the built SPA (dist/) to serve, with index.html for every other GET. */
  staticDir?: string;
  /** Shown by `/api/session` (mock, sandbox or production). */
  environment?: string;
  /** Page size of the board and Pin lists (default 25, Pinterest's default). */
  pageSize?: number;
  /** Fastify's logger. Request URLs are logged without their query string (no `code`/`state` in logs). */
  logger?: FastifyServerOptions['logger'];
  /** Clock, for tests (default `Date.now`). */
  now?: () => number;
}

const DAY_MS = 24 * 60 * 60 * 1000;
const LOOPBACK_HOSTS = new Set(['localhost', '127.0.0.1', '[::1]']);
/** The login's scopes when neither the options nor auth-core's config say (read only: least privilege). */
const READ_SCOPES = ['user_accounts:read', 'boards:read', 'pins:read'];

/**
 * Builds the BFF (not listening yet: call `listen()`, or `inject()` in tests).
 * @example
 * const app = await buildServer({ auth, redirectUri: 'http://localhost:5173/auth/callback' });
 * await app.listen({ port: 3001, host: '127.0.0.1' });
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const redirectUri = new URL(options.redirectUri);
  const secure = options.secureCookies ?? !LOOPBACK_HOSTS.has(redirectUri.hostname);
  const now = options.now ?? Date.now;
  const ownedSessions = options.sessions === undefined ? new MemorySessionStore({ now }) : undefined;
  const cookies = cookiePolicy(secure);

  // Bodies are small JSON, except a new Pin's image (routes/publish.ts raises its own limit).
  const app = Fastify({
    logger: loggerOptions(options.logger),
    // One line a request (logging.ts) instead of Fastify's two.
    disableRequestLogging: true,
    trustProxy: false,
    bodyLimit: 16 * 1024,
  });
  logRequests(app);
  if (ownedSessions) app.addHook('onClose', async () => ownedSessions.close());

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  // One error handler for every route: src/problems.ts words the answer; a dead login ends the session (B5).
  app.setErrorHandler(async (error, request, reply) => {
    const problem = problemFor(error);
    const e = error as { code?: unknown; kind?: unknown; reason?: unknown; requestId?: unknown };
    if (problem.status >= 500 && problem.body.error === 'internal')
      request.log.error({ err: error }, 'unexpected error');
    else
      request.log.warn(
        { code: e.code, kind: e.kind, reason: e.reason, requestId: e.requestId, status: problem.status },
        'request failed',
      );
    if (problem.endSession) await reply.endSession(request.session);
    return reply.code(problem.status).header('cache-control', 'no-store').send(problem.body);
  });

  await app.register(fastifyCookie);
  await app.register(browserSession, {
    cookies,
    sessions: options.sessions ?? (ownedSessions as SessionStore),
    sessionTtlMs: Math.min(options.sessionTtlMs ?? 14 * DAY_MS, 60 * DAY_MS),
    allowedOrigins: new Set(options.allowedOrigins ?? [redirectUri.origin]),
    now,
  });
  await app.register(authRoutes, {
    auth: options.auth,
    redirectUri,
    scopes: options.scopes ?? READ_SCOPES,
    cookies,
  });
  await app.register(apiRoutes, {
    prefix: '/api',
    auth: options.auth,
    environment: options.environment ?? 'production',
    pageSize: options.pageSize ?? 25,
    now,
  });
  if (options.staticDir !== undefined) await app.register(spaSite, { staticDir: options.staticDir });
  else {
    app.setNotFoundHandler((request, reply) => {
      reply
        .code(404)
        .send({ error: 'not_found', message: `No route ${request.method} ${pathOnly(request.url)}.` });
    });
  }
  return app;
}
