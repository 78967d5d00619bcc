import type { FastifyInstance, FastifyReply } from 'fastify';
import { SCOPE_DESCRIPTIONS } from '../constants.js';
import { parseScopeList, unknownScopes } from '../scopes.js';
import type { MockApp, MockUser } from '../types.js';
import type { MockWorld } from '../world.js';

/** Parameters of the consent page, from the query (GET) or the Allow/Deny form (POST). */
interface ConsentParams {
  client_id?: string;
  /** The older name of `client_id`, still sent by published clients (FACTS §9); `client_id` wins. */
  consumer_id?: string;
  /** Sent by older clients (`refreshable=true`); every grant is refreshable now, so it is ignored. */
  refreshable?: string;
  redirect_uri?: string;
  response_type?: string;
  scope?: string;
  state?: string;
  user_id?: string;
  decision?: string;
}

type Checked =
  | { ok: true; app: MockApp; redirectUri: string; scopes: string[] }
  | { ok: false; html: string };

function escapeHtml(value: string): string {
  return value
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>
body{font-family:system-ui,sans-serif;background:#f1f1f1;margin:0;padding:2rem;color:#111}
main{max-width:34rem;margin:auto;background:#fff;border-radius:16px;padding:2rem;box-shadow:0 1px 6px #0002}
h1{font-size:1.4rem}.mock{color:#595959;font-size:.85rem}ul{padding-left:1.2rem}
code{background:#efefef;padding:0 .25rem;border-radius:4px;word-break:break-all}
.actions{display:flex;gap:1rem;margin-top:1.5rem}
button{font-size:1rem;padding:.7rem 1.4rem;border-radius:24px;border:0;cursor:pointer}
button[value=allow]{background:#c8001e;color:#fff}button[value=deny]{background:#efefef}
fieldset{border:1px solid #ddd;border-radius:8px}
</style>
</head>
<body><main>
<p class="mock">Pinterest (local mock)</p>
${body}
</main></body>
</html>`;
}

function errorPage(title: string, detail: string): { ok: false; html: string } {
  return { ok: false, html: page(title, `<h1>${escapeHtml(title)}</h1>${detail}`) };
}

/** Validates a consent request the way Pinterest does: the app, the exact redirect URI, the scopes. */
function checkRequest(state: MockWorld, params: ConsentParams): Checked {
  const clientId = params.client_id ?? params.consumer_id;
  const app = clientId ? state.apps.get(clientId) : undefined;
  if (!clientId || !app) {
    return errorPage(
      'Invalid client_id',
      `<p>No app with the App ID <code>${escapeHtml(clientId ?? '(missing)')}</code> is registered. Send the numeric App ID from My apps as <code>client_id</code>.</p>`,
    );
  }
  const redirectUri = params.redirect_uri;
  if (!redirectUri || !app.redirectUris.includes(redirectUri)) {
    const registered = app.redirectUris.map((uri) => `<li><code>${escapeHtml(uri)}</code></li>`).join('');
    return errorPage(
      'Invalid redirect_uri',
      `<p>The <code>redirect_uri</code> sent, <code>${escapeHtml(redirectUri ?? '(missing)')}</code>, is not registered for this app. It must match one of the registered redirect URIs exactly (scheme, host, port, path and trailing slash):</p><ul>${registered || '<li>(none registered)</li>'}</ul><p>Add it under My apps → Configure → Redirect URIs, or send a registered one.</p>`,
    );
  }
  if (params.response_type !== 'code') {
    return errorPage(
      'Invalid response_type',
      `<p><code>response_type</code> must be <code>code</code> (got <code>${escapeHtml(params.response_type ?? '(missing)')}</code>).</p>`,
    );
  }
  const scopes = parseScopeList(params.scope);
  const unknown = unknownScopes(scopes);
  if (scopes.length === 0 || unknown.length > 0) {
    return errorPage(
      'Invalid scope',
      scopes.length === 0
        ? '<p>The <code>scope</code> parameter is missing: list the scopes the app needs, comma separated.</p>'
        : `<p>Unknown scope(s): ${unknown.map((s) => `<code>${escapeHtml(s)}</code>`).join(', ')}.</p>`,
    );
  }
  return { ok: true, app, redirectUri, scopes };
}

function consentHtml(app: MockApp, params: ConsentParams, scopes: string[], users: MockUser[]): string {
  const hidden = (['client_id', 'consumer_id', 'redirect_uri', 'response_type', 'scope', 'state'] as const)
    .filter((name) => params[name] !== undefined)
    .map((name) => `<input type="hidden" name="${name}" value="${escapeHtml(params[name] ?? '')}">`)
    .join('\n');
  const scopeItems = scopes
    .map(
      (scope) =>
        `<li>${escapeHtml(SCOPE_DESCRIPTIONS[scope] ?? scope)} <code>${escapeHtml(scope)}</code></li>`,
    )
    .join('');
  const userItems = users
    .map(
      (user, i) =>
        `<label><input type="radio" name="user_id" value="${escapeHtml(user.id)}"${i === 0 ? ' checked' : ''}> ${escapeHtml(user.username)}</label><br>`,
    )
    .join('');
  const appName = app.name ?? `App ${app.appId}`;
  return page(
    `Give access to ${appName}`,
    `<h1>Give <span id="app-name">${escapeHtml(appName)}</span> access to your Pinterest account?</h1>
<p>It will be able to:</p>
<ul id="scopes">${scopeItems}</ul>
<form method="post" action="/oauth/">
${hidden}
<fieldset><legend>Continue as</legend>${userItems}</fieldset>
<div class="actions">
<button type="submit" name="decision" value="allow" id="allow">Allow</button>
<button type="submit" name="decision" value="deny" id="deny">Deny</button>
</div>
</form>
<p class="mock">After you choose, you go back to <code>${escapeHtml(params.redirect_uri ?? '')}</code>.</p>`,
  );
}

function redirectWith(reply: FastifyReply, redirectUri: string, params: Record<string, string | undefined>) {
  const target = new URL(redirectUri);
  for (const [key, value] of Object.entries(params))
    if (value !== undefined) target.searchParams.set(key, value);
  return reply.code(302).header('location', target.toString()).header('cache-control', 'no-store').send();
}

function approve(
  state: MockWorld,
  reply: FastifyReply,
  app: MockApp,
  user: MockUser,
  checked: Checked & { ok: true },
  oauthState: string | undefined,
) {
  const scopes = state.grant(app, user.id, checked.scopes);
  const code = state.issueCode({
    appId: app.appId,
    userId: user.id,
    redirectUri: checked.redirectUri,
    scopes,
  });
  return redirectWith(reply, checked.redirectUri, { code, state: oauthState });
}

/**
 * The consent page `www.pinterest.com/oauth/`: validates the request, then either shows Allow/Deny with a
 * choice of seeded account, or (auto-approve) redirects at once.
 */
export async function consentRoutes(app: FastifyInstance, opts: { state: MockWorld }): Promise<void> {
  const { state } = opts;

  const render = (reply: FastifyReply, status: number, html: string) =>
    reply
      .code(status)
      .header('content-type', 'text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .header('referrer-policy', 'no-referrer')
      .send(html);

  // www.pinterest.com/oauth answers with a redirect to /oauth/; keep the query.
  app.get('/oauth', async (request, reply) => {
    const q = request.url.indexOf('?');
    return reply
      .code(301)
      .header('location', `/oauth/${q === -1 ? '' : request.url.slice(q)}`)
      .send();
  });

  app.get<{ Querystring: ConsentParams }>('/oauth/', async (request, reply) => {
    const params = request.query;
    const checked = checkRequest(state, params);
    if (!checked.ok) return render(reply, 400, checked.html);
    if (state.autoApprove !== false) {
      const user = state.findUser(state.autoApprove);
      if (!user) {
        return render(
          reply,
          500,
          page(
            'Auto-approve user not found',
            `<p>No seeded account matches <code>${escapeHtml(state.autoApprove)}</code>.</p>`,
          ),
        );
      }
      return approve(state, reply, checked.app, user, checked, params.state);
    }
    return render(reply, 200, consentHtml(checked.app, params, checked.scopes, state.users));
  });

  app.post<{ Body: ConsentParams }>('/oauth/', async (request, reply) => {
    const params = (request.body ?? {}) as ConsentParams;
    const checked = checkRequest(state, params);
    if (!checked.ok) return render(reply, 400, checked.html);
    if (params.decision === 'deny') {
      return redirectWith(reply, checked.redirectUri, { error: 'access_denied', state: params.state });
    }
    const user = params.user_id ? state.findUser(params.user_id) : undefined;
    if (params.decision !== 'allow' || !user) {
      return render(reply, 400, page('Choose an account', '<p>Pick an account, then Allow or Deny.</p>'));
    }
    return approve(state, reply, checked.app, user, checked, params.state);
  });
}
