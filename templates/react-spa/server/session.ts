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

/** Where sessions live. The in-memory store suits one instance; see the README for several. */
export interface SessionStore {
  get(id: string): Promise<Session | undefined>;
  set(session: Session): Promise<void>;
  delete(id: string): Promise<void>;
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

  async set(session: Session): Promise<void> {
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
