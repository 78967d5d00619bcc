/** The two pages: home (log in, or why the last login did not finish) and "me" (name, boards, tokens). */
import {
  fingerprint,
  type PinterestAuth,
  type PinterestSchemas,
  ReauthorizationRequiredError,
} from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import { escapeHtml, page } from './html.js';
import { type LoginProblem, SESSION_COOKIE, sessionCookieOptions } from './login.js';

export interface PagesOptions {
  auth: PinterestAuth;
  /** Whether the app is served over https (the session cookie is `Secure` then). */
  secure: boolean;
}

const PROBLEMS: Record<LoginProblem, string> = {
  denied: 'You did not allow access on Pinterest, so you are not logged in.',
  expired: 'That login had expired or was started in another tab. Log in again.',
  failed: 'Pinterest did not accept the login. Try again in a moment.',
};

const utc = (epochMs: number) => new Date(epochMs).toISOString().replace('T', ' ').slice(0, 16);

const pages: FastifyPluginAsync<PagesOptions> = async (app, { auth, secure }) => {
  app.get(
    '/',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: { problem: { type: 'string', enum: Object.keys(PROBLEMS) } },
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { problem } = request.query as { problem?: LoginProblem };
      const notice = problem ? `<p role="alert">${escapeHtml(PROBLEMS[problem])}</p>` : '';
      return reply
        .type('text/html; charset=utf-8')
        .send(
          page(
            'Home',
            `<h1>@fastify/oauth2 with Pinterest</h1>${notice}<p><a href="/auth/login">Log in with Pinterest</a></p>`,
          ),
        );
    },
  );

  app.get('/me', async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId || !(await auth.getTokens(sessionId))) return reply.redirect('/', 303);
    const client = auth.client(sessionId);
    let account: PinterestSchemas['Account'];
    let boards: PinterestSchemas['Board'][];
    try {
      // Both calls ask auth-core for a fresh token: an expiring one is refreshed once, for both.
      const [me, firstPage] = await Promise.all([
        client.get('/user_account'),
        client.get('/boards', { query: { page_size: 25 } }),
      ]);
      account = me;
      boards = firstPage.items;
    } catch (error) {
      if (!(error instanceof ReauthorizationRequiredError)) throw error;
      // The refresh token died (60 days unused, password change, app removed): log in again.
      reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(secure));
      return reply.redirect('/?problem=expired', 303);
    }
    const tokens = await auth.getTokens(sessionId);
    const name = account.username ?? 'you';
    const list = boards.map((board) => `<li>${escapeHtml(board.name)}</li>`).join('');
    const tokenFacts = tokens
      ? `<dl id="tokens">
<dt>Access token</dt><dd><code>${fingerprint(tokens.accessToken)}</code> (fingerprint), expires ${utc(tokens.accessTokenExpiresAt)} UTC</dd>
<dt>Refresh token</dt><dd>${tokens.refreshTokenExpiresAt ? `expires ${utc(tokens.refreshTokenExpiresAt)} UTC` : 'none'}</dd>
<dt>Scopes</dt><dd>${escapeHtml(tokens.scopes.join(', '))}</dd>
</dl>`
      : '';
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        page(
          name,
          `<h1>${escapeHtml(name)}</h1>
${account.business_name ? `<p>${escapeHtml(account.business_name)}</p>` : ''}
<h2>Your boards</h2>
${list ? `<ul id="boards">${list}</ul>` : '<p>No boards yet.</p>'}
<h2>Tokens</h2>
${tokenFacts}
<form method="post" action="/auth/refresh"><button type="submit">Refresh tokens now</button></form>
<form method="post" action="/auth/logout"><button type="submit">Log out</button></form>`,
        ),
      );
  });
};

export default pages;
