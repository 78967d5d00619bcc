/**
 * `/auth`: the login with Pinterest (auth-core builds the consent URL and checks the callback), the
 * incremental consent that adds scopes to a login (`/auth/login?grant=pins:write,boards:write`), and logout.
 */
import {
  CallbackError,
  isPinterestScope,
  isSafeReturnTo,
  type PinterestAuth,
  type PinterestScope,
} from '@kit/auth-core';
import type { FastifyPluginAsync } from 'fastify';
import type { CookiePolicy } from '../cookies.js';
import { loginErrorReason } from '../problems.js';

/** Options of the auth routes. */
export interface AuthRoutesOptions {
  auth: PinterestAuth;
  /** The configured redirect URI. The callback URL is rebuilt from it, never from `Host` (C5). */
  redirectUri: URL;
  /** The scopes of a plain login (read only: least privilege). */
  scopes: readonly string[];
  cookies: CookiePolicy;
}

const authRoutes: FastifyPluginAsync<AuthRoutesOptions> = async (app, options) => {
  const { auth, cookies } = options;

  app.get(
    '/auth/login',
    {
      schema: {
        querystring: {
          type: 'object',
          properties: {
            returnTo: { type: 'string', maxLength: 512 },
            grant: { type: 'string', maxLength: 300, pattern: '^[a-z_]+:[a-z_]+(,[a-z_]+:[a-z_]+)*$' },
          },
        },
      },
    },
    async (request, reply) => {
      const { returnTo, grant } = request.query as { returnTo?: string; grant?: string };
      // Only same-site paths (auth-core's own rule, C6); anything else simply goes home after the login.
      const safeReturnTo = isSafeReturnTo(returnTo) ? { returnTo } : {};
      // #region incremental-consent
      // Incremental consent: the scopes of the login plus the ones asked for. The session stays; the callback
      // replaces it with one for the same account whose tokens now carry the new scopes.
      let scopes: PinterestScope[] | undefined;
      if (grant !== undefined) {
        const extra = grant.split(',');
        const unknown = extra.find((scope) => !isPinterestScope(scope));
        if (unknown !== undefined) {
          return reply.code(400).send({
            error: 'invalid_request',
            message: `Pinterest has no permission called "${unknown}": the link is wrong. Go back and try again.`,
          });
        }
        scopes = [...new Set([...options.scopes, ...extra])] as PinterestScope[];
      }
      // #endregion
      const { url, state } = await auth.createAuthorizationURL({
        ...safeReturnTo,
        ...(scopes ? { scopes } : {}),
      });
      reply.setCookie(cookies.stateName, state, cookies.state());
      return reply.header('cache-control', 'no-store').redirect(url, 302);
    },
  );

  app.get('/auth/callback', async (request, reply) => {
    const stateFromCookie = request.cookies[cookies.stateName];
    reply.header('referrer-policy', 'no-referrer').header('cache-control', 'no-store');

    if (!stateFromCookie) return reply.redirect('/?login_error=expired', 303);
    // Rebuilt from the configured redirect URI: only the query comes from the request (C5).
    const callbackUrl = new URL(options.redirectUri);
    const raw = request.raw.url ?? '';
    callbackUrl.search = raw.includes('?') ? raw.slice(raw.indexOf('?')) : '';

    let result: Awaited<ReturnType<PinterestAuth['handleCallback']>>;
    try {
      result = await auth.handleCallback(callbackUrl, { state: stateFromCookie });
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      // A callback that is not this browser's login (no, a repeated or another state: an older tab's, a
      // forged or a stray one) did not touch it (`loginKept`): keep the cookie so that it can finish (H3).
      if (!(error instanceof CallbackError && error.loginKept))
        reply.clearCookie(cookies.stateName, cookies.clear('state'));
      request.log.warn({ code }, 'login callback refused');
      return reply.redirect(`/?login_error=${loginErrorReason(code)}`, 303);
    }
    // Single use: this login is done, the browser forgets its state.
    reply.clearCookie(cookies.stateName, cookies.clear('state'));
    // A fresh session id at login, capped by the refresh token's lifetime.
    await reply.startSession(result.key, result.record.refreshTokenExpiresAt);
    return reply.redirect(result.returnTo || '/', 303);
  });

  app.get('/auth/logout', async (_request, reply) =>
    reply
      .code(405)
      .header('allow', 'POST')
      .send({ error: 'method_not_allowed', message: 'Log out with POST and the x-csrf-token header.' }),
  );

  app.post('/auth/logout', async (request, reply) => {
    if (request.isForeignOrigin())
      return reply
        .code(403)
        .header('cache-control', 'no-store')
        .send({ error: 'forbidden_origin', message: 'Cross-site request refused.' });
    const session = await request.readSession();
    if (!session) {
      await reply.endSession();
      return reply.code(204).send();
    }
    if (!request.csrfMatches(session))
      return reply
        .code(403)
        .header('cache-control', 'no-store')
        .send({ error: 'csrf', message: 'Missing or wrong x-csrf-token header.' });
    await reply.endSession(session);
    // Local tokens go first inside auth.logout; a failed revoke never keeps the user logged in (C15).
    await auth.logout(session.accountKey);
    return reply.code(204).header('cache-control', 'no-store').send();
  });
};

export default authRoutes;
