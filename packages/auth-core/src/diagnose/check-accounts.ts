/**
 * Check 5b, the stored accounts: each account's access and refresh expiry and environment, granted vs needed
 * scopes, and one live `GET /v5/user_account`. Reads only: the doctor never refreshes (refresh tokens rotate).
 *
 * @module
 */
import { fingerprint } from '../fingerprint.js';
import type { TokenRecord } from '../stores/types.js';
import { apiBase, type DoctorContext } from './context.js';
import { DOCS } from './docs-links.js';
import { ask, describeStatus, pinterestError } from './http.js';
import type { CheckResult } from './types.js';

/** Accounts looked at; a store with more is sampled (the first ones it lists). */
export const MAX_ACCOUNTS = 50;
const DAY_MS = 86_400_000;
/** A refresh token this close to its end is worth a warning: the account must be used (refreshed) before. */
const REFRESH_WARN_MS = 7 * DAY_MS;

/** One stored account, as the account checks see it. */
export interface StoredAccount {
  key: string;
  record: TokenRecord;
}

const days = (ms: number) =>
  `${Math.max(0, Math.round(ms / DAY_MS))} day${Math.round(ms / DAY_MS) === 1 ? '' : 's'}`;

/** Read the accounts to check (from the options, else the store's probe). */
export async function loadAccounts(
  ctx: DoctorContext,
): Promise<{ accounts: StoredAccount[]; error?: CheckResult }> {
  const keys = (ctx.accounts ?? ctx.probe?.accounts ?? []).slice(0, MAX_ACCOUNTS);
  const accounts: StoredAccount[] = [];
  if (!ctx.store) return { accounts };
  for (const key of keys) {
    try {
      const found = await ctx.store.get(key);
      if (found) accounts.push({ key, record: found.record });
    } catch (error) {
      return {
        accounts,
        error: {
          id: 'token-expiry',
          title: 'Token expiry',
          status: 'fail',
          summary: `Account ${key} could not be read from the store: ${(error as Error).message}`,
          fix: 'Fix the token store (see the store check above) and run the doctor again.',
          docs: DOCS.tokenFile,
        },
      };
    }
  }
  return { accounts };
}

/** Access and refresh expiry, and the environment each account's tokens belong to. */
export function checkTokenExpiry(ctx: DoctorContext, accounts: StoredAccount[]): CheckResult {
  const title = 'Token expiry';
  if (ctx.accessTokenFromEnv) {
    return {
      id: 'token-expiry',
      title,
      status: 'skip',
      summary: 'PINTEREST_ACCESS_TOKEN carries no expiry the doctor can read.',
    };
  }
  if (accounts.length === 0) {
    return {
      id: 'token-expiry',
      title,
      status: 'pass',
      summary: 'No account has logged in yet; log in once, then run the doctor again to check its tokens.',
    };
  }
  const now = ctx.now();
  const fails: { summary: string; fix: string; docs: string }[] = [];
  const warns: { summary: string; fix: string; docs: string }[] = [];
  const details: string[] = [];
  for (const { key, record } of accounts) {
    const access = record.accessTokenExpiresAt - now;
    const refresh =
      record.refreshTokenExpiresAt === undefined ? undefined : record.refreshTokenExpiresAt - now;
    details.push(
      `${key}: access token ${access > 0 ? `valid ${days(access)} more` : 'expired'}, refresh token ${
        record.refreshToken === undefined
          ? 'none'
          : refresh === undefined
            ? 'kept'
            : refresh > 0
              ? `valid ${days(refresh)} more`
              : 'expired'
      } (${record.environment}).`,
    );
    if (record.environment !== ctx.settings.environment) {
      fails.push({
        summary: `Account ${key} holds ${record.environment} tokens, but the app calls ${ctx.settings.environment}.`,
        fix: `Log account ${key} in again with PINTEREST_ENV=${ctx.settings.environment}, or set PINTEREST_ENV=${record.environment}.`,
        docs: DOCS.trial,
      });
    } else if (record.refreshToken === undefined && access <= 0) {
      fails.push({
        summary: `Account ${key}'s access token expired and it has no refresh token.`,
        fix: `Log account ${key} in again.`,
        docs: DOCS.refreshExpired,
      });
    } else if (refresh !== undefined && refresh <= 0) {
      fails.push({
        summary: `Account ${key}'s refresh token expired ${days(-refresh)} ago.`,
        fix: `Log account ${key} in again: an expired refresh token cannot be renewed.`,
        docs: DOCS.refreshExpired,
      });
    } else if (refresh !== undefined && refresh < REFRESH_WARN_MS) {
      warns.push({
        summary: `Account ${key}'s refresh token expires in ${days(refresh)}.`,
        fix: `Use the app as account ${key} before then: each refresh renews the refresh token for 60 days.`,
        docs: DOCS.refreshExpired,
      });
    }
  }
  const first = fails[0] ?? warns[0];
  if (!first) {
    return {
      id: 'token-expiry',
      title,
      status: 'pass',
      summary: `${accounts.length} account${accounts.length === 1 ? '' : 's'} with renewable tokens.`,
      details,
    };
  }
  return { id: 'token-expiry', title, status: fails.length > 0 ? 'fail' : 'warn', ...first, details };
}

