/**
 * The doctor's local rules, without a network: configuration shapes, redirect URI rules against what the app
 * serves, and which proxy applies to a host.
 */
import { describe, expect, it } from 'vitest';
import { checkConfig } from '../src/diagnose/check-config.js';
import { checkRedirectUri } from '../src/diagnose/check-redirect-uri.js';
import { withDefaults } from '../src/diagnose/context.js';
import { fetchFollowsProxyVariables, proxyFor } from '../src/diagnose/proxy.js';

const ENV = {
  PINTEREST_APP_ID: '1234567',
  PINTEREST_APP_SECRET: 'a1b2c3d4e5f6a1b2c3d4e5f6a1b2c3d4e5f6a1b2',
  PINTEREST_REDIRECT_URI: 'http://localhost:3000/auth/callback',
  PINTEREST_SCOPES: 'user_accounts:read',
};

describe('configuration check', () => {
  it('passes a well-formed configuration and fills the defaults', () => {
    const { result, settings } = checkConfig(undefined, ENV);
    expect(result.status).toBe('pass');
    expect(settings?.apiUrl).toBe('https://api.pinterest.com');
    expect(result.summary).not.toContain(ENV.PINTEREST_APP_SECRET);
  });

  it('warns about spaces around a value, and fails on spaces inside the App ID', () => {
    expect(checkConfig(undefined, { ...ENV, PINTEREST_APP_ID: ' 1234567 ' }).result).toMatchObject({
      status: 'warn',
      fix: 'PINTEREST_APP_ID has spaces or a line break around it: remove them.',
    });
    expect(checkConfig(undefined, { ...ENV, PINTEREST_APP_ID: '1234 567' }).result).toMatchObject({
      status: 'fail',
      fix: 'PINTEREST_APP_ID contains whitespace inside it: paste it again as one unbroken value.',
    });
  });

  it('fails on a token pasted as the secret, without printing it', () => {
    const token = `pina_${'x'.repeat(40)}`;
    const { result } = checkConfig(undefined, { ...ENV, PINTEREST_APP_SECRET: token });
    expect(result.status).toBe('fail');
    expect(result.fix).toBe(
      'PINTEREST_APP_SECRET holds an access or refresh token, not the app secret: copy the App secret key from My apps → Manage.',
    );
    expect(JSON.stringify(result)).not.toContain(token);
  });

  it('fails when PINTEREST_ENV and the API host disagree', () => {
    const { result } = checkConfig(undefined, {
      ...ENV,
      PINTEREST_ENV: 'sandbox',
      PINTEREST_API_URI: 'https://api.pinterest.com',
    });
    expect(result.fix).toBe(
      'PINTEREST_ENV is sandbox but PINTEREST_API_URI points at api.pinterest.com (production): set PINTEREST_ENV=production or remove PINTEREST_API_URI.',
    );
  });

  it('names every missing variable, the first as the fix', () => {
    const { result, settings } = checkConfig(undefined, {});
    expect(settings).toBeUndefined();
    expect(result.fix).toMatch(/^PINTEREST_APP_ID is missing/);
    expect(result.details?.some((line) => line.startsWith('PINTEREST_APP_SECRET is missing'))).toBe(true);
  });
});

describe('redirect URI check', () => {
  const settings = (redirectUri: string) =>
    withDefaults({ appId: '1', appSecret: 's', redirectUri, scopes: [], environment: 'production' });

  it('prints the exact string to register', () => {
    const result = checkRedirectUri(settings('https://app.example.com/auth/callback'), undefined);
    expect(result.status).toBe('pass');
    expect(result.details).toContain('Register exactly: https://app.example.com/auth/callback');
  });

  it('fails on http outside loopback', () => {
    expect(checkRedirectUri(settings('http://app.example.com/cb'), undefined)).toMatchObject({
      status: 'fail',
      fix: 'Use https:// for a public host; http:// is only for localhost and 127.0.0.1.',
    });
  });

  it('warns when a URI without a path lacks the trailing slash', () => {
    const result = checkRedirectUri(settings('http://localhost:8085'), undefined);
    expect(result.status).toBe('warn');
    expect(result.fix).toContain('http://localhost:8085 and http://localhost:8085/ are different URIs');
  });

  it('tells 127.0.0.1 and localhost apart', () => {
    const result = checkRedirectUri(settings('http://127.0.0.1:8085/'), { port: 8085 });
    expect(result.status).toBe('pass');
    expect(result.details).toContain(
      '127.0.0.1 and localhost are different URIs to Pinterest: open the app on 127.0.0.1 too.',
    );
  });

  it('fails when the app serves another callback path or port', () => {
    expect(
      checkRedirectUri(settings('http://localhost:3000/cb'), { callbackPath: '/auth/callback' }).fix,
    ).toBe('Set PINTEREST_REDIRECT_URI to http://localhost:3000/auth/callback and register that.');
    expect(checkRedirectUri(settings('http://localhost:3000/cb'), { port: 3100 }).status).toBe('fail');
  });
});

describe('proxy variables', () => {
  const api = new URL('https://api.pinterest.com/v5');

  it('apply unless NO_PROXY covers the host, and never show credentials', () => {
    expect(proxyFor(api, { HTTPS_PROXY: 'http://me:pw@proxy.corp:3128' })).toBe('http://proxy.corp:3128');
    expect(
      proxyFor(api, { https_proxy: 'http://proxy.corp:3128', NO_PROXY: '.pinterest.com' }),
    ).toBeUndefined();
    expect(proxyFor(api, { HTTPS_PROXY: 'http://proxy.corp:3128', NO_PROXY: '*' })).toBeUndefined();
    expect(proxyFor(api, { HTTP_PROXY: 'http://proxy.corp:3128' })).toBeUndefined();
  });

  it('are followed by fetch only with NODE_USE_ENV_PROXY=1 on Node 22.21+ or 24.5+', () => {
    expect(fetchFollowsProxyVariables({ NODE_USE_ENV_PROXY: '1' }, '20.19.0')).toBe(false);
    expect(fetchFollowsProxyVariables({ NODE_USE_ENV_PROXY: '1' }, '22.21.0')).toBe(true);
    expect(fetchFollowsProxyVariables({ NODE_USE_ENV_PROXY: '1' }, '24.5.0')).toBe(true);
    expect(fetchFollowsProxyVariables({}, '24.5.0')).toBe(false);
  });
});
