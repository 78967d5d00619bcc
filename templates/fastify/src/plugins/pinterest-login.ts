/**
 * Login with Pinterest, all of it through `@kit/auth-core` (see the README, "How login works"):
 * 1. `GET /auth/login`: auth-core makes the consent URL with a one-time `state` (32 random bytes, single use,
 *    10-minute expiry, `returnTo`); the browser keeps the state in a short-lived cookie.
 * 2. `GET <callback>`: auth-core checks the state against that cookie, exchanges the code, stores the tokens by
 *    Pinterest account id and reports missing scopes; the app starts a fresh session for that account.
 * 3. `POST /auth/logout`: CSRF-checked; deletes the tokens, revokes them at Pinterest, ends the session.
 */
import {
  CallbackError,
  isPinterestScope,
  isSafeReturnTo,
  type PinterestAuth,
  type PinterestScope,
} from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { loginProblemFor, unknownPermission } from '../problems.js';
import { signedIn } from './session.js';

/** Options of the login plugin. */
export interface PinterestLoginOptions {
  auth: PinterestAuth;
  /** The one configured redirect URI (never derived from Host headers, C5). */
  redirectUri: string;
  /** What a plain login asks for (read scopes: least privilege). */
  scopes: string[];
  /** `Secure` on the state cookie (and the `__Host-` name prefix): true outside localhost. */
  secureCookies: boolean;
}

/** Lifetime of the login-state cookie: as long as auth-core keeps the login transaction (10 minutes). */
export const STATE_COOKIE_MAX_AGE = 600;

/** Name of the login-state cookie. `__Host-` pins it to this host, Path=/ and HTTPS when that is available. */
export function stateCookieName(secure: boolean): string {
  return secure ? '__Host-pinterest-login-state' : 'pinterest-login-state';
}

/** A callback outcome leaves with 303 to a clean URL, never cached, never leaking its URL as Referer (W6). */
function leaveCallback(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .redirect(location, 303);
}

const pinterestLoginPlugin: FastifyPluginAsync<PinterestLoginOptions> = async (app, options) => {
  const { auth, redirectUri, scopes, secureCookies } = options;
  const cookieName = stateCookieName(secureCookies);
  const cookieOptions = {
    httpOnly: true,
    sameSite: 'lax' as const, // Strict would drop the cookie on the cross-site redirect back from Pinterest
    path: '/',
    maxAge: STATE_COOKIE_MAX_AGE,
    secure: secureCookies,
  };

  // #region incremental-consent
  /**
   * `?grant=pins:write,boards:write` is incremental consent (least privilege): the login asks for read scopes
   * only; the first action that needs more (publishing) sends the user here to grant those on top of the
   * login's. The session stays until the callback replaces it with one for the same account.
   */
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
      const extra = grant?.split(',') ?? [];
      const unknown = extra.find((scope) => !isPinterestScope(scope));
      if (unknown) return reply.problem(unknownPermission(unknown));
      const login = await auth.createAuthorizationURL({
        scopes: [...new Set([...scopes, ...extra])] as PinterestScope[],
        // An off-site returnTo (open-redirect attempt) is dropped, not an error: the login itself is fine.
        ...(returnTo && isSafeReturnTo(returnTo) ? { returnTo } : {}),
      });
      return reply
        .setCookie(cookieName, login.state, cookieOptions)
        .header('cache-control', 'no-store')
        .redirect(login.url, 302);
    },
  );
  // #endregion

  // No querystring schema on purpose: auth-core parses the callback strictly itself (duplicate parameters,
  // missing code, error=…), and a schema failure would answer 400 without the W6 headers.
  app.get(new URL(redirectUri).pathname, async (request, reply) => {
    const cookieState = request.cookies[cookieName];
    // The callback URL is rebuilt on the configured redirect URI, not on the request's Host header (C5).
    const callbackUrl = new URL(request.url, redirectUri);
    let result: Awaited<ReturnType<PinterestAuth['handleCallback']>>;
    try {
      result = await auth.handleCallback(callbackUrl, { state: cookieState });
    } catch (error) {
      const code = (error as { code?: string }).code;
      // The cookie names the login this browser started last. A callback without that state (an older tab's,
      // W2; a forged one, C3; a stray one with no or a repeated state, H3) is refused by auth-core without
      // consuming anything (`loginKept`): keep the cookie so that the login can still finish.
      const loginKept = error instanceof CallbackError && error.loginKept;
      if (!loginKept && cookieState !== undefined) reply.clearCookie(cookieName, cookieOptions);
      request.log.warn({ code }, 'login did not complete');
      return leaveCallback(reply, `/auth/problem?reason=${loginProblemFor(code)}`);
    }
    reply.clearCookie(cookieName, cookieOptions);
    // A new session id at login; the old session (and any id planted before) is destroyed (W3).
    await request.session.regenerate();
    request.session.accountKey = result.key;
    request.session.username = result.account.username ?? result.key;
    if (result.missingScopes.length > 0) request.session.missingScopes = result.missingScopes;
    return leaveCallback(reply, result.returnTo === '/' ? '/profile' : result.returnTo);
  });

  app.post(
    '/auth/logout',
    {
      schema: {
        body: { type: 'object', properties: { csrf: { type: 'string', maxLength: 100 } } },
      },
      // Nobody signed in: nothing to log out of. Otherwise the form's CSRF token must match the session's.
      preHandler: (request, reply, done) => {
        if (signedIn(request)) app.csrfProtection(request, reply, done);
        else reply.redirect('/', 303);
      },
      config: { returnTo: '/profile' },
    },
    async (request, reply) => {
      const user = signedIn(request);
      // Local tokens go first; a failed revoke at Pinterest never keeps the user logged in (C15).
      if (user) await auth.logout(user.accountKey);
      await reply.endSession();
      return reply.redirect('/', 303);
    },
  );
};

export default pinterestLoginPlugin;
