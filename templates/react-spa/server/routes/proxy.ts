/**
 * `/api/pinterest/*`: the generic proxy. Any method reaches the handler so that refusals are explicit, but only
 * allow-listed operations (server/allow-list.ts) are forwarded, and only to the configured v5 base (B4).
 * Registered inside the `/api` plugin, so its origin guard runs first.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import { resolveAllowedCall } from '../allow-list.js';

/** The prefix as the browser spells it. */
export const PROXY_PREFIX = '/api/pinterest';

const proxyRoutes: FastifyPluginAsync<{ auth: PinterestAuth }> = async (app, { auth }) => {
  app.route({
    method: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
    url: '/pinterest/*',
    preHandler: app.requireSession,
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
      // The operation is chosen at run time from the allow-list, so its options are checked there, not here.
      return auth
        .client(request.session?.accountKey as string)
        .get(decision.operation, { path: decision.params, query: decision.query } as never);
    },
  });
};

export default proxyRoutes;
