/**
 * The backend-for-frontend: the only part that talks to Pinterest. It holds the app secret and every token
 * (through `@kit/auth-core`); the browser gets an HttpOnly session cookie and small JSON views.
 *
 * `buildServer()` is what tests and both entry points (server/server.ts, server/dev.ts) use.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import { CallbackError, isSafeReturnTo, type PinterestAuth } from '@kit/auth-core';
import Fastify, {
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { resolveAllowedCall } from './allow-list.js';
import { type CookiePolicy, cookiePolicy } from './cookies.js';
import { mapPinterestError } from './errors.js';
import { MemorySessionStore, randomId, type Session, type SessionStore, safeEqual } from './session.js';
import { type PageView, toBoardView, toPinView, toProfileView } from './views.js';

/** Options of {@link buildServer}. */
export interface BuildServerOptions {
  /** The Pinterest auth object (from `createPinterestAuth`): all OAuth and token handling goes through it. */
  auth: PinterestAuth;
  /** The configured redirect URI. The callback URL is rebuilt from it, never from `Host` (C5). */
  redirectUri: string;
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
const CSRF_HEADER = 'x-csrf-token';
const API_PREFIX = '/api';
const PROXY_PREFIX = `${API_PREFIX}/pinterest`;

/** Everything the route plugins share. */
interface Context {
  auth: PinterestAuth;
  redirectUri: URL;
  allowedOrigins: Set<string>;
  cookies: CookiePolicy;
  sessions: SessionStore;
  sessionTtlMs: number;
  environment: string;
  pageSize: number;
  now: () => number;
}

/** Request path without the query string: what gets logged. */
function pathOnly(url: string | undefined): string {
  const raw = url ?? '';
  const i = raw.indexOf('?');
  return i === -1 ? raw : raw.slice(0, i);
}

function loggerOption(logger: BuildServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  const base = logger === true ? {} : logger;
  return {
    ...base,
    serializers: {
      // Fastify logs req.url by default, which for /auth/callback holds the code and state (W5).
      req: (req: { method?: string; url?: string; ip?: string }) => ({
        method: req.method,
        url: pathOnly(req.url),
      }),
    },
  };
}

/**
 * Builds the BFF (not listening yet: call `listen()`, or `inject()` in tests).
 * @example
 * const app = await buildServer({ auth, redirectUri: 'http://localhost:5173/auth/callback' });
 * await app.listen({ port: 3001, host: '127.0.0.1' });
 */
export async function buildServer(options: BuildServerOptions): Promise<FastifyInstance> {
  const redirectUri = new URL(options.redirectUri);
  const secure = options.secureCookies ?? !LOOPBACK_HOSTS.has(redirectUri.hostname);
  const ownedSessions =
    options.sessions === undefined ? new MemorySessionStore({ now: options.now }) : undefined;
  const ctx: Context = {
    auth: options.auth,
    redirectUri,
    allowedOrigins: new Set(options.allowedOrigins ?? [redirectUri.origin]),
    cookies: cookiePolicy(secure),
    sessions: options.sessions ?? (ownedSessions as SessionStore),
    sessionTtlMs: Math.min(options.sessionTtlMs ?? 14 * DAY_MS, 60 * DAY_MS),
    environment: options.environment ?? 'production',
    pageSize: options.pageSize ?? 25,
    now: options.now ?? Date.now,
  };

  const app = Fastify({ logger: loggerOption(options.logger), trustProxy: false, bodyLimit: 16 * 1024 });
  if (ownedSessions) app.addHook('onClose', async () => ownedSessions.close());
  await app.register(fastifyCookie);

  app.addHook('onSend', async (_request, reply, payload) => {
    reply.header('x-content-type-options', 'nosniff');
    reply.header('x-frame-options', 'DENY');
    if (!reply.hasHeader('referrer-policy')) reply.header('referrer-policy', 'same-origin');
    return payload;
  });

  // Validation errors say what was wrong; anything unexpected is logged and answered without details.
  app.setErrorHandler(
    (error: { validation?: unknown; message?: string; statusCode?: number }, request, reply) => {
      if (error.validation) {
        return sendError(reply, 400, 'invalid_request', error.message ?? 'Invalid request.');
      }
      if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
        return sendError(reply, error.statusCode, 'invalid_request', error.message ?? 'Invalid request.');
      }
      const code = (error as { code?: unknown }).code;
      if (code === 'REDIS_UNAVAILABLE' || code === 'REDIS_TIMEOUT') {
        // Sessions and tokens live in Redis (REDIS_URL): fail fast and say so, never fall back to memory.
        request.log.error({ err: error }, 'storage unavailable');
        return sendError(
          reply,
          503,
          'storage_unavailable',
          'The app cannot reach its session storage just now. Try again in a moment.',
        );
      }
      request.log.error({ err: error }, 'unexpected error');
      return sendError(reply, 500, 'internal', 'Something went wrong on our side.');
    },
  );

