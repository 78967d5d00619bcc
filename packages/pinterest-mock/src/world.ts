import { randomBytes } from 'node:crypto';
import {
  ACCESS_TOKEN_LIFETIME_SECONDS,
  CODE_LIFETIME_SECONDS,
  DEFAULT_APP,
  REFRESH_TOKEN_LIFETIME_SECONDS,
} from './constants.js';
import { MAX_UPLOAD_BYTES } from './media-uploads.js';
import { randomToken } from './random-tokens.js';
import { SEED_USERS } from './seed.js';
import { DataStore } from './store.js';
import type {
  MockAdAccountSeed,
  MockApp,
  MockEnvironment,
  MockFault,
  MockRateLimits,
  MockRequestLogEntry,
  MockTokenRequestLogEntry,
  MockUser,
  PinterestMockOptions,
} from './types.js';

/** An authorization code waiting to be exchanged. */
export interface CodeRecord {
  appId: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  expiresAt: number;
}

/** An access token (`pina_…` for users, `pinc_…` for client credentials). */
export interface AccessTokenRecord {
  appId: string;
  userId: string;
  scopes: Set<string>;
  environment: MockEnvironment;
  expiresAt: number;
  kind: 'user' | 'client';
}

/** A refresh token (`pinr_…`); it dies when it is used (rotation). */
export interface RefreshTokenRecord {
  appId: string;
  userId: string;
  scopes: string[];
  environment: MockEnvironment;
  expiresAt: number;
}

interface ActiveFault extends MockFault {
  remaining: number;
}

interface RateWindow {
  start: number;
  count: number;
}

/** The outcome of counting one request against a rate-limit category. */
export interface RateDecision {
  limit: number;
  remaining: number;
  resetSeconds: number;
  windowSeconds: number;
  category: string;
  exceeded: boolean;
}

const LOG_CAPACITY = 2000;
/** Videos process for 2 s of mock time unless the control plane says otherwise. */
const DEFAULT_MEDIA_PROCESSING_MS = 2000;
/** Ads reports take 3 s of mock time. */
const DEFAULT_REPORT_PROCESSING_MS = 3000;
const TRIAL_DAILY_LIMIT = 1000;

/**
 * Everything a running mock knows (apps, accounts, tokens, clock, faults, log; named "world" because
 * `state` means the OAuth parameter here). The routes read and change it, `control` exposes it to tests.
 */
export class MockWorld {
  apps = new Map<string, MockApp>();
  users: MockUser[] = [];
  stores!: Record<MockEnvironment, DataStore>;
  readonly codes = new Map<string, CodeRecord>();
  readonly accessTokens = new Map<string, AccessTokenRecord>();
  readonly refreshTokens = new Map<string, RefreshTokenRecord>();
  /** Scopes each user ever granted each app (`appId:userId`): Pinterest returns their union. */
  readonly grants = new Map<string, Set<string>>();
  faults: ActiveFault[] = [];
  log: MockRequestLogEntry[] = [];
  autoApprove: false | string;
  clockOffsetMs = 0;
  private readonly rateWindows = new Map<string, RateWindow>();
  /** How long uploaded videos process (mock time) and how many next uploads fail (set by the control plane). */
  readonly mediaSettings = {
    processingMs: DEFAULT_MEDIA_PROCESSING_MS,
    failNext: 0,
    maxUploadBytes: MAX_UPLOAD_BYTES,
  };
  /** How long ads reports take (mock time) and how many next ones fail. */
  readonly reportSettings = { processingMs: DEFAULT_REPORT_PROCESSING_MS, failNext: 0 };
  /** Base URL of the running server, for media URLs and hints (set once listening). */
  baseUrl = 'http://127.0.0.1';

  constructor(readonly options: PinterestMockOptions) {
    this.autoApprove = options.autoApprove ?? false;
    this.resetData();
  }

  now(): number {
    return Date.now() + this.clockOffsetMs;
  }

