import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  configFromEnv,
  createPinterestAuth,
  PINTEREST_CONFIGURATION,
  PinterestConfigError,
  pinterestOAuth2Preset,
} from '../src/index.js';

const SECRET = 'CANARY-app-secret-4f9a7c1d';
const TOKEN = 'pina_CANARY_access_token_77e1';
const env = {
  PINTEREST_APP_ID: '1000001',
  PINTEREST_APP_SECRET: SECRET,
  PINTEREST_REDIRECT_URI: 'http://localhost:8085/',
  PINTEREST_SCOPES: 'user_accounts:read, boards:read pins:read',
};

function problemsOf(vars: Record<string, string | undefined>): string[] {
  try {
    configFromEnv(vars);
  } catch (error) {
    expect(error).toBeInstanceOf(PinterestConfigError);
    return (error as PinterestConfigError).problems;
  }
  throw new Error('expected configFromEnv to throw');
}

describe('configFromEnv', () => {
  it('reads the quickstart variables; scopes comma- or space-separated; production defaults', () => {
    const config = configFromEnv(env);
    expect(config).toMatchObject({
      appId: '1000001',
      appSecret: SECRET,
      redirectUri: 'http://localhost:8085/',
      scopes: ['user_accounts:read', 'boards:read', 'pins:read'],
    });
    const auth = createPinterestAuth(config);
    expect(auth.environment).toBe('production');
    expect(auth.apiBase).toBe('https://api.pinterest.com/v5');
  });

  it('PINTEREST_ENV=sandbox picks the sandbox API; PINTEREST_API_URI / PINTEREST_OAUTH_URI override hosts', () => {
    expect(createPinterestAuth(configFromEnv({ ...env, PINTEREST_ENV: 'sandbox' })).apiBase).toBe(
      'https://api-sandbox.pinterest.com/v5',
    );
    const config = configFromEnv({
      ...env,
      PINTEREST_API_URI: 'http://127.0.0.1:8765/sandbox/',
      PINTEREST_OAUTH_URI: 'http://127.0.0.1:8765',
    });
    expect(createPinterestAuth(config).apiBase).toBe('http://127.0.0.1:8765/sandbox/v5');
  });

  it('lists one clear message per problem, naming the variable', () => {
    const problems = problemsOf({
      PINTEREST_REDIRECT_URI: 'https://example.com/cb#frag',
      PINTEREST_SCOPES: 'boards:reed,pin:write',
      PINTEREST_ENV: 'staging',
    });
    expect(problems).toHaveLength(6);
    expect(problems[0]).toMatch(/^PINTEREST_APP_ID is missing/);
    expect(problems[1]).toMatch(/^PINTEREST_APP_SECRET is missing/);
    expect(problems[2]).toMatch(/^PINTEREST_REDIRECT_URI must not contain a fragment/);
    expect(problems[3]).toBe('PINTEREST_SCOPES: unknown scope "boards:reed" — did you mean "boards:read"?');
    expect(problems[4]).toBe('PINTEREST_SCOPES: unknown scope "pin:write" — did you mean "pins:write"?');
    expect(problems[5]).toMatch(/^PINTEREST_ENV must be "production" or "sandbox"/);
  });

  it('refuses http redirect URIs on non-loopback hosts, accepts loopback ones', () => {
    expect(problemsOf({ ...env, PINTEREST_REDIRECT_URI: 'http://example.com/cb' })).toEqual([
      expect.stringMatching(/^PINTEREST_REDIRECT_URI uses http:\/\/ on "example.com": use https:\/\//),
    ]);
    for (const uri of [
      'http://localhost:3000/auth/callback',
      'http://127.0.0.1:8085/',
      'http://[::1]:8085/',
    ]) {
      expect(configFromEnv({ ...env, PINTEREST_REDIRECT_URI: uri }).redirectUri).toBe(uri);
    }
    expect(problemsOf({ ...env, PINTEREST_REDIRECT_URI: '/auth/callback' })[0]).toMatch(/absolute URL/);
    expect(problemsOf({ ...env, PINTEREST_API_URI: 'http://api.example.com' })[0]).toMatch(
      /^PINTEREST_API_URI must use https/,
    );
    expect(problemsOf({ ...env, PINTEREST_APP_ID: 'my-app' })[0]).toMatch(/numeric App ID/);
  });

  it('PINTEREST_ACCESS_TOKEN alone is a valid config', () => {
    const config = configFromEnv({ PINTEREST_ACCESS_TOKEN: TOKEN });
    expect(config.accessToken).toBe(TOKEN);
  });

  it('never shows the secret or the access token in console.log / util.inspect / JSON', () => {
    const config = configFromEnv({ ...env, PINTEREST_ACCESS_TOKEN: TOKEN });
    for (const shown of [
      inspect(config),
      inspect(config, { depth: 5 }),
      JSON.stringify(config),
      `${JSON.stringify({ config })}`,
    ]) {
      expect(shown).not.toContain(SECRET);
      expect(shown).not.toContain(TOKEN);
      expect(shown).toContain('[hidden]');
    }
    const auth = createPinterestAuth(config);
    const shownAuth = inspect(auth, { depth: 10, showHidden: true });
    expect(shownAuth).not.toContain(SECRET);
    expect(shownAuth).not.toContain(TOKEN);
    expect(config.appSecret).toBe(SECRET); // still usable by code
  });

  it('createPinterestAuth validates too, with field names', () => {
    expect(() =>
      createPinterestAuth({ appId: '1', appSecret: 's', redirectUri: 'http://evil.example/cb', scopes: [] }),
    ).toThrow(/redirectUri uses http:\/\/ on "evil.example"[\s\S]*scopes is empty/);
  });
});

describe('@fastify/oauth2 glue', () => {
  it('PINTEREST_CONFIGURATION holds the production endpoints', () => {
    expect(PINTEREST_CONFIGURATION).toEqual({
      authorizeHost: 'https://www.pinterest.com',
      authorizePath: '/oauth/',
      tokenHost: 'https://api.pinterest.com',
      tokenPath: '/v5/oauth/token',
      revokePath: '/v5/oauth/token/revoke',
    });
  });

  it('pinterestOAuth2Preset follows the configured hosts, Basic auth, form body, comma-separated scopes, continuous refresh', () => {
    const preset = pinterestOAuth2Preset(
      configFromEnv({
        ...env,
        PINTEREST_API_URI: 'http://127.0.0.1:8765/sandbox',
        PINTEREST_OAUTH_URI: 'http://127.0.0.1:8765',
      }),
    );
    expect(preset.credentials.auth).toEqual({
      authorizeHost: 'http://127.0.0.1:8765',
      authorizePath: '/oauth/',
      tokenHost: 'http://127.0.0.1:8765',
      tokenPath: '/sandbox/v5/oauth/token',
      revokePath: '/sandbox/v5/oauth/token/revoke',
    });
    // scopeSeparator: simple-oauth2 (under @fastify/oauth2) joins scopes with a space unless told otherwise;
    // 'loose' keeps the Basic header plain base64(id:secret) instead of URL-encoding the secret first.
    expect(preset.credentials.options).toEqual({
      authorizationMethod: 'header',
      bodyFormat: 'form',
      scopeSeparator: ',',
      credentialsEncodingMode: 'loose',
    });
    expect(preset.tokenRequestParams).toEqual({ continuous_refresh: 'true' });
    expect(preset.callbackUri).toBe('http://localhost:8085/');
    expect(preset.credentials.client.secret).toBe(SECRET);
    expect(inspect(preset, { depth: 10 })).not.toContain(SECRET);
    expect(JSON.stringify(preset)).not.toContain(SECRET);
  });
});
