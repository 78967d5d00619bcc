/**
 * Check 2b, redirect URI registered: open the consent page the way the app will (without following it) and
 * see whether Pinterest refuses the App ID, the redirect URI or the scopes before anyone logs in.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import type { DoctorContext } from './context.js';
import { DOCS } from './docs-links.js';
import { ask } from './http.js';
import type { CheckResult } from './types.js';

const TITLE = 'Redirect URI registered';

/** The visible text of an HTML page, shortened. */
function pageText(html: string): string {
  return html
    .replace(/<(head|script|style)[^>]*>[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Ask the consent page whether it accepts this App ID, redirect URI and scopes. */
export async function checkRedirectRegistered(ctx: DoctorContext): Promise<CheckResult> {
  const { appId, redirectUri, scopes, oauthUrl } = ctx.settings;
  if (!redirectUri || !appId) {
    return { id: 'redirect-registered', title: TITLE, status: 'skip', summary: 'No login is configured.' };
  }
  const url = new URL(`${oauthUrl}/oauth/`);
  url.search = new URLSearchParams({
    client_id: appId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: scopes.join(','),
    state: randomBytes(16).toString('base64url'),
  }).toString();
  const answer = await ask(ctx.fetch, url.href, { method: 'GET' }, ctx.timeoutMs, ctx.now);
  if (!answer.ok) {
    return {
      id: 'redirect-registered',
      title: TITLE,
      status: 'fail',
      summary: `The consent page could not be reached (${answer.code}).`,
      fix: 'Check PINTEREST_OAUTH_URI and the network, then run the doctor again.',
      docs: DOCS.unreachable,
    };
  }
  if (answer.status < 400) {
    // Straight back to the redirect URI (an app already authorized, or the mock's auto-approve) proves it;
    // a login page only shows that nothing was refused before the login.
    const back = answer.headers.get('location')?.startsWith(redirectUri) === true;
    return {
      id: 'redirect-registered',
      title: TITLE,
      status: 'pass',
      summary: back
        ? `The consent page accepts App ID ${appId} with ${redirectUri}.`
        : `The consent page does not refuse App ID ${appId} with ${redirectUri} (Pinterest checks it again at the login).`,
    };
  }
  const text = pageText(answer.text);
  const said = text
    ? `It says: "${text.length > 400 ? `${text.slice(0, 400)}…` : text}"`
    : `HTTP ${answer.status}`;
  if (/redirect/i.test(text)) {
    return {
      id: 'redirect-registered',
      title: TITLE,
      status: 'fail',
      summary: `Pinterest's consent page refuses ${redirectUri}.`,
      fix: `Add ${redirectUri} exactly, character for character, under developers.pinterest.com → My apps → Configure → Redirect URIs.`,
      docs: DOCS.redirectNotRegistered,
      details: [said],
    };
  }
  if (/client_id|app id/i.test(text)) {
    return {
      id: 'redirect-registered',
      title: TITLE,
      status: 'fail',
      summary: `Pinterest's consent page does not know App ID ${appId}.`,
      fix: 'Copy the App ID again from developers.pinterest.com → My apps → Manage into PINTEREST_APP_ID.',
      docs: DOCS.unknownClientId,
      details: [said],
    };
  }
  return {
    id: 'redirect-registered',
    title: TITLE,
    status: 'fail',
    summary: `Pinterest's consent page refuses the login request (HTTP ${answer.status}).`,
    fix: 'Read what the consent page says below and fix that setting (App ID, redirect URI or scopes).',
    docs: DOCS.redirectNotRegistered,
    details: [said],
  };
}