  await app.register(authRoutes, { ctx });
  await app.register(apiRoutes, { prefix: API_PREFIX, ctx });
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

// ---------------------------------------------------------------------------------------------------------
// Sessions and CSRF

async function readSession(ctx: Context, request: FastifyRequest): Promise<Session | undefined> {
  const id = request.cookies[ctx.cookies.sessionName];
  if (!id) return undefined;
  return ctx.sessions.get(id);
}

async function endSession(ctx: Context, reply: FastifyReply, session: Session | undefined): Promise<void> {
  if (session) await ctx.sessions.delete(session.id);
  reply.clearCookie(ctx.cookies.sessionName, ctx.cookies.clear('session'));
}

/**
 * Refuses calls from other origins (B3): a browser sends `Origin` on every cross-origin request and on
 * same-origin POSTs, and `Sec-Fetch-Site` on all of them. No CORS headers are ever sent, so other origins can
 * neither read answers nor pass a preflight for the custom CSRF header.
 */
function foreignOrigin(ctx: Context, request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin !== undefined && !ctx.allowedOrigins.has(origin)) return true;
  const site = request.headers['sec-fetch-site'];
  return site === 'cross-site' || site === 'same-site';
}

function csrfValid(request: FastifyRequest, session: Session): boolean {
  const header = request.headers[CSRF_HEADER];
  return typeof header === 'string' && safeEqual(header, session.csrfToken);
}

function sendError(reply: FastifyReply, status: number, error: string, message: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').send({ error, message });
}

// ---------------------------------------------------------------------------------------------------------
// /auth: login, callback, logout

async function authRoutes(app: FastifyInstance, { ctx }: { ctx: Context }): Promise<void> {
  app.get(
    '/auth/login',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { returnTo: { type: 'string', maxLength: 512 } },
        },
      },
    },
    async (request, reply) => {
      const { returnTo } = request.query as { returnTo?: string };
      // Only same-site paths (auth-core's own rule, C6); anything else simply goes home after the login.
      const safeReturnTo = isSafeReturnTo(returnTo) ? returnTo : undefined;
      const { url, state } = await ctx.auth.createAuthorizationURL(
        safeReturnTo ? { returnTo: safeReturnTo } : {},
      );
      reply.setCookie(ctx.cookies.stateName, state, ctx.cookies.state());
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  );

  app.get('/auth/callback', async (request, reply) => {
    const stateFromCookie = request.cookies[ctx.cookies.stateName];
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');

    if (!stateFromCookie) return reply.redirect('/?login_error=expired', 303);
    // Rebuilt from the configured redirect URI: only the query comes from the request (C5).
    const callbackUrl = new URL(ctx.redirectUri);
    const raw = request.raw.url ?? '';
    callbackUrl.search = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';

    let result: Awaited<ReturnType<PinterestAuth['handleCallback']>>;
    try {
      result = await ctx.auth.handleCallback(callbackUrl, { state: stateFromCookie });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // A callback that is not this browser's login (no, a repeated or another state: an older tab's, a
      // forged or a stray one) did not touch it (`loginKept`): keep the cookie so that it can finish (H3).
      if (!(error instanceof CallbackError && error.loginKept))
        reply.clearCookie(ctx.cookies.stateName, ctx.cookies.clear('state'));
      request.log.warn({ code }, 'login callback refused');
      return reply.redirect(`/?login_error=${loginErrorReason(code)}`, 303);
    }
    // Single use: this login is done, the browser forgets its state.
    reply.clearCookie(ctx.cookies.stateName, ctx.cookies.clear('state'));

    // A fresh session id at login: a session id planted before login is worth nothing (fixation).
    await endSession(ctx, reply, await readSession(ctx, request));
    const now = ctx.now();
    const refreshExpiresAt = result.record.refreshTokenExpiresAt;
    const expiresAt = Math.min(now + ctx.sessionTtlMs, refreshExpiresAt ?? Number.POSITIVE_INFINITY);
    const session: Session = { id: randomId(), accountKey: result.key, csrfToken: randomId(), expiresAt };
    await ctx.sessions.set(session, Math.max(1, expiresAt - now));
    reply.setCookie(
      ctx.cookies.sessionName,
      session.id,
      ctx.cookies.session(Math.max(1, Math.floor((expiresAt - now) / 1000))),
    );
    return reply.redirect(result.returnTo || '/', 303);
  });

  app.get('/auth/logout', async (_request, reply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({ error: 'method_not_allowed', message: 'Log out with POST and the x-csrf-token header.' }),
  );

  app.post('/auth/logout', async (request, reply) => {
    if (foreignOrigin(ctx, request))
      return sendError(reply, 403, 'forbidden_origin', 'Cross-site request refused.');
    const session = await readSession(ctx, request);
    if (!session) {
      reply.clearCookie(ctx.cookies.sessionName, ctx.cookies.clear('session'));
      return reply.code(204).send();
    }
    if (!csrfValid(request, session))
      return sendError(reply, 403, 'csrf', 'Missing or wrong x-csrf-token header.');
    await endSession(ctx, reply, session);
    // Local tokens go first inside auth.logout; a failed revoke never keeps the user logged in (C15).
    await ctx.auth.logout(session.accountKey);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
}

/** Reasons the SPA turns into a friendly message (see src/messages.ts). */
function loginErrorReason(code: unknown): string {
  switch (code) {
    case 'ACCESS_DENIED':
      return 'denied';
    case 'UNKNOWN_STATE':
    case 'TRANSACTION_EXPIRED':
    case 'STATE_MISMATCH':
      return 'expired';
    case 'INVALID_CALLBACK':
      return 'invalid';
    default:
      return 'failed';
  }
}

// ---------------------------------------------------------------------------------------------------------
// /api: session info, profile, boards, Pins, and the allow-listed proxy

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser's session (set by the /api guard for every route but /api/session). */
    session?: Session;
  }
}

