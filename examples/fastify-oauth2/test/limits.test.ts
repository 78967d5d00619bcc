/**
 * What @fastify/oauth2 8.3.0 does and does not do for Pinterest, each row of the README's table shown against
 * the real mock: through the example app where the example works around it, through the plugin itself (with
 * the preset) where the limit stays. A test here failing after an upgrade means the README must change too.
 */
import { execFile } from 'node:child_process';
import { inspect, promisify } from 'node:util';
import fastifyOAuth2, { type FastifyOAuth2Options, type OAuth2Token } from '@fastify/oauth2';
import { createPinterestAuth, pinterestOAuth2Preset } from '@kit/auth-core';
import { DEFAULT_APP, type PinterestMock } from '@kit/pinterest-mock';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import {
  buildTestApp,
  CookieJar,
  decide,
  get,
  LogCapture,
  mockAuthConfig,
  startMock,
  tokenRequests,
} from './helpers.js';

const redirectUri = 'http://localhost:3002/auth/callback';
const basicCredentials = Buffer.from(`${DEFAULT_APP.appId}:${DEFAULT_APP.appSecret}`).toString('base64');
let mock: PinterestMock;
let built: BuiltApp;
const logs = new LogCapture();
const bareApps: FastifyInstance[] = [];

beforeAll(async () => {
  mock = await startMock(redirectUri);
  built = await buildTestApp(mock, redirectUri, logs);
});
afterAll(async () => {
  await built?.app.close();
  await mock?.close();
});
beforeEach(() => {
  mock.control.reset();
  mock.control.addRedirectUri(DEFAULT_APP.appId, redirectUri);
  logs.lines.length = 0;
});
afterEach(async () => {
  for (const app of bareApps.splice(0)) await app.close();
});

/** simple-oauth2's client, which @fastify/oauth2 exposes as `.oauth2` but leaves out of its types. */
interface SimpleOAuth2Client {
  authorizeURL(params: { redirect_uri: string; scope: string[]; state: string }): string;
  getToken(params: Record<string, string>): Promise<OAuth2Token>;
}
const simpleOAuth2 = (app: FastifyInstance) =>
  (app.pinterest as unknown as { oauth2: SimpleOAuth2Client }).oauth2;

/** @fastify/oauth2 registered alone with the preset (plus `overrides`), as an app that already uses it would. */
async function bareOAuth2(overrides: Partial<FastifyOAuth2Options> = {}) {
  const preset = pinterestOAuth2Preset(mockAuthConfig(mock, redirectUri));
  const app = Fastify();
  await app.register(fastifyOAuth2, { ...preset, name: 'pinterest', ...overrides });
  await app.ready();
  bareApps.push(app);
  return { app, preset };
}

/** A fresh authorization code of mock_alice for the plugin's client (consent URL built by simple-oauth2). */
async function codeFor(app: FastifyInstance, scope: string[]): Promise<string> {
  const consentUrl = simpleOAuth2(app).authorizeURL({ redirect_uri: redirectUri, scope, state: 'unused' });
  return String((await decide(consentUrl, 'allow')).searchParams.get('code'));
}

/** Tokens through the plugin's own code exchange (what getAccessTokenFromAuthorizationCodeFlow sends). */
async function tokenThroughPlugin(app: FastifyInstance, preset: ReturnType<typeof pinterestOAuth2Preset>) {
  const code = await codeFor(app, preset.scope);
  return simpleOAuth2(app).getToken({ code, redirect_uri: redirectUri, ...preset.tokenRequestParams });
}

