/**
 * Sessions and CSRF with the Fastify ecosystem's own plugins: `@fastify/session` keeps what a session holds on
 * the server (the browser holds only a random id in an HttpOnly cookie), `@fastify/csrf-protection` gives each
 * session a CSRF secret and checks the token of every state-changing form (`app.csrfProtection`).
 *
 * Call `request.session.regenerate()` at login: it issues a new id and destroys the old session, so an id
 * planted before login never becomes a signed-in one (session fixation, W3).
 */
import { randomBytes } from 'node:crypto';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifySession, { type SessionStore } from '@fastify/session';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  /** What a session holds. Tokens are NOT here: they live in auth-core's token store, keyed by `accountKey`. */
  interface Session {
    /** Pinterest user_account id of the signed-in user; absent = anonymous. */
    accountKey?: string;
    /** Shown in the header without an API call. */
    username?: string;
    /** Scopes the user did not grant at the last login (shown once on the profile page). */
    missingScopes?: string[];
  }
  interface FastifyReply {
    /** Destroys the request's session and clears its cookie (logout; tokens that are gone or useless). */
    endSession(): Promise<void>;
  }
}

/** Name of the session cookie. */
export const SESSION_COOKIE = 'sid';
/** Session ids: 32 bytes from the CSPRNG, base64url (43 characters). */
const SESSION_ID = /^[A-Za-z0-9_-]{43}$/;

/**
 * The cookie carries the bare id. @fastify/session signs it by default (`id.signature`), which guards weak ids;
 * ours are 256 random bits, so a signature adds no protection, and a malformed id is refused here (a new
 * session starts; an unknown id is never adopted).
 */
const bareIdCookie = {
  sign: (id: string) => id,
  unsign: (value: string) => ({ valid: SESSION_ID.test(value), renew: false, value }),
};

/** Options of the session plugin. */
export interface SessionOptions {
  /** Where sessions live: `@kit/redis-store` with REDIS_URL (see src/stores.ts), else @fastify/session's memory. */
  store?: SessionStore;
  /** Session lifetime in seconds (the cookie's Max-Age too). */
  ttlSeconds: number;
  /** Send the cookie only over HTTPS (true outside localhost). */
  secure: boolean;
}

/** The signed-in user's session, or `undefined` for an anonymous visitor. */
export function signedIn(request: FastifyRequest): { accountKey: string; username: string } | undefined {
  // `session` is null once destroyed in this request (logout).
  const accountKey = request.session?.accountKey;
  return accountKey ? { accountKey, username: request.session.username ?? accountKey } : undefined;
}

const sessionPlugin: FastifyPluginAsync<SessionOptions> = async (app, options) => {
  const cookie = {
    httpOnly: true,
    // SameSite=Lax, not Strict: the first page after the OAuth callback is reached through a redirect chain
    // that started on pinterest.com, and a Strict cookie would not be sent with it.
    sameSite: 'lax' as const,
    path: '/',
    secure: options.secure,
  };
  await app.register(fastifySession, {
    secret: bareIdCookie,
    cookieName: SESSION_COOKIE,
    idGenerator: () => randomBytes(32).toString('base64url'),
    ...(options.store ? { store: options.store } : {}),
    // Anonymous visitors get no session and no cookie; a session never extends itself by being read.
    saveUninitialized: false,
    rolling: false,
    cookie: { ...cookie, maxAge: options.ttlSeconds * 1000 },
  });
  app.decorateReply('endSession', async function (this: FastifyReply) {
    if (this.request.session?.sessionId) await this.request.session.destroy();
    // @fastify/session leaves the cookie of a destroyed session alone; the browser should forget it too.
    this.clearCookie(SESSION_COOKIE, cookie);
  });
  await app.register(fastifyCsrf, {
    sessionPlugin: '@fastify/session',
    // The forms' hidden field is `csrf`.
    getToken: (request) => (request.body as { csrf?: unknown } | undefined)?.csrf as string,
  });
};

/** Registers sessions and CSRF on the app (decorators visible app-wide). Needs `@fastify/cookie`. */
export default fp(sessionPlugin, { name: 'app-session', dependencies: ['@fastify/cookie'] });