async function apiRoutes(app: FastifyInstance, { ctx }: { ctx: Context }): Promise<void> {
  // Encapsulated in this plugin, so it runs for every route the router matched under /api, however the URL
  // spelled it (`/%61pi/session` is routed to /api/session too): never a check on the URL string (H2).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (foreignOrigin(ctx, request))
      return sendError(reply, 403, 'forbidden_origin', 'Cross-site request refused.');
  });

  app.get('/session', async (request) => {
    const session = await readSession(ctx, request);
    return session
      ? { authenticated: true, csrfToken: session.csrfToken, environment: ctx.environment }
      : { authenticated: false, environment: ctx.environment };
  });

  /** Every other /api route: a live session and the CSRF header (B3), checked before Pinterest is called. */
  const guard = async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await readSession(ctx, request);
    if (!session) {
      return reply.code(401).send({ error: 'unauthenticated', message: 'Log in with Pinterest first.' });
    }
    if (!csrfValid(request, session))
      return sendError(reply, 403, 'csrf', 'Missing or wrong x-csrf-token header.');
    request.session = session;
  };

  /** Runs a Pinterest call for the session's account and maps failures (B5: dead refresh → session gone). */
  async function withPinterest<T>(
    request: FastifyRequest,
    reply: FastifyReply,
    call: (key: string) => Promise<T>,
  ) {
    const session = request.session as Session;
    try {
      return await call(session.accountKey);
    } catch (error) {
      const mapped = mapPinterestError(error);
      const e = error as { code?: string; kind?: string; requestId?: string; reason?: string };
      request.log.warn(
        { code: e.code, kind: e.kind, reason: e.reason, requestId: e.requestId },
        'Pinterest call failed',
      );
      if (mapped.endSession) await endSession(ctx, reply, session);
      return reply.code(mapped.status).send(mapped.body);
    }
  }

  const listQuery = {
    type: 'object',
    properties: { bookmark: { type: 'string', minLength: 1, maxLength: 1024 } },
  } as const;

  app.get('/me', { preHandler: guard }, async (request, reply) =>
    withPinterest(request, reply, async (key) =>
      toProfileView(await ctx.auth.client(key).get('/user_account')),
    ),
  );

  app.get('/boards', { preHandler: guard, schema: { querystring: listQuery } }, async (request, reply) => {
    const { bookmark } = request.query as { bookmark?: string };
    return withPinterest(request, reply, async (key) => {
      const page = await ctx.auth
        .client(key)
        .get('/boards', { query: { page_size: ctx.pageSize, ...(bookmark ? { bookmark } : {}) } });
      return {
        items: page.items.map(toBoardView),
        bookmark: page.bookmark ?? null,
      } satisfies PageView<unknown>;
    });
  });

  app.get(
    '/boards/:boardId/pins',
    {
      preHandler: guard,
      schema: {
        querystring: listQuery,
        params: {
          type: 'object',
          properties: { boardId: { type: 'string', pattern: '^[0-9]{1,32}$' } },
          required: ['boardId'],
        },
      },
    },
    async (request, reply) => {
      const { boardId } = request.params as { boardId: string };
      const { bookmark } = request.query as { bookmark?: string };
      return withPinterest(request, reply, async (key) => {
        const page = await ctx.auth.client(key).get('/boards/{board_id}/pins', {
          path: { board_id: boardId },
          query: { page_size: ctx.pageSize, ...(bookmark ? { bookmark } : {}) },
        });
        return {
          items: (page.items ?? []).map(toPinView),
          bookmark: page.bookmark ?? null,
        } satisfies PageView<unknown>;
      });
    },
  );

  // The generic proxy: any method reaches the handler so that refusals are explicit, but only allow-listed
  // operations (server/allow-list.ts) are forwarded, and only to the configured v5 base (B4).
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: `${PROXY_PREFIX.slice(API_PREFIX.length)}/*`,
    preHandler: guard,
    handler: async (request, reply) => {
      const raw = request.raw.url ?? '';
      const q = raw.indexOf('?');
      const rawPrefixed = q === -1 ? raw : raw.slice(0, q);
      // The allow-list judges the path exactly as sent, so the prefix must be spelled plainly too.
      if (!rawPrefixed.startsWith(`${PROXY_PREFIX}/`)) {
        return reply.code(404).send({
          error: 'path_not_allowed',
          message: `Call the proxy as ${PROXY_PREFIX}/…, without percent-encoding in that prefix.`,
        });
      }
      const rawPath = rawPrefixed.slice(PROXY_PREFIX.length);
      const decision = resolveAllowedCall(request.method, rawPath, q === -1 ? '' : raw.slice(q + 1));
      if (!decision.ok) {
        const status =
          decision.code === 'method_not_allowed' ? 405 : decision.code === 'path_not_allowed' ? 404 : 400;
        return reply.code(status).send({ error: decision.code, message: decision.message });
      }
      return withPinterest(request, reply, (key) =>
        // The operation is chosen at run time from the allow-list, so its options are checked there, not here.
        ctx.auth
          .client(key)
          .get(decision.operation, { path: decision.params, query: decision.query } as never),
      );
    },
  });
}