describe('state', () => {
  it('a callback from an older tab also ends the login in progress: the plugin clears the cookie before checking', async () => {
    const jar = new CookieJar();
    const older = await get(built.app, jar, '/auth/login');
    const newer = await get(built.app, jar, '/auth/login'); // the cookie now holds the newer state
    const olderCallback = await decide(String(older.headers.location), 'allow');
    const newerCallback = await decide(String(newer.headers.location), 'allow');

    const first = await get(built.app, jar, `${olderCallback.pathname}${olderCallback.search}`);
    expect(first.headers.location).toBe('/?problem=expired');
    const second = await get(built.app, jar, `${newerCallback.pathname}${newerCallback.search}`);
    expect(second.headers.location).toBe('/?problem=expired'); // the newer login could have finished
    expect(mock.control.tokenRequests()).toHaveLength(0);
  });

  it('a replayed callback URL is refused without a token request (the cookie was cleared)', async () => {
    const jar = new CookieJar();
    const start = await get(built.app, jar, '/auth/login');
    const callbackUrl = await decide(String(start.headers.location), 'allow');
    const path = `${callbackUrl.pathname}${callbackUrl.search}`;
    expect((await get(built.app, jar, path)).headers.location).toBe('/me');
    expect((await get(built.app, jar, path)).headers.location).toBe('/?problem=expired');
    expect(tokenRequests(mock, 'authorization_code')).toHaveLength(1);
  });

  it('any state passes when the cookie holds the same value: the plugin keeps no record of the states it issued', async () => {
    const response = await built.app.inject({
      url: '/auth/callback?code=made-up&state=never-issued',
      headers: { cookie: 'oauth2-redirect-state=never-issued' },
    });
    // Past the state check: the code went to Pinterest, which refused it.
    expect(response.headers.location).toBe('/?problem=failed');
    const [exchange] = tokenRequests(mock, 'authorization_code');
    expect(exchange?.status).toBe(401);
  });
});

