/**
 * The app's pages. Every Pinterest call goes through `auth.client(accountKey)` of `@kit/auth-core`, which
 * refreshes the access token when it is about to expire; the page code never sees a token.
 */
import type { PinterestAuth } from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { LoginProblem } from '../plugins/pinterest-login.js';
import { problemForLogin } from '../problems.js';
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
  if (!request.session) {
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
  const clientFor = (request: FastifyRequest) => auth.client(request.session?.accountKey as string);

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

  app.register(async (signedIn) => {
    signedIn.addHook('preHandler', requireSession);
    await signedIn.register(publish, { auth });
    await signedIn.register(analytics, { auth });

    signedIn.get('/profile', async (request, reply) => {
      const account = await clientFor(request).get('/user_account');
      const session = request.session;
      let notice: ReturnType<typeof html> | undefined;
      if (session?.missingScopes?.length) {
        const scopes = session.missingScopes.join(', ');
        const grant = `/auth/login?${new URLSearchParams({ returnTo: '/profile', grant: session.missingScopes.join(',') })}`;
        notice = html`You did not grant ${scopes}; some pages may not work.
          <a href="${grant}">Grant ${scopes}</a>.`;
        delete session.missingScopes; // shown once
        await reply.saveSession();
      }
      return reply.page((ctx) => profilePage(ctx, account, notice));
    });

    signedIn.get('/boards', { schema: { querystring: bookmarkQuery } }, async (request, reply) => {
      const { bookmark } = request.query as { bookmark?: string };
      const page = await clientFor(request).get('/boards', {
        query: { page_size: PAGE_SIZE, ...(bookmark ? { bookmark } : {}) },
      });
      return reply.page((ctx) => boardsPage(ctx, page, !bookmark));
    });

    signedIn.get(
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
