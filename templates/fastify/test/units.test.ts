/** Small pure parts: HTML escaping, URL redaction, settings validation, the banner. */
import { describe, expect, it } from 'vitest';
import { formatBanner } from '../src/banner.js';
import { loadSettings, SettingsError } from '../src/config.js';
import { redactUrl } from '../src/logging.js';
import { escapeHtml, html, safeUrl } from '../src/views/html.js';

const BASE = {
  PINTEREST_APP_ID: '1000001',
  PINTEREST_APP_SECRET: 'secret-value',
};

function problemsOf(env: NodeJS.ProcessEnv): string[] {
  try {
    loadSettings(env);
  } catch (error) {
    if (error instanceof SettingsError) return error.problems;
    throw error;
  }
  return [];
}

describe('html', () => {
  it('escapes interpolated text, keeps nested html', () => {
    const name = '<script>alert("x")</script> & \'';
    expect(html`<p>${name}</p>`.value).toBe(
      '<p>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;</p>',
    );
    expect(html`<div>${html`<b>${'<i>'}</b>`}</div>`.value).toBe('<div><b>&lt;i&gt;</b></div>');
    expect(html`${[1, 'a<', null, undefined, false]}`.value).toBe('1a&lt;');
    expect(escapeHtml('`')).toBe('&#96;');
  });

  it('only lets http(s) URLs into href/src', () => {
    expect(safeUrl('https://i.pinimg.com/x.jpg')).toBe('https://i.pinimg.com/x.jpg');
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('data:text/html,hi')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl(undefined)).toBeUndefined();
  });
});

describe('redactUrl', () => {
  it('hides the values of code, state and tokens, keeps everything else', () => {
    expect(redactUrl('/auth/callback?code=abc&state=def')).toBe(
      '/auth/callback?code=[redacted]&state=[redacted]',
    );
    expect(redactUrl('/auth/callback?error=access_denied&state=s')).toBe(
      '/auth/callback?error=access_denied&state=[redacted]',
    );
    expect(redactUrl('/boards?bookmark=b1')).toBe('/boards?bookmark=b1');
    expect(redactUrl('/x?CODE=1&access_token=2')).toBe('/x?CODE=[redacted]&access_token=[redacted]');
    expect(redactUrl('/plain')).toBe('/plain');
  });
});

describe('settings', () => {
  it('defaults: redirect URI, scopes, port from the redirect URI, 127.0.0.1, no Secure on localhost', () => {
    const settings = loadSettings(BASE);
    expect(settings.auth.redirectUri).toBe('http://localhost:3000/auth/callback');
    expect(settings.auth.scopes).toEqual(['user_accounts:read', 'boards:read', 'pins:read']);
    expect(settings.port).toBe(3000);
    expect(settings.host).toBe('127.0.0.1');
    expect(settings.callbackPath).toBe('/auth/callback');
    expect(settings.publicUrl).toBe('http://localhost:3000/');
    expect(settings.secureCookies).toBe(false);
    expect(settings.environment).toBe('production');
  });

  it('https deployments get Secure cookies and listen on 0.0.0.0:3000', () => {
    const settings = loadSettings({
      ...BASE,
      PINTEREST_REDIRECT_URI: 'https://app.example.com/oauth/pinterest',
      PINTEREST_ENV: 'sandbox',
    });
    expect(settings.secureCookies).toBe(true);
    expect(settings.host).toBe('0.0.0.0');
    expect(settings.port).toBe(3000);
    expect(settings.callbackPath).toBe('/oauth/pinterest');
    expect(settings.environment).toBe('sandbox');
  });

  it('names each missing or malformed setting on one line', () => {
    const missing = problemsOf({});
    expect(missing.some((p) => p.startsWith('PINTEREST_APP_ID is missing'))).toBe(true);
    expect(missing.some((p) => p.startsWith('PINTEREST_APP_SECRET is missing'))).toBe(true);
    expect(problemsOf({ ...BASE, PORT: 'eighty' })).toEqual([
      'PORT must be a whole number from 0 to 65535 (got "eighty")',
    ]);
    expect(problemsOf({ ...BASE, PINTEREST_SCOPES: 'boards:reed' })[0]).toContain('boards:reed');
    expect(problemsOf({ ...BASE, PINTEREST_REDIRECT_URI: 'http://localhost:3000/profile' })[0]).toContain(
      "is one of the app's pages",
    );
    expect(problemsOf({ ...BASE, PINTEREST_REDIRECT_URI: 'http://app.example.com/cb' })[0]).toContain(
      'https',
    );
    expect(problemsOf({ ...BASE, SESSION_TTL_SECONDS: String(61 * 24 * 3600) })[0]).toContain(
      'SESSION_TTL_SECONDS',
    );
    expect(problemsOf({ ...BASE, TOKEN_STORE: 'disk' })[0]).toContain('TOKEN_STORE');
    expect(problemsOf({ ...BASE, REDIS_URL: 'localhost:6379' })[0]).toContain('REDIS_URL');
    for (const line of [...missing, ...problemsOf({ ...BASE, PORT: 'x', TOKEN_STORE: 'y' })]) {
      expect(line).not.toContain('\n');
    }
  });

  it('a PINTEREST_ACCESS_TOKEN is ignored by this multi-user app', () => {
    expect(loadSettings({ ...BASE, PINTEREST_ACCESS_TOKEN: 'pina_x' }).auth.accessToken).toBeUndefined();
  });
});

describe('banner', () => {
  it('says which Pinterest, which redirect URI to register, which URL to open — and no secret', () => {
    const settings = loadSettings(BASE);
    const text = formatBanner(settings, { tokens: 'memory' });
    expect(text).toContain('production — api.pinterest.com');
    expect(text).toContain('Redirect URI  http://localhost:3000/auth/callback');
    expect(text).toContain('My apps → Configure → Redirect URIs');
    expect(text).toContain('Open          http://localhost:3000/');
    expect(text).not.toContain('secret-value');
    expect(text).not.toContain('API host');
    const overridden = formatBanner(
      loadSettings({
        ...BASE,
        PINTEREST_API_URI: 'http://127.0.0.1:9999',
        PINTEREST_OAUTH_URI: 'http://127.0.0.1:9999',
      }),
      { tokens: 'memory' },
    );
    expect(overridden).toContain('API host      http://127.0.0.1:9999');
    expect(overridden).toContain('Consent host  http://127.0.0.1:9999');
    const mock = formatBanner(loadSettings(BASE, 'mock'), {
      tokens: 'memory',
      mockUrl: 'http://127.0.0.1:8765',
    });
    expect(mock).toContain('mock — a local Pinterest emulator');
    expect(mock).toContain('http://127.0.0.1:8765');
  });
});
