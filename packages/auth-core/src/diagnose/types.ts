/**
 * The shapes of a diagnosis: what one check returns, what a token store's probe returns, and the options of
 * {@link diagnose}.
 *
 * @module
 */
import type { PinterestAuthConfig } from '../config.js';
import type { TokenStore } from '../stores/types.js';

/** Outcome of one check: `skip` = not run because a check it depends on failed. */
export type CheckStatus = 'pass' | 'warn' | 'fail' | 'skip';

/** What one check found. Never holds a secret or token: only fingerprints. */
export interface CheckResult {
  /** Stable id, e.g. `'credentials'`. */
  id: string;
  /** Short name shown in the checklist, e.g. `'App ID and secret'`. */
  title: string;
  status: CheckStatus;
  /** One line: what was found. */
  summary: string;
  /** For `warn` and `fail`: what to do, in one sentence. */
  fix?: string;
  /** Path of the docs page (and section) that explains it, e.g. `/troubleshooting/#401-code-2-authentication-failed`. */
  docs?: string;
  /** Further lines (one per account, the exact string to register, …). */
  details?: string[];
}

/** One finding of a {@link TokenStoreProbe}. */
export interface StoreFinding {
  status: 'pass' | 'warn' | 'fail';
  /** One line: what was found. */
  summary: string;
  /** For `warn` and `fail`: what to do, in one sentence. */
  fix?: string;
  /** Docs path, as in {@link CheckResult.docs}. */
  docs?: string;
}

/**
 * What a token store reports about itself when asked by the doctor: whether it is reachable and keeps tokens
 * private and durable, and which accounts it holds.
 */
export interface TokenStoreProbe {
  /** Where the tokens live, for humans, without credentials (e.g. `file /home/me/.config/…/tokens.json`). */
  description: string;
  /** What was checked, in order. */
  findings: StoreFinding[];
  /** Keys of the stored accounts, when the store can list them (absent when it could not be read). */
  accounts?: string[];
}

/**
 * A token store that can check itself (optional). `FileTokenStore` and `@kit/redis-store`'s `RedisTokenStore`
 * implement it; the doctor calls it when present.
 */
export interface ProbeableTokenStore extends TokenStore {
  /** Check reachability, privacy and durability; never throws for a problem it can describe. */
  probe(): Promise<TokenStoreProbe>;
}

/** What the app actually serves, to compare the redirect URI with (all optional). */
export interface ServedApp {
  /** Interface the app listens on, e.g. `127.0.0.1` or `0.0.0.0`. */
  host?: string;
  /** Port the app listens on. */
  port?: number;
  /** Path of the app's OAuth callback route, e.g. `/auth/callback`. */
  callbackPath?: string;
}

/** Options of {@link diagnose}. */
export interface DiagnoseOptions {
  /**
   * The configuration to check (e.g. from `configFromEnv`), or the raw environment variables: with `env`, the
   * configuration check reads `PINTEREST_*` itself and also reports stray quotes and whitespace.
   */
  config?: Partial<PinterestAuthConfig>;
  /** Environment variables (default `process.env`): `PINTEREST_*` when `config` is absent, and proxy variables. */
  env?: Record<string, string | undefined>;
  /** Where the app keeps its tokens (its `probe()` is used when it has one). */
  store?: TokenStore;
  /** Account keys to check (default: those the store's probe lists). */
  accounts?: string[];
  /** What the app serves, to compare the redirect URI with. */
  served?: ServedApp;
  /** The token comes from `PINTEREST_ACCESS_TOKEN`, not from the store (scripts). */
  accessTokenFromEnv?: boolean;
  /**
   * Checks the app ran itself (e.g. its own settings such as `PORT`), listed first; a failed one makes the
   * report fail like any other.
   */
  appChecks?: CheckResult[];
  /** Timeout of each request to Pinterest (default 5,000 ms). */
  timeoutMs?: number;
  /** `fetch` implementation (default: the global one). */
  fetch?: typeof fetch;
  /** Clock in epoch ms (default `Date.now`). */
  now?: () => number;
}

/** The result of {@link diagnose}. */
export interface DiagnoseReport {
  /** `false` when any check failed. */
  ok: boolean;
  /** Every check, in the order run. */
  checks: CheckResult[];
}
