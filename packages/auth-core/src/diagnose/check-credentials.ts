/**
 * Check 4, credentials: the client-credentials grant (RFC 6749 §4.4), which Pinterest offers an app for its
 * owner's own account, proves that App ID and secret belong together without a user. When Pinterest refuses
 * the grant for another reason, that proves nothing either way, and the check says so.
 *
 * @module
 */
import { fingerprint } from '../fingerprint.js';
import { type DoctorContext, tokenEndpoint } from './context.js';
import { DOCS } from './docs-links.js';
import { ask, describeStatus, pinterestError } from './http.js';
import type { CheckResult } from './types.js';

const TITLE = 'App ID and secret';

/** Ask for a client-credentials token; keeps it (never shown) in the context for the later checks. */
export async function checkCredentials(ctx: DoctorContext): Promise<CheckResult> {
  const { appId, appSecret, scopes } = ctx.settings;
  if (!appId || !appSecret) {
    return {
      id: 'credentials',
      title: TITLE,
      status: 'skip',
      summary: 'No App ID and secret: only PINTEREST_ACCESS_TOKEN is used, so there is nothing to prove.',
    };
  }
  const secretFp = fingerprint(appSecret);
  const basic = Buffer.from(`${appId}:${appSecret}`, 'utf8').toString('base64');
  const body = new URLSearchParams({ grant_type: 'client_credentials', scope: scopes.join(',') });
  const answer = await ask(
    ctx.fetch,
    tokenEndpoint(ctx.settings),
    {
      method: 'POST',
      headers: {
        authorization: `Basic ${basic}`,
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body,
    },
    ctx.timeoutMs,
    ctx.now,
  );
  if (!answer.ok) {
    return {
      id: 'credentials',
      title: TITLE,
      status: 'fail',
      summary: `The token endpoint could not be reached (${answer.code}).`,
      fix: 'Check the network to the API host and run the doctor again.',
      docs: DOCS.unreachable,
    };
  }
  const token = (answer.json as { access_token?: unknown; scope?: unknown } | undefined) ?? {};
  if (answer.status === 200 && typeof token.access_token === 'string') {
    ctx.clientToken = {
      accessToken: token.access_token,
      scopes: typeof token.scope === 'string' ? token.scope.split(/[\s,]+/).filter(Boolean) : scopes,
    };
    return {
      id: 'credentials',
      title: TITLE,
      status: 'pass',
      summary: `App ID ${appId} and secret ${secretFp} (fingerprint) belong together: Pinterest issued a client-credentials token.`,
    };
  }
  const status = describeStatus(answer.status, answer.json);
  const rid = answer.headers.get('x-pinterest-rid');
  const details = rid ? [`x-pinterest-rid: ${rid}`] : [];
  if (answer.status === 401) {
    return {
      id: 'credentials',
      title: TITLE,
      status: 'fail',
      summary: `Pinterest refused App ID ${appId} with the secret ${secretFp} (fingerprint): ${status}.`,
      fix: `Copy the App secret key of App ID ${appId} again from developers.pinterest.com → My apps → Manage into PINTEREST_APP_SECRET.`,
      docs: DOCS.authFailed,
      details,
    };
  }
  const { message } = pinterestError(answer.json);
  return {
    id: 'credentials',
    title: TITLE,
    status: 'warn',
    summary: `Not proven: Pinterest refused the client-credentials grant with ${status}${message ? ` ("${message.slice(0, 120)}")` : ''}, which says nothing about the secret.`,
    fix: 'The first login will prove the credentials; client credentials need the app owner to have two-factor authentication on.',
    docs: DOCS.authFailed,
    details,
  };
}