  /** Rebuilds apps, users and both environments' data from the options. */
  resetData(): void {
    this.apps = new Map(
      (this.options.apps ?? [DEFAULT_APP]).map((app) => [
        app.appId,
        { ...app, redirectUris: [...app.redirectUris] },
      ]),
    );
    this.users = [...(this.options.users ?? SEED_USERS)];
    const mediaBase = () => this.baseUrl;
    this.stores = {
      production: new DataStore(
        mediaBase,
        7_000_000_000_000_000_000n,
        this.mediaSettings,
        this.reportSettings,
      ),
      sandbox: new DataStore(mediaBase, 8_000_000_000_000_000_000n, this.mediaSettings, this.reportSettings),
    };
    const now = this.now();
    for (const user of this.users) {
      this.stores.production.seedUser(user, now);
      this.stores.sandbox.seedUser(user, now);
    }
  }

  /** Back to the state at start. */
  reset(): void {
    this.clockOffsetMs = 0;
    this.codes.clear();
    this.accessTokens.clear();
    this.refreshTokens.clear();
    this.grants.clear();
    this.rateWindows.clear();
    this.faults = [];
    this.log = [];
    this.autoApprove = this.options.autoApprove ?? false;
    this.mediaSettings.processingMs = DEFAULT_MEDIA_PROCESSING_MS;
    this.mediaSettings.failNext = 0;
    this.mediaSettings.maxUploadBytes = MAX_UPLOAD_BYTES;
    this.reportSettings.processingMs = DEFAULT_REPORT_PROCESSING_MS;
    this.reportSettings.failNext = 0;
    this.resetData();
  }

  seedUser(user: MockUser): void {
    this.users = [...this.users.filter((u) => u.id !== user.id), user];
    const now = this.now();
    this.stores.production.seedUser(user, now);
    this.stores.sandbox.seedUser(user, now);
  }

  /** Adds an ad account to a user in both environments (the user keeps it across `reset()` only if seeded). */
  addAdAccount(user: MockUser, account: MockAdAccountSeed): void {
    const now = this.now();
    const seed = { ...account, id: account.id ?? this.stores.production.ads.newId() };
    for (const store of [this.stores.production, this.stores.sandbox]) {
      const firstBoard = store.boards.get(store.users.get(user.id)?.boardIds[0] ?? '');
      store.ads.seedUser({ ...user, adAccounts: [seed] }, now, firstBoard?.pinIds ?? []);
    }
  }

  /** Finds an account by id, username, or username without the `mock_` prefix. */
  findUser(idOrName: string): MockUser | undefined {
    return this.stores.production.findUser(idOrName);
  }

  /** The account a `client_credentials` token of this app acts as. */
  ownerOf(app: MockApp): MockUser | undefined {
    return app.ownerUserId ? this.findUser(app.ownerUserId) : this.users[0];
  }

  // --- OAuth -------------------------------------------------------------------------------------------

  /** Records consent and returns the scopes the user now grants the app (the union of every grant). */
  grant(app: MockApp, userId: string, requested: string[]): string[] {
    if (app.grantedScopesOverride) return [...app.grantedScopesOverride];
    const key = `${app.appId}:${userId}`;
    const set = this.grants.get(key) ?? new Set<string>();
    for (const scope of requested) set.add(scope);
    this.grants.set(key, set);
    return [...set];
  }

  issueCode(record: Omit<CodeRecord, 'expiresAt'>): string {
    const code = randomBytes(20).toString('hex');
    this.codes.set(code, { ...record, expiresAt: this.now() + CODE_LIFETIME_SECONDS * 1000 });
    return code;
  }

  /** Takes a code out (single use): it is gone after this call whatever happens next. */
  takeCode(code: string): CodeRecord | undefined {
    const record = this.codes.get(code);
    this.codes.delete(code);
    if (!record || record.expiresAt <= this.now()) return undefined;
    return record;
  }

  issueAccessToken(record: Omit<AccessTokenRecord, 'expiresAt'>): string {
    const token = randomToken(record.kind === 'client' ? 'pinc' : 'pina');
    this.accessTokens.set(token, { ...record, expiresAt: this.now() + ACCESS_TOKEN_LIFETIME_SECONDS * 1000 });
    return token;
  }

