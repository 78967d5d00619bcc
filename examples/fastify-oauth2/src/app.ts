/**
 * Builds the example app: cookies, form bodies, login through `@fastify/oauth2`, two pages. No `listen` here,
 * so tests can `inject()` requests or serve it on a port of their choosing.
 */
import fastifyCookie from '@fastify/cookie';
import fastifyFormbody from '@fastify/formbody';
import {
  createPinterestAuth,
  PinterestApiError,
  type PinterestAuth,
  type PinterestAuthConfig,
} from '@kit/auth-core';
import Fastify, { type FastifyInstance, type FastifyRequest } from 'fastify';
import { escapeHtml, page } from './html.js';
import login, { isSecure } from './login.js';
import pages from './pages.js';

export interface BuildAppOptions {
  /** auth-core's config; `@fastify/oauth2` is configured from the same one through the preset. */
  authConfig: PinterestAuthConfig;
  /** Log level (default `info`); `silent` turns logging off. */
  logLevel?: string;
  /** Where log lines go (default stdout). */
  logStream?: { write(line: string): void };
}

export interface BuiltApp {
  app: FastifyInstance;
  auth: PinterestAuth;
}

/** Request lines show the path only: the callback's query holds the authorization code and the state. */
function requestForLog(request: FastifyRequest) {
  return { method: request.method, path: request.url.split('?')[0] };
}

export async function buildApp({
  authConfig,
  logLevel = 'info',
  logStream,
}: BuildAppOptions): Promise<BuiltApp> {
  const auth = createPinterestAuth(authConfig);
  const app = Fastify({
    logger: {
      level: logLevel,
      serializers: { req: requestForLog },
      ...(logStream ? { stream: logStream } : {}),
    },
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody);
  await app.register(login, { auth, authConfig });
  await app.register(pages, { auth, secure: isSecure(authConfig.redirectUri) });

  app.setErrorHandler((error, request, reply) => {
    // Pinterest's own failures (its {code, message} body is in the error) versus anything else.
    const fromPinterest = error instanceof PinterestApiError;
    const status = fromPinterest ? 502 : ((error as { statusCode?: number }).statusCode ?? 500);
    request.log.error({ code: (error as { code?: string }).code, status }, 'request failed');
    const message = fromPinterest
      ? 'Pinterest did not answer as expected. Try again in a moment.'
      : status < 500
        ? 'That request was not understood.'
        : 'Something went wrong on our side.';
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .send(
        page('Error', `<h1>Sorry</h1><p role="alert">${escapeHtml(message)}</p><p><a href="/">Home</a></p>`),
      );
  });
  return { app, auth };
}
