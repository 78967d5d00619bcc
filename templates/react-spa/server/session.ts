/**
 * Server-side login sessions. The browser only ever holds the random session id (in an HttpOnly cookie); the
 * session maps it to the Pinterest account whose tokens `@kit/auth-core` keeps in its token store.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

/** One browser's login. */
export interface Session {
  /** 32 random bytes, base64url: the cookie value. */
  id: string;
  /** The Pinterest user_account id: the key of the account's tokens in the auth-core token store. */
  accountKey: string;
  /** Per-session CSRF token the SPA echoes in the `x-csrf-token` header. */
  csrfToken: string;
  /** Epoch ms after which the session is no longer accepted. */
  expiresAt: number;
}

/**
 * Where sessions live. The in-memory store suits one instance; with `REDIS_URL`, server/stores.ts hands the
 * app a {@link SharedSessionStore} on Redis, so every instance accepts every session (no sticky sessions).
 */
export interface SessionStore {
  /** The session with this id; `undefined` when there is none or it expired. */
  get(id: string): Promise<Session | undefined>;
  /** Saves `session` under `session.id` for `ttlMs` ms (the time left until `expiresAt`). */
  set(session: Session, ttlMs: number): Promise<void>;
  /** Removes the session (logout, rotation at login); an unknown id is not an error. */
  delete(id: string): Promise<void>;
}

/** What a shared backend keeps for a session: everything but the id (the backend keys it by a digest). */
export type StoredSession = Omit<Session, 'id'>;

/**
 * A key-value store with a time to live, shared by every instance: `@kit/redis-store`'s `RedisSessionStore`
 * has this shape (it keys sessions by the SHA-256 of the id and fails fast when Redis is away).
 */
export interface SessionBackend {
  get(id: string): Promise<StoredSession | undefined>;
  set(id: string, value: StoredSession, ttlMs: number): Promise<void>;
  delete(id: string): Promise<void>;
}

/**
 * A {@link SessionStore} over a shared {@link SessionBackend}. The id is never written into the value, so what
 * the backend holds cannot be replayed as a cookie. Backend failures (Redis down) propagate: there is no
 * fallback to memory, which would log users out depending on the instance they reach.
 */
export class SharedSessionStore implements SessionStore {
  readonly #backend: SessionBackend;
  readonly #now: () => number;

  constructor(backend: SessionBackend, options: { now?: () => number } = {}) {
    this.#backend = backend;
    this.#now = options.now ?? Date.now;
  }

  async get(id: string): Promise<Session | undefined> {
    const stored = await this.#backend.get(id);
    if (stored === undefined || !isStoredSession(stored)) return undefined;
    // The backend's TTL ends it too; checking here keeps the two clocks from disagreeing in the user's favour.
    if (stored.expiresAt <= this.#now()) return undefined;
    return { id, accountKey: stored.accountKey, csrfToken: stored.csrfToken, expiresAt: stored.expiresAt };
  }

  async set(session: Session, ttlMs: number): Promise<void> {
    const { id, ...stored } = session;
    await this.#backend.set(id, stored, ttlMs);
  }

  async delete(id: string): Promise<void> {
    await this.#backend.delete(id);
  }
}

function isStoredSession(value: unknown): value is StoredSession {
  const v = value as Partial<StoredSession> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.accountKey === 'string' &&
    typeof v.csrfToken === 'string' &&
    typeof v.expiresAt === 'number'
  );
}

/** Random identifier: 32 bytes from the system CSPRNG, base64url (43 characters). */
export function randomId(): string {
  return randomBytes(32).toString('base64url');
}

/** Compares two secrets in constant time (a mismatch in length is not secret). */
export function safeEqual(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** Sessions in a Map, expired ones dropped when read and swept every few minutes. */
export class MemorySessionStore implements SessionStore {
  readonly #sessions = new Map<string, Session>();
  readonly #now: () => number;
  readonly #sweeper: NodeJS.Timeout;

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now;
    this.#sweeper = setInterval(() => this.#sweep(), 5 * 60 * 1000);
    this.#sweeper.unref();
  }

  async get(id: string): Promise<Session | undefined> {
    const session = this.#sessions.get(id);
    if (session === undefined) return undefined;
    if (session.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return undefined;
    }
    return { ...session };
  }

  /** Keeps `session` until its `expiresAt` (which the app sets to the end of `ttlMs`). */
  async set(session: Session, _ttlMs: number): Promise<void> {
    this.#sessions.set(session.id, { ...session });
  }

  async delete(id: string): Promise<void> {
    this.#sessions.delete(id);
  }

  /** Stops the sweeper (tests, shutdown). */
  close(): void {
    clearInterval(this.#sweeper);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, session] of this.#sessions) if (session.expiresAt <= now) this.#sessions.delete(id);
  }
}
