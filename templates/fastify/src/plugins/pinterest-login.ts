/**
 * Login with Pinterest.
 *
 * Split of work (see the README, "How login works"):
 * - `@fastify/oauth2` builds the consent-page redirect from the Pinterest preset of `@kit/auth-core` and sets
 *   the short-lived login-state cookie (HttpOnly, SameSite=Lax, Path=/, Max-Age=600, Secure outside localhost).
 * - `@kit/auth-core` makes the `state` (32 random bytes, C1) and keeps the login transaction (single use,
 *   10-minute expiry, `returnTo`), then on the callback checks the state against this browser's cookie,
 *   exchanges the code, stores the tokens by Pinterest account id and reports missing scopes.
 *   `@fastify/oauth2`'s own callback half (`getAccessTokenFromAuthorizationCodeFlow`) is not used: its state
 *   check is only "query equals cookie" (no single use, no expiry, no returnTo) and its token request is a
 *   generic RFC 6749 one that does not speak Pinterest's token endpoint or error format.
 */

import fastifyOAuth2, { type OAuth2Namespace } from '@fastify/oauth2';
import {
  CallbackError,
  isPinterestScope,
  type PinterestAuth,
  type PinterestAuthConfig,
  type PinterestScope,
  pinterestOAuth2Preset,
} from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { csrfTokenMatches } from './session.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** Added by `@fastify/oauth2` (inside this plugin only). */
    pinterestOAuth2: OAuth2Namespace;
  }
}

/** Options of the login plugin. */
export interface PinterestLoginOptions {
  auth: PinterestAuth;
  /** The config `auth` was made from (for the @fastify/oauth2 preset). */
  authConfig: PinterestAuthConfig;
  /** The one configured redirect URI (never derived from Host headers, C5). */
  redirectUri: string;
  scopes: string[];
  /** `Secure` on the state cookie (and the `__Host-` name prefix) — true outside localhost. */
  secureCookies: boolean;
}

/** Why a login did not complete; the `reason` of `/auth/problem`. */
export type LoginProblem = 'denied' | 'expired' | 'failed';

/** Lifetime of the login-state cookie: as long as auth-core keeps the login transaction (10 minutes). */
export const STATE_COOKIE_MAX_AGE = 600;

/** Name of the login-state cookie. `__Host-` pins it to this host, Path=/ and HTTPS when that is available. */
export function stateCookieName(secure: boolean): string {
  return secure ? '__Host-pinterest-login-state' : 'pinterest-login-state';
}

function problemFor(code: string | undefined): LoginProblem {
  switch (code) {
    case 'ACCESS_DENIED':
      return 'denied';
    case 'STATE_MISMATCH':
    case 'UNKNOWN_STATE':
    case 'TRANSACTION_EXPIRED':
    case 'INVALID_CALLBACK':
      return 'expired';
    default:
      return 'failed';
  }
}

/** A callback outcome leaves with 303 to a clean URL, never cached, never leaking its URL as Referer (W6). */
function leaveCallback(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .redirect(location, 303);
}

