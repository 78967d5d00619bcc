/**
 * The app's pages. Every Pinterest call goes through `auth.client(accountKey)` of `@kit/auth-core`, which
 * refreshes the access token when it is about to expire; the page code never sees a token.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { signedIn } from '../plugins/session.js';
import { type LoginProblem, problemForLogin } from '../problems.js';
import { html } from '../views/html.js';
import { boardPinsPage, boardsPage, homePage, profilePage } from '../views/pages.js';
import analytics from './analytics.js';
import publish from './publish.js';

/** Boards and Pins per page (Pinterest's default; max 250). */
export const PAGE_SIZE = 25;

const bookmarkQuery = {
  type: 'object',
  properties: { bookmark: { type: 'string', minLength: 1, maxLength: 2048 } },
  additionalProperties: false,
} as const;

/** Sessions required: anonymous visitors get a page with a login button that comes back here. */
async function requireSession(request: FastifyRequest, reply: FastifyReply) {
  if (!signedIn(request)) {
    return reply.problem({
      status: 401,
      title: 'Log in to see this page',
      message: 'This page shows your Pinterest data, so you need to log in first.',
      action: {
        href: `/auth/login?returnTo=${encodeURIComponent(request.url)}`,
        label: 'Log in with Pinterest',
      },
    });
  }
}

const pagesPlugin: FastifyPluginAsync<{ auth: PinterestAuth }> = async (app, { auth }) => {
  const clientFor = (request: FastifyRequest) => auth.client(signedIn(request)?.accountKey as string);

  app.get('/', async (_request, reply) => reply.page(homePage));

  app.get(
    '/auth/problem',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { reason: { type: 'string', enum: ['denied', 'expired', 'failed'] } },
        },
      },
    },
    async (request, reply) => {
      const { reason } = request.query as { reason?: LoginProblem };
      return reply.header('referrer-policy', 'no-referrer').problem(problemForLogin(reason));
    },
  );

  app.register(async (scope) => {
    // onRequest: before anything else of the route runs (body parsing, CSRF check), anonymous visitors stop here.
    scope.addHook('onRequest', requireSession);
    await scope.register(publish, { auth });
    await scope.register(analytics, { auth });

    scope.get('/profile', async (request, reply) => {
      const account = await clientFor(request).get('/user_account');
      const missing = request.session.missingScopes;
      let notice: ReturnType<typeof html> | undefined;
      if (missing?.length) {
        const grant = `/auth/login?${new URLSearchParams({ returnTo: '/profile', grant: missing.join(',') })}`;
        notice = html`You did not grant ${missing.join(', ')}; some pages may not work.
          <a href="${grant}">Grant ${missing.join(', ')}</a>.`;
        request.session.missingScopes = undefined; // shown once (@fastify/session saves the change)
      }
      return reply.page((ctx) => profilePage(ctx, account, notice));
    });

    scope.get('/boards', { schema: { querystring: bookmarkQuery } }, async (request, reply) => {
      const { bookmark } = request.query as { bookmark?: string };
      const page = await clientFor(request).get('/boards', {
        query: { page_size: PAGE_SIZE, ...(bookmark ? { bookmark } : {}) },
      });
      return reply.page((ctx) => boardsPage(ctx, page, !bookmark));
    });

    scope.get(
      '/boards/:boardId',
      {
        schema: {
          params: {
            type: 'object',
            properties: { boardId: { type: 'string', pattern: '^[0-9]{1,32}$' } },
            required: ['boardId'],
          },
          querystring: bookmarkQuery,
        },
      },
      async (request, reply) => {
        const { boardId } = request.params as { boardId: string };
        const { bookmark } = request.query as { bookmark?: string };
        const client = clientFor(request);
        const [board, page] = await Promise.all([
          client.get('/boards/{board_id}', { path: { board_id: boardId } }),
          client.get('/boards/{board_id}/pins', {
            path: { board_id: boardId },
            query: { page_size: PAGE_SIZE, ...(bookmark ? { bookmark } : {}) },
          }),
        ]);
        return reply.page((ctx) => boardPinsPage(ctx, board, page, !bookmark));
      },
    );
  });
};

export default pagesPlugin;
