/**
 * Builds the Fastify app: cookies, sessions, pages, login with Pinterest. No `listen` here, so tests can
 * `inject()` requests or listen on port 0.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import { createPinterestAuth, type PinterestAuth, type PinterestAuthConfig } from '@kit/auth-core';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import type { AppSettings } from './config.js';
import { type LogStream, loggerOptions } from './logging.js';
import pinterestLogin from './plugins/pinterest-login.js';
import render from './plugins/render.js';
import session from './plugins/session.js';
import { problemForError } from './problems.js';
import assets from './routes/assets.js';
import pages from './routes/pages.js';
import { type AppStores, createStores } from './stores.js';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Where a failed form POST sends the user back to (its form), instead of the POST URL. */
    returnTo?: string | ((request: FastifyRequest) => string);
  }
}

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  settings: AppSettings;
  /** Where log lines go (default stdout). */
  logStream?: LogStream;
  /** Token/transaction stores (default: from `settings`). */
  stores?: AppStores;
  /** Extra auth-core settings, e.g. a clock for tests. */
  authOverrides?: Partial<PinterestAuthConfig>;
}

/** The app and what it was built with. */
export interface BuiltApp {
  app: FastifyInstance;
  auth: PinterestAuth;
  stores: AppStores;
}

export async function buildApp(options: BuildAppOptions): Promise<BuiltApp> {
  const { settings } = options;
  const stores = options.stores ?? (await createStores(settings));
  const auth = createPinterestAuth({
    ...settings.auth,
    store: stores.store,
    ...(stores.transactionStore ? { transactionStore: stores.transactionStore } : {}),
    ...(stores.lock ? { lock: stores.lock } : {}),
    ...options.authOverrides,
  });

  const app = Fastify({
    logger: loggerOptions(settings.logLevel, options.logStream),
    // Errors are pages here; keep Fastify's JSON error bodies (which may echo input) out of the way.
    return503OnClosing: true,
  });

  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(session, {
    ...(stores.sessionStore ? { store: stores.sessionStore } : {}),
    ttlSeconds: settings.sessionTtlSeconds,
    secure: settings.secureCookies,
  });
  await app.register(render, { environment: settings.environment });

  // Set before the route plugins are registered: they inherit the handlers in force when they load.
  app.setErrorHandler(async (error, request, reply) => {
    // A failed form POST sends the user back to its form (route config `returnTo`), not to the POST URL.
    const back = request.routeOptions.config.returnTo ?? '/profile';
    const returnTo =
      request.method === 'GET' ? request.url : typeof back === 'function' ? back(request) : back;
    const { problem, endSession } = problemForError(error, returnTo, request.method !== 'GET');
    // auth-core errors carry no token, code, state or secret (C10), so they can be logged whole.
    request.log[problem.status >= 500 ? 'error' : 'warn']({ err: error }, 'request failed');
    if (endSession) await reply.endSession();
    return reply.problem(problem);
  });

  // A custom 404 handler also keeps Fastify's "Route GET:<url> not found" log line (full URL) away.
  app.setNotFoundHandler(async (_request, reply) =>
    reply.problem({
      status: 404,
      title: 'Page not found',
      message: 'There is nothing at this address.',
      action: { href: '/', label: 'Home' },
    }),
  );

  await app.register(assets);

  await app.register(pinterestLogin, {
    auth,
    redirectUri: settings.auth.redirectUri,
    scopes: settings.auth.scopes,
    secureCookies: settings.secureCookies,
  });
  await app.register(pages, { auth });

  app.addHook('onClose', async () => stores.close());

  return { app, auth, stores };
}