// ---------------------------------------------------------------------------------------------------------
// Production: the built SPA

const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  // Pinterest images come from its CDN (https); the local mock serves its own over http on loopback.
  "img-src 'self' data: https: http://127.0.0.1:* http://localhost:*",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

async function spaSite(app: FastifyInstance, { staticDir }: { staticDir: string }): Promise<void> {
  if (!existsSync(join(staticDir, 'index.html'))) {
    throw new Error(`${staticDir} has no index.html: run \`npm run build\` first.`);
  }
  await app.register(fastifyStatic, {
    root: staticDir,
    index: false,
    wildcard: true,
    setHeaders(res, path) {
      res.setHeader(
        'cache-control',
        path.includes(`${join('assets', '')}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  const sendIndex = (reply: FastifyReply) =>
    reply
      .header('content-security-policy', CONTENT_SECURITY_POLICY)
      .header('cache-control', 'no-cache')
      .sendFile('index.html');
  app.get('/', (_request, reply) => sendIndex(reply));
  // Client-side routes (/boards/123) get index.html too; unknown /api and /auth paths and files stay 404s.
  app.setNotFoundHandler((request, reply) => {
    const path = pathOnly(request.url);
    if (
      request.method !== 'GET' ||
      path.startsWith('/api/') ||
      path.startsWith('/auth/') ||
      /\.[a-z0-9]+$/i.test(path)
    ) {
      return reply.code(404).send({ error: 'not_found', message: `No route ${request.method} ${path}.` });
    }
    return sendIndex(reply);
  });
}
