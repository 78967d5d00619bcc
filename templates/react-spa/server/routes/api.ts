/**
 * `/api`: what the SPA reads — the session, the profile, boards and their Pins — as small views (views.ts),
 * plus the route plugins registered inside it (the proxy, publishing, analytics), which inherit its guard.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import { type PageView, toBoardView, toPinView, toProfileView } from '../views.js';
import analyticsRoutes from './analytics.js';
import proxyRoutes from './proxy.js';
import publishRoutes from './publish.js';
import { boardIdParams, listQuery } from './schemas.js';

/** Options of the API routes. */
export interface ApiRoutesOptions {
  auth: PinterestAuth;
  /** Shown by `/api/session` (mock, sandbox or production). */
  environment: string;
  /** Page size of the board and Pin lists. */
  pageSize: number;
  /** Clock (today's date for analytics). */
  now: () => number;
}

const apiRoutes: FastifyPluginAsync<ApiRoutesOptions> = async (app, { auth, environment, pageSize, now }) => {
  // Encapsulated in this plugin, so it runs for every route the router matched under /api, however the URL
  // spelled it (`/%61pi/session` is routed to /api/session too): never a check on the URL string (H2).
  app.addHook('onRequest', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    if (request.isForeignOrigin())
      return reply.code(403).send({ error: 'forbidden_origin', message: 'Cross-site request refused.' });
  });

  app.get('/session', async (request) => {
    const session = await request.readSession();
    return session
      ? { authenticated: true, csrfToken: session.csrfToken, environment }
      : { authenticated: false, environment };
  });

  /** The Pinterest client of the request's session (routes using it have the `requireSession` guard). */
  const client = (key: string | undefined) => auth.client(key as string);

  app.get('/me', { preHandler: app.requireSession }, async (request) =>
    toProfileView(await client(request.session?.accountKey).get('/user_account')),
  );

  app.get(
    '/boards',
    { preHandler: app.requireSession, schema: { querystring: listQuery } },
    async (request) => {
      const { bookmark } = request.query as { bookmark?: string };
      const page = await client(request.session?.accountKey).get('/boards', {
        query: { page_size: pageSize, ...(bookmark ? { bookmark } : {}) },
      });
      return {
        items: page.items.map(toBoardView),
        bookmark: page.bookmark ?? null,
      } satisfies PageView<unknown>;
    },
  );

  app.get(
    '/boards/:boardId/pins',
    { preHandler: app.requireSession, schema: { querystring: listQuery, params: boardIdParams } },
    async (request) => {
      const { boardId } = request.params as { boardId: string };
      const { bookmark } = request.query as { bookmark?: string };
      const page = await client(request.session?.accountKey).get('/boards/{board_id}/pins', {
        path: { board_id: boardId },
        query: { page_size: pageSize, ...(bookmark ? { bookmark } : {}) },
      });
      return {
        items: (page.items ?? []).map(toPinView),
        bookmark: page.bookmark ?? null,
      } satisfies PageView<unknown>;
    },
  );

  await app.register(proxyRoutes, { auth });
  await app.register(publishRoutes, { auth });
  await app.register(analyticsRoutes, { auth, now });
};

export default apiRoutes;
