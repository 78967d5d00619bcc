import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ACCESS_TOKEN_LIFETIME_SECONDS, MESSAGES, REFRESH_TOKEN_LIFETIME_SECONDS } from '../constants.js';
import { sendError } from '../errors.js';
import { parseScopeList, unknownScopes } from '../scopes.js';
import type { MockApp, MockEnvironment } from '../types.js';
import type { MockWorld } from '../world.js';
import { applyRateLimit } from './rate-limit.js';

type Form = Record<string, string | undefined>;

/**
 * Reads `Authorization: Basic base64(app_id:app_secret)` (client_secret_basic,
 * https://www.rfc-editor.org/rfc/rfc6749#section-2.3.1); undefined when absent or malformed.
 */
export function parseBasicAuth(header: string | undefined): { appId: string; secret: string } | undefined {
  if (!header) return undefined;
  // A client sends the same header on every call (and the request log reads it again): decode it once.
  const known = basicCredentials.get(header);
  if (known !== undefined) return known ?? undefined;
  const credentials = decodeBasicAuth(header);
  if (basicCredentials.size >= 1000) basicCredentials.clear();
  basicCredentials.set(header, credentials ?? null);
  return credentials;
}

const basicCredentials = new Map<string, { appId: string; secret: string } | null>();

function decodeBasicAuth(header: string): { appId: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (!match?.[1]) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return undefined;
  return Object.freeze({ appId: decoded.slice(0, colon), secret: decoded.slice(colon + 1) });
}

function isForm(request: FastifyRequest): boolean {
  const type = request.headers['content-type'] ?? '';
  return type.toLowerCase().startsWith('application/x-www-form-urlencoded');
}

/** The form body, or undefined when the parameters were not sent as one (e.g. in the query string). */
function formOf(request: FastifyRequest): Form | undefined {
  if (!isForm(request) || typeof request.body !== 'object' || request.body === null) return undefined;
  const form = request.body as Record<string, unknown>;
  if (Object.keys(form).length === 0) return undefined;
  const out: Form = {};
  for (const [key, value] of Object.entries(form))
    out[key] = Array.isArray(value) ? undefined : String(value);
  return out;
}

/** Basic client authentication; sends 401 code 2 and returns undefined on failure. */
function authenticateClient(
  state: MockWorld,
  request: FastifyRequest,
  reply: FastifyReply,
): MockApp | undefined {
  const credentials = parseBasicAuth(request.headers.authorization);
  const app = credentials ? state.apps.get(credentials.appId) : undefined;
  if (!credentials || !app || app.appSecret !== credentials.secret) {
    sendError(reply, 401, 2, MESSAGES.authFailed);
    return undefined;
  }
  return app;
}

/**
 * `POST /v5/oauth/token` (RFC 6749 §4.1.3, §4.4, §6 with Pinterest's rules: refresh-token rotation, scope
 * supersets) and `/v5/oauth/token/revoke` (RFC 7009, system users only), as Pinterest serves them: Basic
 * client auth only, a form body only, `{code, message}` errors.
 */
