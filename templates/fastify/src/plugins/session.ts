/**
 * Server-side sessions. The browser holds only a random id (32 bytes from the CSPRNG) in an HttpOnly cookie;
 * what the id stands for — which Pinterest account is signed in, the CSRF token — stays on the server.
 *
 * `reply.startSession()` always issues a NEW id and destroys the old session: call it at login so that an id
 * planted before login can never become an authenticated one (session fixation, W3).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** What a session holds. Tokens are NOT here: they live in the auth-core token store, keyed by `accountKey`. */
export interface SessionData {
  /** Pinterest user_account id; the key of the account's tokens in the token store. */
  accountKey: string;
  /** Shown in the header without an API call. */
  username: string;
  /** Synchronizer token for state-changing forms (logout). */
  csrfToken: string;
  /** Scopes the user did not grant at the last login (shown once on the profile page). */
  missingScopes?: string[];
  /** Epoch ms after which the session is dead. */
  expiresAt: number;
}

/**
 * Where sessions live. The default keeps them in memory: one process. With `REDIS_URL`, src/stores.ts passes
 * `@kit/redis-store`'s `RedisSessionStore` (it has this shape), shared by every instance: no sticky sessions.
 */
export interface SessionStore {
  /** The session under `id`; `undefined` when there is none or it expired. */
  get(id: string): Promise<SessionData | undefined>;
  /** Saves `data` under `id` for `ttlMs` ms (the time left until `data.expiresAt`), replacing any previous one. */
  set(id: string, data: SessionData, ttlMs: number): Promise<void>;
  /** Removes the session under `id` (logout, rotation at login); an unknown id is not an error. */
  delete(id: string): Promise<void>;
}

/**
 * An in-memory {@link SessionStore} that drops expired sessions (by `expiresAt`, which the plugin sets to the
 * end of the TTL) as it meets them and on a slow sweep.
 */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, SessionData>();
  readonly #now: () => number;
  readonly #sweep: NodeJS.Timeout;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#sweep = setInterval(() => {
      const now = this.#now();
      for (const [id, data] of this.#sessions) if (data.expiresAt <= now) this.#sessions.delete(id);
    }, 60_000);
    this.#sweep.unref();
  }

  async get(id: string): Promise<SessionData | undefined> {
    const data = this.#sessions.get(id);
    if (data && data.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return data;
  }

  async set(id: string, data: SessionData, _ttlMs: number): Promise<void> {
    this.#sessions.set(id, data);
  }

  async delete(id: string): Promise<void> {
    this.#sessions.delete(id);
  }

  /** Number of live sessions (for tests and metrics). */
  get size(): number {
    return this.#sessions.size;
  }

  close(): void {
    clearInterval(this.#sweep);
  }
}

/** Options of the session plugin. */
export interface SessionOptions {
  store: SessionStore;
  /** Cookie name; default `sid`. */
  cookieName?: string;
  /** Session lifetime in seconds (also the cookie's Max-Age). */
  ttlSeconds: number;
  /** Send the cookie only over HTTPS (true outside localhost). */
  secure: boolean;
  now?: () => number;
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in session, if the request carries a valid session cookie. */
    session: SessionData | undefined;
    /** The id of {@link FastifyRequest.session}. */
    sessionId: string | undefined;
  }
  interface FastifyReply {
    /** Starts a new session under a fresh id, destroying the request's current one (rotation). */
    startSession(data: Omit<SessionData, 'csrfToken' | 'expiresAt'>): Promise<SessionData>;
    /** Saves changes to the current session. */
    saveSession(): Promise<void>;
    /** Deletes the current session and clears the cookie. */
    endSession(): Promise<void>;
  }
}

const newId = (): string => randomBytes(32).toString('base64url');

/** Constant-time comparison of a submitted CSRF token with the session's. */
export function csrfTokenMatches(session: SessionData | undefined, submitted: unknown): boolean {
  if (!session || typeof submitted !== 'string') return false;
  const a = Buffer.from(session.csrfToken);
  const b = Buffer.from(submitted);
  return a.length === b.length && timingSafeEqual(a, b);
}

const sessionPlugin: FastifyPluginAsync<SessionOptions> = async (app, options) => {
  const { store, ttlSeconds, secure } = options;
  const cookieName = options.cookieName ?? 'sid';
  const now = options.now ?? Date.now;
  // SameSite=Lax, not Strict: the first page after the OAuth callback is reached through a redirect chain that
  // started on pinterest.com, and a Strict cookie would not be sent with it.
  const cookieOptions = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure, maxAge: ttlSeconds };

  app.decorateRequest('session', undefined);
  app.decorateRequest('sessionId', undefined);

  app.addHook('onRequest', async (request: FastifyRequest) => {
    const id = request.cookies[cookieName];
    // Only ids we issued exist in the store; anything else is ignored, never adopted.
    if (!id || !/^[A-Za-z0-9_-]{43}$/.test(id)) return;
    const data = await store.get(id);
    if (data && data.expiresAt > now()) {
      request.session = data;
      request.sessionId = id;
    }
  });

  app.decorateReply('startSession', async function (this: FastifyReply, fields) {
    const old = this.request.sessionId;
    if (old) await store.delete(old);
    const id = newId();
    const data: SessionData = {
      ...fields,
      csrfToken: randomBytes(32).toString('base64url'),
      expiresAt: now() + ttlSeconds * 1000,
    };
    await store.set(id, data, ttlSeconds * 1000);
    this.request.session = data;
    this.request.sessionId = id;
    this.setCookie(cookieName, id, cookieOptions);
    return data;
  });

  app.decorateReply('saveSession', async function (this: FastifyReply) {
    const { session, sessionId } = this.request;
    if (!session || !sessionId) return;
    // Saving never extends a session: it keeps the time it has left (and one with none left is gone).
    const left = session.expiresAt - now();
    if (left > 0) await store.set(sessionId, session, left);
    else await store.delete(sessionId);
  });

  app.decorateReply('endSession', async function (this: FastifyReply) {
    const id = this.request.sessionId;
    if (id) await store.delete(id);
    this.request.session = undefined;
    this.request.sessionId = undefined;
    this.clearCookie(cookieName, cookieOptions);
  });
};

/** Registers sessions on the app (decorators visible app-wide). Needs `@fastify/cookie`. */
export default fp(sessionPlugin, { name: 'app-session', dependencies: ['@fastify/cookie'] });