const pinterestLoginPlugin: FastifyPluginAsync<PinterestLoginOptions> = async (app, options) => {
  const { auth, authConfig, redirectUri, scopes, secureCookies } = options;
  const cookieName = stateCookieName(secureCookies);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const, // Strict would drop the cookie on the cross-site redirect back from Pinterest
    path: '/',
    maxAge: STATE_COOKIE_MAX_AGE,
    secure: secureCookies,
  };
  const callbackPath = new URL(redirectUri).pathname;

  await app.register(fastifyOAuth2, {
    // Endpoints, client, Basic auth, form body, comma-separated scopes (Pinterest's), continuous refresh.
    ...pinterestOAuth2Preset(authConfig),
    name: 'pinterestOAuth2',
    scope: scopes,
    callbackUri: redirectUri,
    redirectStateCookieName: cookieName,
    cookie: cookieOptions,
    // The state and its login transaction come from auth-core (32 CSPRNG bytes, single use, expiry, returnTo).
    generateStateFunction: async (request: FastifyRequest) => {
      const { returnTo } = request.query as { returnTo?: string };
      try {
        return (await auth.createAuthorizationURL(returnTo ? { returnTo } : {})).state;
      } catch (error) {
        // An off-site returnTo (open-redirect attempt) is dropped, not an error: the login itself is fine.
        if ((error as { code?: string }).code !== 'INVALID_RETURN_TO') throw error;
        return (await auth.createAuthorizationURL()).state;
      }
    },
    // Required by the plugin together with generateStateFunction, but never reached: the callback below goes
    // to auth-core's handleCallback, not to getAccessTokenFromAuthorizationCodeFlow.
    checkStateFunction: async () => false,
  });

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
          additionalProperties: false,
        },
      },
    },
    async (request, reply) => {
      const { returnTo, grant } = request.query as { returnTo?: string; grant?: string };
      if (grant !== undefined) return incrementalConsent(reply, grant, returnTo);
      const consentUrl = await app.pinterestOAuth2.generateAuthorizationUri(request, reply);
      return reply.header('cache-control', 'no-store').redirect(consentUrl, 302);
    },
  );

  // #region incremental-consent
  /**
   * Incremental consent (least privilege): the login asks for read scopes only; the first action that needs
   * more (publishing: pins:write, boards:write) sends the user here to grant those on top of the login's.
   * auth-core builds this consent (`@fastify/oauth2` asks for a fixed scope list), with the same state cookie
   * and callback as a login; the session stays until the callback replaces it with one for the same account.
   */
  async function incrementalConsent(reply: FastifyReply, grant: string, returnTo?: string) {
    const extra = grant.split(',');
    const unknown = extra.find((scope) => !isPinterestScope(scope));
    if (unknown) {
      return reply.code(400).problem({
        status: 400,
        title: 'Unknown permission',
        message: `Pinterest has no permission called "${unknown}"; the link that brought you here is wrong.`,
        action: { href: '/profile', label: 'Back to your profile' },
      });
    }
    const requested = [...new Set([...scopes, ...extra])] as PinterestScope[];
    let login: { url: string; state: string };
    try {
      login = await auth.createAuthorizationURL({ scopes: requested, ...(returnTo ? { returnTo } : {}) });
    } catch (error) {
      // An off-site returnTo (open-redirect attempt) is dropped, as on a plain login.
      if ((error as { code?: string }).code !== 'INVALID_RETURN_TO') throw error;
      login = await auth.createAuthorizationURL({ scopes: requested });
    }
    return reply
      .setCookie(cookieName, login.state, cookieOptions)
      .header('cache-control', 'no-store')
      .redirect(login.url, 302);
  }
  // #endregion

  // No querystring schema on purpose: auth-core parses the callback strictly itself (duplicate parameters,
  // missing code, error=…), and a schema failure would answer 400 without the W6 headers.
  app.get(callbackPath, async (request, reply) => {
    const cookieState = request.cookies[cookieName];
    // The callback URL is rebuilt on the configured redirect URI, not on the request's Host header (C5).
    const callbackUrl = new URL(request.url, redirectUri);
    try {
      const result = await auth.handleCallback(callbackUrl, { state: cookieState });
      reply.clearCookie(cookieName, cookieOptions);
      await reply.startSession({
        accountKey: result.key,
        username: result.account.username ?? result.key,
        ...(result.missingScopes.length > 0 ? { missingScopes: result.missingScopes } : {}),
      });
      return leaveCallback(reply, result.returnTo === '/' ? '/profile' : result.returnTo);
    } catch (error) {
      const code = (error as { code?: string }).code;
      // The cookie names the login this browser started last. A callback without that state (an older tab's,
      // W2; a forged one, C3; a stray one with no or a repeated state, H3) is refused by auth-core without
      // consuming anything (`loginKept`): keep the cookie so that the login can still finish. Any other
      // outcome ends this browser's login.
      const loginKept = error instanceof CallbackError && error.loginKept;
      if (!loginKept && cookieState !== undefined) reply.clearCookie(cookieName, cookieOptions);
      request.log.warn({ code }, 'login did not complete');
      return leaveCallback(reply, `/auth/problem?reason=${problemFor(code)}`);
    }
  });

  app.post(
    '/auth/logout',
    {
      schema: {
        body: {
          type: 'object',
          properties: { csrf: { type: 'string', maxLength: 100 } },
        },
      },
    },
    async (request, reply) => {
      const session = request.session;
      if (!session) return reply.redirect('/', 303);
      if (!csrfTokenMatches(session, (request.body as { csrf?: string } | undefined)?.csrf)) {
        return reply.code(403).problem({
          status: 403,
          title: 'That did not come from this page',
          message: 'The logout form was stale or sent from another site. Reload the page and try again.',
          action: { href: '/profile', label: 'Back to your profile' },
        });
      }
      // Local tokens go first; a failed revoke at Pinterest never keeps the user logged in (C15).
      await auth.logout(session.accountKey);
      await reply.endSession();
      return reply.redirect('/', 303);
    },
  );
};

export default pinterestLoginPlugin;
