import {
  DEFAULT_APP,
  type PinterestMock,
  type PinterestMockOptions,
  startPinterestMock,
} from '@kit/pinterest-mock';
import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type CallbackResult,
  createPinterestAuth,
  type PinterestAuth,
  type PinterestAuthConfig,
} from '../src/index.js';

export const REDIRECT_URI = 'http://localhost:3000/auth/callback';

/** Starts one mock for the file; resets it after each test. */
export function useMock(options: PinterestMockOptions = {}): { readonly mock: PinterestMock } {
  const holder = {} as { mock: PinterestMock };
  beforeAll(async () => {
    holder.mock = await startPinterestMock({ autoApprove: 'alice', ...options });
  });
  afterEach(() => {
    holder.mock.control.reset();
    holder.mock.control.setAutoApprove(options.autoApprove ?? 'alice');
  });
  afterAll(async () => {
    await holder.mock.close();
  });
  return holder;
}

/** An auth object pointed at the mock, on the mock's clock, with fast retries. */
export function authFor(mock: PinterestMock, overrides: Partial<PinterestAuthConfig> = {}): PinterestAuth {
  return createPinterestAuth({
    appId: DEFAULT_APP.appId,
    appSecret: DEFAULT_APP.appSecret,
    redirectUri: REDIRECT_URI,
    scopes: ['user_accounts:read', 'boards:read', 'pins:read'],
    oauthUrl: mock.oauthUrl,
    apiUrl: mock.apiUrl,
    now: () => mock.control.now(),
    timeoutMs: 2_000,
    retry: { baseDelayMs: 5, maxDelayMs: 20 },
    ...overrides,
  });
}

/** Follows the consent URL (auto-approve) and returns the callback URL the browser would land on. */
export async function consent(url: string, init: RequestInit = {}): Promise<string> {
  const response = await fetch(url, { redirect: 'manual', ...init });
  const location = response.headers.get('location');
  await response.body?.cancel();
  if (response.status !== 302 || !location) throw new Error(`consent answered ${response.status}`);
  return location;
}

/** A whole login: consent URL → auto-approve → callback. */
export async function login(auth: PinterestAuth, returnTo?: string): Promise<CallbackResult> {
  const { url, state } = await auth.createAuthorizationURL(returnTo ? { returnTo } : {});
  return auth.handleCallback(await consent(url), { state });
}

/** Catch a rejection (fails the test if the promise resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<Error & Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Error & Record<string, unknown>;
  }
  throw new Error('expected a rejection, but the promise resolved');
}

export const DAY_S = 86_400;
