/**
 * Cookie names and attributes. Over https the names carry the `__Host-` prefix, which makes the browser itself
 * insist on Secure, Path=/ and no Domain.
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

/** How long the browser keeps the login `state` (the consent page has 10 minutes, like the transaction). */
export const STATE_COOKIE_MAX_AGE_S = 600;

/** Names and attributes of the two cookies the BFF sets. */
export interface CookiePolicy {
  sessionName: string;
  stateName: string;
  /** Session cookie: HttpOnly, SameSite=Strict, Path=/, no Domain, Secure outside localhost (B2). */
  session(maxAgeSeconds: number): CookieSerializeOptions;
  /** Login-state cookie: HttpOnly, SameSite=Lax (the callback is a cross-site navigation), short-lived (C3). */
  state(): CookieSerializeOptions;
  /** Attributes to clear a cookie with (same as when it was set, Max-Age=0). */
  clear(kind: 'session' | 'state'): CookieSerializeOptions;
}

/** Builds the cookie policy; `secure` is false only for http://localhost development. */
export function cookiePolicy(secure: boolean): CookiePolicy {
  const prefix = secure ? '__Host-' : '';
  const base = { httpOnly: true, path: '/', secure } as const;
  return {
    sessionName: `${prefix}spa_session`,
    stateName: `${prefix}spa_oauth_state`,
    session: (maxAgeSeconds) => ({ ...base, sameSite: 'strict', maxAge: maxAgeSeconds }),
    state: () => ({ ...base, sameSite: 'lax', maxAge: STATE_COOKIE_MAX_AGE_S }),
    clear: (kind) => ({ ...base, sameSite: kind === 'session' ? 'strict' : 'lax', maxAge: 0 }),
  };
}