describe("Pinterest's token endpoint", () => {
  it('Basic auth needs the preset\'s credentialsEncodingMode "loose": "strict" (the default) garbles secrets with +, / or =', async () => {
    const secret = 'a+b/c=d';
    mock.control.registerApp({ appId: '1000777', appSecret: secret, redirectUris: [redirectUri] });
    const config = { ...mockAuthConfig(mock, redirectUri), appId: '1000777', appSecret: secret };
    const preset = pinterestOAuth2Preset(config);
    const strict = await bareOAuth2({
      // simple-oauth2's default; @fastify/oauth2's types do not list the option.
      credentials: {
        ...preset.credentials,
        options: { ...preset.credentials.options, credentialsEncodingMode: 'strict' },
      } as FastifyOAuth2Options['credentials'],
    });
    await expect(tokenThroughPlugin(strict.app, preset)).rejects.toMatchObject({
      output: { statusCode: 401 },
    });
    const loose = await bareOAuth2({ credentials: preset.credentials });
    const token = await tokenThroughPlugin(loose.app, preset);
    expect(token.token.access_token).toMatch(/^pina/);
  });

  it("errors are simple-oauth2's generic ones; Pinterest's {code, message} is only in error.data.payload", async () => {
    const { app } = await bareOAuth2();
    const failure = await simpleOAuth2(app)
      .getToken({ code: 'made-up', redirect_uri: redirectUri })
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({
      message: 'Response Error: 401 Unauthorized',
      output: { statusCode: 401 },
      data: { payload: { code: 2 } },
    });
  });

  it("such an error carries the app secret (the request's Basic header): the example logs only status, code and request id", async () => {
    const { app } = await bareOAuth2();
    const failure = await simpleOAuth2(app)
      .getToken({ code: 'made-up', redirect_uri: redirectUri })
      .catch((error: unknown) => error);
    expect(inspect(failure, { depth: 6 })).toContain(basicCredentials);

    mock.control.injectFault({ method: 'POST', path: '/v5/oauth/token', status: 401 });
    const jar = new CookieJar();
    const start = await get(built.app, jar, '/auth/login');
    const callbackUrl = await decide(String(start.headers.location), 'allow');
    const callback = await get(built.app, jar, `${callbackUrl.pathname}${callbackUrl.search}`);
    expect(callback.headers.location).toBe('/?problem=failed');
    const line = logs.lines
      .map((text) => JSON.parse(text))
      .find((entry) => entry.msg === 'login did not complete');
    expect(line).toMatchObject({ status: 401, pinterestCode: 2 });
    expect(line.requestId).toEqual(expect.any(String));
    expect(logs.text).not.toContain(basicCredentials);
    expect(logs.text).not.toContain(DEFAULT_APP.appSecret);
    expect(logs.text).not.toContain(String(callbackUrl.searchParams.get('code')));
  });

  it('DEBUG=simple-oauth2:* prints the Basic credentials and the code on stderr: never turn it on in production', async () => {
    const preset = pinterestOAuth2Preset(mockAuthConfig(mock, redirectUri));
    // A plain copy of the client: the preset's own hides the secret from JSON.stringify.
    const options = {
      ...preset,
      credentials: { ...preset.credentials, client: { ...preset.credentials.client } },
      name: 'pinterest',
    };
    const script = `
      import Fastify from 'fastify';
      import fastifyOAuth2 from '@fastify/oauth2';
      const app = Fastify();
      await app.register(fastifyOAuth2, ${JSON.stringify(options)});
      await app.ready();
      await app.pinterest.oauth2.getToken({ code: 'debug-code', redirect_uri: '${redirectUri}' }).catch(() => {});
    `;
    // Asynchronously: the mock answering the child runs in this process.
    const child = await promisify(execFile)(process.execPath, ['--input-type=module', '-e', script], {
      cwd: new URL('..', import.meta.url),
      env: { PATH: process.env.PATH ?? '', DEBUG: 'simple-oauth2:*' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(child.stderr).toContain(basicCredentials);
    expect(child.stderr).toContain('debug-code');
  });
});

describe('refresh', () => {
  it("the plugin's refresh works once, but two at a time with one refresh token: one fails (Pinterest rotates it)", async () => {
    const { app, preset } = await bareOAuth2();
    const { token } = await tokenThroughPlugin(app, preset);
    const outcomes = await Promise.allSettled([
      app.pinterest.getNewAccessTokenUsingRefreshToken(token, {}),
      app.pinterest.getNewAccessTokenUsingRefreshToken(token, {}),
    ]);
    expect(outcomes.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refreshed = outcomes.find((outcome) => outcome.status === 'fulfilled');
    expect(refreshed?.value.token.refresh_token).not.toBe(token.refresh_token);
    // The refresh token the app still holds is dead: whoever did not store the rotated one is logged out.
    await expect(app.pinterest.getNewAccessTokenUsingRefreshToken(token, {})).rejects.toMatchObject({
      output: { statusCode: 401 },
    });
  });

  it('auth-core, given the same tokens with saveTokens, shares one refresh between concurrent callers', async () => {
    const { app, preset } = await bareOAuth2();
    const { token } = await tokenThroughPlugin(app, preset);
    const auth = createPinterestAuth(mockAuthConfig(mock, redirectUri));
    await auth.saveTokens('alice', { ...token });
    const before = tokenRequests(mock, 'refresh_token').length;
    const [first, second] = await Promise.all([auth.refresh('alice'), auth.refresh('alice')]);
    expect(first.accessToken).toBe(second.accessToken);
    expect(tokenRequests(mock, 'refresh_token').length - before).toBe(1);
    expect((await auth.getTokens('alice'))?.refreshToken).toBe(first.refreshToken);
  });
});

describe('the rest of the plugin', () => {
  it('revokeToken: Pinterest refuses it (403) for ordinary accounts, so logout deletes the local tokens instead', async () => {
    const { app, preset } = await bareOAuth2();
    const { token } = await tokenThroughPlugin(app, preset);
    await expect(app.pinterest.revokeToken(token, 'refresh_token', undefined)).rejects.toMatchObject({
      output: { statusCode: 403 },
      data: { payload: { code: 29 } },
    });
  });

  it('userinfo needs OpenID Connect discovery, which Pinterest does not offer: the example calls GET /v5/user_account', async () => {
    const { app, preset } = await bareOAuth2();
    const { token } = await tokenThroughPlugin(app, preset);
    await expect(app.pinterest.userinfo(token.access_token)).rejects.toThrow(
      'userinfo can not be used without discovery',
    );
  });
});