/** Granted vs needed scopes per account. */
export function checkScopes(ctx: DoctorContext, accounts: StoredAccount[]): CheckResult {
  const title = 'Scopes';
  const needed = ctx.settings.scopes;
  if (accounts.length === 0) {
    return { id: 'scopes', title, status: 'pass', summary: `The app asks for ${needed.join(', ')}.` };
  }
  const short: string[] = [];
  for (const { key, record } of accounts) {
    const missing = needed.filter((scope) => !record.scopes.includes(scope));
    if (missing.length > 0) short.push(`${key} lacks ${missing.join(', ')}`);
  }
  if (short.length === 0) {
    return { id: 'scopes', title, status: 'pass', summary: `Every account granted ${needed.join(', ')}.` };
  }
  return {
    id: 'scopes',
    title,
    status: 'fail',
    summary: `Account ${short[0]} (granted at an earlier login).`,
    fix: 'Log these accounts in again so that they grant the new scopes: a refresh cannot add scopes.',
    docs: DOCS.missingScope,
    details: short.slice(1),
  };
}

/** One live `GET /v5/user_account`: with the first account whose access token is valid, else the app's own token. */
export async function checkUserAccount(ctx: DoctorContext, accounts: StoredAccount[]): Promise<CheckResult> {
  const title = 'Live API call';
  const now = ctx.now();
  const account = accounts.find(
    ({ record }) => record.accessTokenExpiresAt > now && record.environment === ctx.settings.environment,
  );
  const candidates: { token: string; who: string }[] = [];
  if (ctx.accessTokenFromEnv && ctx.settings.accessToken)
    candidates.push({ token: ctx.settings.accessToken, who: 'PINTEREST_ACCESS_TOKEN' });
  else if (account) candidates.push({ token: account.record.accessToken, who: `account ${account.key}` });
  else if (ctx.clientToken)
    candidates.push({ token: ctx.clientToken.accessToken, who: "the app owner's client-credentials token" });
  const chosen = candidates[0];
  if (!chosen) {
    return {
      id: 'user-account',
      title,
      status: 'warn',
      summary: 'No valid token to call the API with.',
      fix: 'Log in once, then run the doctor again.',
      docs: DOCS.goingLive,
    };
  }
  const answer = await ask(
    ctx.fetch,
    `${apiBase(ctx.settings)}/user_account`,
    { method: 'GET', headers: { authorization: `Bearer ${chosen.token}`, accept: 'application/json' } },
    ctx.timeoutMs,
    ctx.now,
  );
  const label = `GET /v5/user_account as ${chosen.who} (token ${fingerprint(chosen.token)})`;
  if (!answer.ok) {
    return {
      id: 'user-account',
      title,
      status: 'fail',
      summary: `${label}: no answer (${answer.code}).`,
      fix: 'Check the network to the API host and run the doctor again.',
      docs: DOCS.unreachable,
    };
  }
  if (answer.status === 200) {
    const username = (answer.json as { username?: unknown } | undefined)?.username;
    return {
      id: 'user-account',
      title,
      status: 'pass',
      summary: `${label}: ${typeof username === 'string' ? `@${username}` : 'HTTP 200'}.`,
    };
  }
  const status = describeStatus(answer.status, answer.json);
  const { code } = pinterestError(answer.json);
  const rid = answer.headers.get('x-pinterest-rid');
  const details = rid ? [`x-pinterest-rid: ${rid}`] : [];
  if (answer.status === 401 && code === 3) {
    return {
      id: 'user-account',
      title,
      status: 'fail',
      summary: `${label}: ${status}, the token lacks user_accounts:read.`,
      fix: 'Add user_accounts:read to PINTEREST_SCOPES and log in again.',
      docs: DOCS.missingScope,
      details,
    };
  }
  if (answer.status === 401) {
    return {
      id: 'user-account',
      title,
      status: 'fail',
      summary: `${label}: ${status}, Pinterest no longer accepts this token (revoked, or the password or username changed).`,
      fix: ctx.accessTokenFromEnv
        ? 'Generate a new token in My apps → Configure, or unset PINTEREST_ACCESS_TOKEN and log in with OAuth.'
        : 'Log this account in again.',
      docs: DOCS.authFailed,
      details,
    };
  }
  return {
    id: 'user-account',
    title,
    status: 'fail',
    summary: `${label}: ${status}.`,
    fix: 'Look the answer up in the troubleshooting page and run the doctor again.',
    docs: answer.status === 403 ? DOCS.notPermitted : DOCS.authFailed,
    details,
  };
}
