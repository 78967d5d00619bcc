/**
 * The browser's login session and the guards of every state-reading or state-changing call: the session cookie
 * (HttpOnly, SameSite=Strict, `__Host-` over https: server/cookies.ts), the origin check (B3) and the
 * per-session CSRF token in the `x-csrf-token` header. Registered with fastify-plugin, so the decorators are
 * seen by every route plugin.
 *
 * `reply.startSession()` always issues a NEW id and drops the old session: at login, an id planted before
 * login is worth nothing (session fixation).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import type { CookiePolicy } from '../cookies.js';
import { randomId, type Session, type SessionStore, safeEqual } from '../session.js';

/** Options of the plugin. */
export interface BrowserSessionOptions {
  cookies: CookiePolicy;
  sessions: SessionStore;
  /** Upper bound of a session in ms. */
  sessionTtlMs: number;
  /** Origins allowed to call `/api` and `/auth/logout`. */
  allowedOrigins: Set<string>;
  now: () => number;
}

const CSRF_HEADER = 'x-csrf-token';

declare module 'fastify' {
  interface FastifyRequest {
    /** The browser's session (set by `requireSession` for the routes that use it). */
    session?: Session;
    /** Reads the session named by the cookie (no checks of origin or CSRF). */
    readSession(): Promise<Session | undefined>;
    /** True when the request comes from another site (B3). */
    isForeignOrigin(): boolean;
    /** True when the `x-csrf-token` header matches the session's token. */
    csrfMatches(session: Session): boolean;
  }
  interface FastifyReply {
    /** A fresh session for `accountKey` (new id, old one dropped), ending at `capAt` at the latest. */
    startSession(accountKey: string, capAt?: number): Promise<Session>;
    /** Drops the session (if any) and clears its cookie. */
    endSession(session?: Session): Promise<void>;
  }
  interface FastifyInstance {
    /** preHandler: a live session and the CSRF header, checked before Pinterest is called (B3). */
    requireSession(request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply | undefined>;
  }
}

async function browserSession(app: FastifyInstance, options: BrowserSessionOptions): Promise<void> {
  const { cookies, sessions, now } = options;

  app.decorateRequest('session', undefined);
  app.decorateRequest('readSession', async function (this: FastifyRequest) {
    const id = this.cookies[cookies.sessionName];
    return id ? sessions.get(id) : undefined;
  });
  /**
   * A browser sends `Origin` on every cross-origin request and on same-origin POSTs, and `Sec-Fetch-Site` on all
   * of them. No CORS headers are ever sent, so other origins can neither read answers nor pass a preflight for
   * the custom CSRF header.
   */
  app.decorateRequest('isForeignOrigin', function (this: FastifyRequest) {
    const origin = this.headers.origin;
    if (origin !== undefined && !options.allowedOrigins.has(origin)) return true;
    const site = this.headers['sec-fetch-site'];
    return site === 'cross-site' || site === 'same-site';
  });
  app.decorateRequest('csrfMatches', function (this: FastifyRequest, session: Session) {
    const header = this.headers[CSRF_HEADER];
    return typeof header === 'string' && safeEqual(header, session.csrfToken);
  });

  app.decorateReply('startSession', async function (this: FastifyReply, accountKey: string, capAt?: number) {
    await this.endSession(await this.request.readSession());
    const start = now();
    const expiresAt = Math.min(start + options.sessionTtlMs, capAt ?? Number.POSITIVE_INFINITY);
    const session: Session = { id: randomId(), accountKey, csrfToken: randomId(), expiresAt };
    await sessions.set(session, Math.max(1, expiresAt - start));
    this.setCookie(
      cookies.sessionName,
      session.id,
      cookies.session(Math.max(1, Math.floor((expiresAt - start) / 1000))),
    );
    return session;
  });
  app.decorateReply('endSession', async function (this: FastifyReply, session?: Session) {
    if (session) await sessions.delete(session.id);
    this.clearCookie(cookies.sessionName, cookies.clear('session'));
  });

  app.decorate('requireSession', async (request: FastifyRequest, reply: FastifyReply) => {
    const session = await request.readSession();
    if (!session) {
      return reply
        .code(401)
        .send({ error: 'unauthenticated', message: 'You are not logged in. Log in with Pinterest first.' });
    }
    if (!request.csrfMatches(session)) {
      return reply.code(403).send({
        error: 'csrf',
        message: 'Missing or wrong x-csrf-token header. Reload the page and try again.',
      });
    }
    request.session = session;
    return undefined;
  });
}

export default fp(browserSession, { name: 'browser-session', dependencies: ['@fastify/cookie'] });