  issueRefreshToken(record: Omit<RefreshTokenRecord, 'expiresAt'>): { token: string; expiresAt: number } {
    const token = randomToken('pinr');
    const expiresAt = this.now() + REFRESH_TOKEN_LIFETIME_SECONDS * 1000;
    this.refreshTokens.set(token, { ...record, expiresAt });
    return { token, expiresAt };
  }

  /** A live access token, or undefined when unknown or expired. */
  findAccessToken(token: string): AccessTokenRecord | undefined {
    const record = this.accessTokens.get(token);
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) {
      this.accessTokens.delete(token);
      return undefined;
    }
    return record;
  }

  /** A live refresh token, or undefined when unknown, rotated away or expired. */
  findRefreshToken(token: string): RefreshTokenRecord | undefined {
    const record = this.refreshTokens.get(token);
    if (!record) return undefined;
    if (record.expiresAt <= this.now()) {
      this.refreshTokens.delete(token);
      return undefined;
    }
    return record;
  }

  revokeAllTokensOf(userId: string): number {
    let count = 0;
    for (const [token, record] of this.accessTokens) {
      if (record.userId === userId) {
        this.accessTokens.delete(token);
        count++;
      }
    }
    for (const [token, record] of this.refreshTokens) {
      if (record.userId === userId) {
        this.refreshTokens.delete(token);
        count++;
      }
    }
    return count;
  }

  // --- Rate limits -------------------------------------------------------------------------------------

  /** Counts a request against `category` for `subject`; undefined when rate limiting is off. */
  countRequest(subject: string, category: string): RateDecision | undefined {
    const config: MockRateLimits | false = this.options.rateLimits ?? {};
    if (config === false) return undefined;
    const windowSeconds = config.windowSeconds ?? 60;
    const limit = config.limits?.[category] ?? config.defaultLimit ?? 1000;
    return this.countIn(`${subject}|${category}`, category, limit, windowSeconds);
  }

  /** Trial apps: 1000 requests a day per app, on top of the per-category limits. */
  countTrialDaily(appId: string): RateDecision | undefined {
    const config = this.options.rateLimits;
    if (!this.options.trial || config === false) return undefined;
    const limit = config?.limits?.trial_daily ?? TRIAL_DAILY_LIMIT;
    return this.countIn(`${appId}|trial_daily`, 'trial_daily', limit, 86_400);
  }

  private countIn(key: string, category: string, limit: number, windowSeconds: number): RateDecision {
    const now = this.now();
    const windowMs = windowSeconds * 1000;
    let window = this.rateWindows.get(key);
    if (!window || now - window.start >= windowMs) {
      window = { start: now, count: 0 };
      this.rateWindows.set(key, window);
    }
    window.count++;
    const exceeded = window.count > limit;
    return {
      limit,
      remaining: Math.max(0, limit - window.count),
      resetSeconds: Math.max(1, Math.ceil((window.start + windowMs - now) / 1000)),
      windowSeconds,
      category,
      exceeded,
    };
  }

  // --- Faults and log ----------------------------------------------------------------------------------

  addFault(fault: MockFault): void {
    const times = fault.times ?? 1;
    if (!Number.isInteger(times) || times < 1) {
      throw new TypeError(`fault.times must be a positive integer (got ${String(fault.times)})`);
    }
    if (typeof fault.path !== 'string' || !fault.path.startsWith('/')) {
      throw new TypeError(`fault.path must be a path starting with "/" (got ${JSON.stringify(fault.path)})`);
    }
    this.faults.push({ ...fault, method: fault.method?.toUpperCase(), remaining: times });
  }

  /** The first fault matching this request, consumed once. */
  takeFault(method: string, path: string): MockFault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        (f.method === undefined || f.method === method) &&
        (f.path.endsWith('*') ? path.startsWith(f.path.slice(0, -1)) : f.path === path),
    );
    if (index === -1) return undefined;
    const fault = this.faults[index] as ActiveFault;
    fault.remaining--;
    if (fault.remaining <= 0) this.faults.splice(index, 1);
    return fault;
  }

  record(entry: MockRequestLogEntry | MockTokenRequestLogEntry): void {
    if (this.log.length >= LOG_CAPACITY) this.log.shift();
    this.log.push(entry);
  }
}
