/**
 * {@link diagnose}: run every check in order, skipping the checks that a failed one makes pointless.
 *
 * @module
 */
import { checkAccessTier } from './check-access-tier.js';
import { checkScopes, checkTokenExpiry, checkUserAccount, loadAccounts } from './check-accounts.js';
import { checkConfig } from './check-config.js';
import { checkCredentials } from './check-credentials.js';
import { checkClock, checkReachability } from './check-reachability.js';
import { checkRedirectRegistered } from './check-redirect-registered.js';
import { checkRedirectUri } from './check-redirect-uri.js';
import { checkTokenStore } from './check-token-store.js';
import type { DoctorContext } from './context.js';
import type { CheckResult, DiagnoseOptions, DiagnoseReport } from './types.js';

/** The checks, in the order they run, with their titles (for the ones skipped). */
const ORDER = [
  ['config', 'Configuration'],
  ['redirect-uri', 'Redirect URI'],
  ['reachability', 'Pinterest reachable'],
  ['clock', 'Clock'],
  ['credentials', 'App ID and secret'],
  ['redirect-registered', 'Redirect URI registered'],
  ['token-store', 'Token store'],
  ['token-expiry', 'Token expiry'],
  ['scopes', 'Scopes'],
  ['user-account', 'Live API call'],
  ['access-tier', 'Access tier'],
] as const;

type CheckId = (typeof ORDER)[number][0];

/** Which failed check makes which later checks pointless. */
const BLOCKS: Partial<Record<CheckId, CheckId[]>> = {
  reachability: ['clock', 'credentials', 'redirect-registered', 'user-account', 'access-tier'],
  'token-store': ['token-expiry', 'scopes'],
};

/**
 * Diagnose a Pinterest app's setup before the first login fails: configuration, redirect URI, reachability and
 * clock, App ID and secret (client-credentials grant, RFC 6749 §4.4), the token store, each stored account's
 * tokens and scopes, one live `GET /v5/user_account`, and the access tier. Each check returns pass / warn /
 * fail with a one-sentence fix and a docs path; nothing returned holds a secret or token (only
 * {@link fingerprint}s). Framework-free; the templates' `npm run doctor` prints it with {@link formatReport}.
 *
 * The doctor only reads: it never refreshes tokens (they rotate) and never changes the store.
 *
 * @example
 * ```ts
 * const report = await diagnose({ env: process.env, store: new FileTokenStore() });
 * process.stdout.write(formatReport(report, { color: false }));
 * process.exitCode = report.ok ? 0 : 1;
 * ```
 */
export async function diagnose(options: DiagnoseOptions = {}): Promise<DiagnoseReport> {
  const env = options.env ?? process.env;
  const checks: CheckResult[] = [...(options.appChecks ?? [])];
  const blockedBy = new Map<CheckId, string>();
  const add = (result: CheckResult) => {
    checks.push(result);
    if (result.status === 'fail') {
      for (const id of BLOCKS[result.id as CheckId] ?? [])
        if (!blockedBy.has(id)) blockedBy.set(id, result.title);
    }
  };
  const skipRest = (from: number, because: string) => {
    for (const [id, title] of ORDER.slice(from)) {
      checks.push({ id, title, status: 'skip', summary: `Not run: ${because} failed.` });
    }
  };

  const { result, settings } = checkConfig(options.config, env);
  add(result);
  if (!settings) {
    skipRest(1, result.title);
    return { ok: false, checks };
  }
  const ctx: DoctorContext = {
    settings,
    env,
    fetch: options.fetch ?? ((input, init) => globalThis.fetch(input, init)),
    timeoutMs: options.timeoutMs ?? 5_000,
    now: options.now ?? Date.now,
    accessTokenFromEnv: options.accessTokenFromEnv ?? false,
    ...(options.store ? { store: options.store } : {}),
    ...(options.accounts ? { accounts: options.accounts } : {}),
    ...(options.served ? { served: options.served } : {}),
  };
  const run = async (id: CheckId, check: () => CheckResult | Promise<CheckResult>) => {
    const because = blockedBy.get(id);
    const title = ORDER.find(([key]) => key === id)?.[1] ?? id;
    add(because ? { id, title, status: 'skip', summary: `Not run: ${because} failed.` } : await check());
  };

  await run('redirect-uri', () => checkRedirectUri(settings, options.served));
  await run('reachability', () => checkReachability(ctx, options.fetch !== undefined));
  await run('clock', () => checkClock(ctx));
  await run('credentials', () => checkCredentials(ctx));
  await run('redirect-registered', () => checkRedirectRegistered(ctx));
  await run('token-store', () => checkTokenStore(ctx));
  const { accounts, error } = blockedBy.has('token-expiry') ? { accounts: [] } : await loadAccounts(ctx);
  await run('token-expiry', () => error ?? checkTokenExpiry(ctx, accounts));
  await run('scopes', () => checkScopes(ctx, accounts));
  await run('user-account', () => checkUserAccount(ctx, accounts));
  await run('access-tier', () => checkAccessTier(ctx, accounts));
  return { ok: checks.every((check) => check.status !== 'fail'), checks };
}