export async function tokenRoutes(
  app: FastifyInstance,
  opts: { state: MockWorld; environment: MockEnvironment },
): Promise<void> {
  const { state, environment } = opts;

  app.post('/v5/oauth/token', async (request, reply) => {
    const form = formOf(request);
    if (!form) return sendError(reply, 400, 1, MESSAGES.missingBody);
    const client = authenticateClient(state, request, reply);
    if (!client) return reply;
    if (applyRateLimit(state, reply, `${environment}|app:${client.appId}`, 'org_read', client.appId))
      return reply;

    const grantType = form.grant_type;
    if (grantType === 'authorization_code') return exchangeCode(client, form, reply);
    if (grantType === 'refresh_token') return refresh(client, form, reply);
    if (grantType === 'client_credentials') return clientCredentials(client, form, reply);
    return sendError(
      reply,
      400,
      1,
      grantType
        ? `Invalid grant_type "${grantType}": use authorization_code, refresh_token or client_credentials.`
        : 'Missing parameter: grant_type.',
    );
  });

  function exchangeCode(client: MockApp, form: Form, reply: FastifyReply) {
    if (!form.code) return sendError(reply, 400, 1, 'Missing parameter: code.');
    if (!form.redirect_uri) return sendError(reply, 400, 1, 'Missing parameter: redirect_uri.');
    const code = state.takeCode(form.code);
    if (!code || code.appId !== client.appId) {
      return sendError(reply, 401, 2, MESSAGES.authFailed);
    }
    if (code.redirectUri !== form.redirect_uri) {
      return sendError(
        reply,
        400,
        1,
        'Invalid parameter: redirect_uri does not match the redirect_uri of the authorization request.',
      );
    }
    const user = { appId: client.appId, userId: code.userId, environment };
    const accessToken = state.issueAccessToken({ ...user, scopes: new Set(code.scopes), kind: 'user' });
    const refreshToken = state.issueRefreshToken({ ...user, scopes: code.scopes });
    return reply.send({
      access_token: accessToken,
      refresh_token: refreshToken.token,
      response_type: 'authorization_code',
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_SECONDS,
      scope: code.scopes.join(' '),
    });
  }

  function refresh(client: MockApp, form: Form, reply: FastifyReply) {
    if (!form.refresh_token) return sendError(reply, 400, 1, 'Missing parameter: refresh_token.');
    const record = state.findRefreshToken(form.refresh_token);
    if (!record || record.appId !== client.appId || record.environment !== environment) {
      return sendError(reply, 401, 2, MESSAGES.authFailed);
    }
    let scopes = record.scopes;
    if (form.scope !== undefined) {
      const asked = parseScopeList(form.scope);
      const notGranted = asked.filter((scope) => !record.scopes.includes(scope));
      if (asked.length === 0 || notGranted.length > 0) {
        return sendError(
          reply,
          400,
          1,
          `Invalid parameter: scope must be a subset of the granted scopes (not granted: ${notGranted.join(', ') || '(empty)'}).`,
        );
      }
      scopes = asked;
    }
    // Rotation: the refresh token just used dies; the new one starts a fresh 60-day window.
    state.refreshTokens.delete(form.refresh_token);
    const owner = { appId: client.appId, userId: record.userId, environment };
    const accessToken = state.issueAccessToken({ ...owner, scopes: new Set(scopes), kind: 'user' });
    const next = state.issueRefreshToken({ ...owner, scopes: record.scopes });
    return reply.send({
      access_token: accessToken,
      refresh_token: next.token,
      response_type: 'refresh_token',
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      refresh_token_expires_in: REFRESH_TOKEN_LIFETIME_SECONDS,
      refresh_token_expires_at: Math.floor(next.expiresAt / 1000),
      scope: scopes.join(' '),
    });
  }

  function clientCredentials(client: MockApp, form: Form, reply: FastifyReply) {
    const scopes = parseScopeList(form.scope);
    if (scopes.length === 0) return sendError(reply, 400, 1, 'Missing parameter: scope.');
    const unknown = unknownScopes(scopes);
    if (unknown.length > 0)
      return sendError(reply, 400, 1, `Invalid parameter: unknown scope(s) ${unknown.join(', ')}.`);
    const owner = state.ownerOf(client);
    if (!owner) return sendError(reply, 403, 29, MESSAGES.notPermitted);
    const accessToken = state.issueAccessToken({
      appId: client.appId,
      userId: owner.id,
      environment,
      scopes: new Set(scopes),
      kind: 'client',
    });
    return reply.send({
      access_token: accessToken,
      response_type: 'client_credentials',
      token_type: 'bearer',
      expires_in: ACCESS_TOKEN_LIFETIME_SECONDS,
      scope: scopes.join(' '),
    });
  }

  app.post('/v5/oauth/token/revoke', async (request, reply) => {
    const form = formOf(request);
    if (!form) return sendError(reply, 400, 1, MESSAGES.missingBody);
    const client = authenticateClient(state, request, reply);
    if (!client) return reply;
    if (applyRateLimit(state, reply, `${environment}|app:${client.appId}`, 'org_write', client.appId))
      return reply;
    if (!form.token) return sendError(reply, 400, 1, 'Missing parameter: token.');
    const record = state.accessTokens.get(form.token) ?? state.refreshTokens.get(form.token);
    const user = record ? state.findUser(record.userId) : undefined;
    // Only tokens of system users can be revoked; everything else is refused.
    if (!record || record.appId !== client.appId || !user?.systemUser) {
      return sendError(reply, 403, 29, MESSAGES.notPermitted);
    }
    state.accessTokens.delete(form.token);
    state.refreshTokens.delete(form.token);
    return reply.code(200).send();
  });
}
