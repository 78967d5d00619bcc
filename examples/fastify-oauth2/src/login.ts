/**
 * Log in with Pinterest through `@fastify/oauth2`, configured by `pinterestOAuth2Preset()` of `@kit/auth-core`.
 *
 * - `@fastify/oauth2` does the OAuth 2 work: `/auth/login` redirects to the consent page and sets the state
 *   cookie; the callback checks the state against that cookie and exchanges the code
 *   (`getAccessTokenFromAuthorizationCodeFlow`).
 * - `@kit/auth-core` takes over the tokens (`auth.saveTokens`): it stores them, refreshes them (single flight,
 *   rotating refresh tokens kept) and calls the API with them.
 *
 * What this leaves out, and why, is in the README ("What works, what does not").
 */
import { randomBytes } from 'node:crypto';
import fastifyOAuth2, { type OAuth2Namespace, type OAuth2Token } from '@fastify/oauth2';
import {
  type PinterestAuth,
  type PinterestAuthConfig,
  pinterestOAuth2Preset,
  ReauthorizationRequiredError,
} from '@kit/auth-core';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

declare module 'fastify' {
  interface FastifyInstance {
    /** Added by `@fastify/oauth2` (visible inside the login plugin only). */
    pinterest: OAuth2Namespace;
  }
}

export interface LoginOptions {
  auth: PinterestAuth;
  /** The config `auth` was made from: the preset reads the same app, hosts, scopes and redirect URI. */
  authConfig: PinterestAuthConfig;
}

/** Names the browser session; tokens are stored under the same random id. */
export const SESSION_COOKIE = 'sid';
/** Lifetime of the session cookie (7 days); the tokens behind it are refreshed as long as it lives. */
export const SESSION_MAX_AGE = 7 * 24 * 60 * 60;
/** Lifetime of the state cookie: Pinterest's codes are only good for about 10 minutes anyway. */
export const STATE_COOKIE_MAX_AGE = 600;

/** Why a login did not finish, shown on the home page. */
export type LoginProblem = 'denied' | 'expired' | 'failed';

/** Whether cookies need `Secure` (and the `__Host-` prefix): whenever the app is served over https. */
export function isSecure(redirectUri: string): boolean {
  return new URL(redirectUri).protocol === 'https:';
}

/** The state cookie's name: `@fastify/oauth2`'s own, `__Host-`-prefixed over https (`hostPrefixedCookies`). */
export function stateCookieName(secure: boolean): string {
  return secure ? '__Host-oauth2-redirect-state' : 'oauth2-redirect-state';
}

/** The session cookie's attributes (also needed to clear it). */
export function sessionCookieOptions(secure: boolean) {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: SESSION_MAX_AGE };
}

/** Leaves a callback with 303 to a clean URL: never cached, and the code never leaks as a Referer. */
function leaveCallback(reply: FastifyReply, location: string): FastifyReply {
  return reply
    .header('referrer-policy', 'no-referrer')
    .header('cache-control', 'no-store')
    .redirect(location, 303);
}

/**
 * What may be logged about a failed code exchange. simple-oauth2 (under `@fastify/oauth2`) throws a Boom error
 * whose `data` holds the raw response, and the response holds the request with its `Authorization: Basic`
 * header (the app secret): never log the error itself.
 */
export function describeFailure(error: unknown): Record<string, unknown> {
  const boom = error as {
    message?: string;
    data?: { payload?: { code?: unknown }; headers?: Record<string, unknown> };
    output?: { statusCode?: number };
  };
  if (boom?.output?.statusCode === undefined) return { reason: String(boom?.message ?? error) };
  return {
    status: boom.output.statusCode,
    pinterestCode: boom.data?.payload?.code,
    requestId: boom.data?.headers?.['x-pinterest-rid'],
  };
}

const login: FastifyPluginAsync<LoginOptions> = async (app, { auth, authConfig }) => {
  const preset = pinterestOAuth2Preset(authConfig);
  const secure = isSecure(preset.callbackUri);
  const sessionCookie = sessionCookieOptions(secure);
  const stateCookie = stateCookieName(secure);
  // The attributes the plugin gives its state cookie, needed to clear it where the plugin does not.
  const stateCookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };

  await app.register(fastifyOAuth2, {
    // Pinterest's endpoints (or the mock's), app id and secret, scopes joined with commas, Basic client auth
    // with a plain base64(id:secret), form bodies, continuous_refresh=true, the one configured redirect URI.
    ...preset,
    name: 'pinterest',
    startRedirectPath: '/auth/login',
    // Path=/ and an expiry, which the plugin's defaults lack; Secure and __Host- over https.
    cookie: { path: '/', maxAge: STATE_COOKIE_MAX_AGE, secure },
    hostPrefixedCookies: secure,
  });

  app.get(new URL(preset.callbackUri).pathname, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    // "Deny" comes back as error=access_denied. The plugin would still send a token request (without a
    // code), so a callback without a code stops here.
    if (typeof query.code !== 'string' || query.error !== undefined) {
      reply.clearCookie(stateCookie, stateCookieOptions);
      return leaveCallback(reply, '/?problem=denied');
    }
    let token: OAuth2Token['token'];
    try {
      // Checks state == state cookie (and clears that cookie), then POSTs the code to Pinterest.
      ({ token } = await app.pinterest.getAccessTokenFromAuthorizationCodeFlow(request, reply));
    } catch (error) {
      request.log.warn(describeFailure(error), 'login did not complete');
      const problem: LoginProblem = (error as Error).message === 'Invalid state' ? 'expired' : 'failed';
      return leaveCallback(reply, `/?problem=${problem}`);
    }
    // A new session id at every login (against session fixation); the tokens live under it in auth-core.
    const previous = request.cookies[SESSION_COOKIE];
    if (previous) await auth.store.delete(previous);
    const sessionId = randomBytes(32).toString('base64url');
    await auth.saveTokens(sessionId, { ...token });
    reply.setCookie(SESSION_COOKIE, sessionId, sessionCookie);
    return leaveCallback(reply, '/me');
  });

  // Forms post from this origin only; the session cookie's SameSite=Lax already keeps other sites' posts out.
  const origin = new URL(preset.callbackUri).origin;
  const sameOrigin = { onRequest: sameOriginOnly(origin) };

  app.post('/auth/refresh', sameOrigin, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    if (!sessionId) return reply.redirect('/', 303);
    try {
      await auth.refresh(sessionId);
    } catch (error) {
      if (!(error instanceof ReauthorizationRequiredError)) throw error;
      reply.clearCookie(SESSION_COOKIE, sessionCookie);
      return reply.redirect('/?problem=expired', 303);
    }
    return reply.redirect('/me', 303);
  });

  app.post('/auth/logout', sameOrigin, async (request, reply) => {
    const sessionId = request.cookies[SESSION_COOKIE];
    // Local tokens go first; Pinterest refuses revocation for ordinary accounts, which never blocks a logout.
    if (sessionId) await auth.logout(sessionId);
    reply.clearCookie(SESSION_COOKIE, sessionCookie);
    return reply.redirect('/', 303);
  });
};

/** An `onRequest` hook refusing requests whose `Origin` header is not `origin` (a cross-site form post). */
function sameOriginOnly(origin: string) {
  return async (request: FastifyRequest, reply: FastifyReply) => {
    if (request.headers.origin === origin) return;
    return reply
      .code(403)
      .type('text/plain; charset=utf-8')
      .send('This form must be sent from this site: reload the page and try again.');
  };
}

export default login;
