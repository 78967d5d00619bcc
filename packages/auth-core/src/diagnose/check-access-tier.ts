/**
 * Check 6, access tier: an app with Trial access may only write (boards, Pins) through the sandbox; production
 * answers 403 code 29. Only matters when the app asks for write scopes and calls production. The probe is a
 * `POST /v5/boards` with an empty body: Pinterest's Trial gate answers before the body is validated, and an
 * empty body can never create a board.
 *
 * @module
 */

import type { StoredAccount } from './check-accounts.js';
import { apiBase, type DoctorContext } from './context.js';
import { DOCS } from './docs-links.js';
import { ask, describeStatus, pinterestError } from './http.js';
import type { CheckResult } from './types.js';

const TITLE = 'Access tier';
const PROBE_SCOPES = ['boards:read', 'boards:write'];

/** Whether production accepts the app's writes. */
export async function checkAccessTier(ctx: DoctorContext, accounts: StoredAccount[]): Promise<CheckResult> {
  const { environment, scopes } = ctx.settings;
  if (environment === 'sandbox') {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'pass',
      summary: 'Sandbox: Trial and Standard apps may write here.',
    };
  }
  if (!scopes.some((scope) => scope.endsWith(':write') || scope.endsWith(':write_secret'))) {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'pass',
      summary: 'The app only reads, which Trial access allows on production (1,000 requests a day).',
    };
  }
  const now = ctx.now();
  const canProbe = (granted: string[]) => PROBE_SCOPES.every((scope) => granted.includes(scope));
  const account = accounts.find(
    ({ record }) =>
      record.accessTokenExpiresAt > now && record.environment === environment && canProbe(record.scopes),
  );
  const token =
    account?.record.accessToken ??
    (ctx.clientToken && canProbe(ctx.clientToken.scopes) ? ctx.clientToken.accessToken : undefined);
  if (!token) {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'warn',
      summary: 'Not checked: no valid token with boards:read and boards:write to ask production with.',
      fix: 'If the app has Trial access, set PINTEREST_ENV=sandbox for writes until Pinterest grants Standard access.',
      docs: DOCS.trial,
    };
  }
  const answer = await ask(
    ctx.fetch,
    `${apiBase(ctx.settings)}/boards`,
    {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        accept: 'application/json',
      },
      body: '{}',
    },
    ctx.timeoutMs,
    ctx.now,
  );
  if (!answer.ok) {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'warn',
      summary: `Not checked: no answer (${answer.code}).`,
      fix: 'Run the doctor again once the API host answers.',
      docs: DOCS.unreachable,
    };
  }
  const { code } = pinterestError(answer.json);
  if (answer.status === 403 && code === 29) {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'fail',
      summary: 'Trial access: production refuses writes with HTTP 403 code 29.',
      fix: 'Set PINTEREST_ENV=sandbox (and log in again for sandbox tokens) until Pinterest upgrades the app to Standard access.',
      docs: DOCS.notPermitted,
    };
  }
  if (answer.status === 400) {
    return {
      id: 'access-tier',
      title: TITLE,
      status: 'pass',
      summary:
        'Production lets the app write: an empty test write got past the Trial gate (and created nothing).',
    };
  }
  return {
    id: 'access-tier',
    title: TITLE,
    status: 'warn',
    summary: `Not proven: the test write answered ${describeStatus(answer.status, answer.json)}.`,
    fix: 'If writes fail with 403 code 29 later, set PINTEREST_ENV=sandbox until the app has Standard access.',
    docs: DOCS.trial,
  };
}
