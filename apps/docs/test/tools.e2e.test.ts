import { describe, expect, it } from 'vitest';
import { siteForFile, visit } from './e2e-helpers.ts';

const web = siteForFile();

describe('redirect URI checker', () => {
  const registered = 'http://localhost:3000/auth/callback\nhttp://localhost:8085/';
  it.each([
    ['http://localhost:3000/auth/callback', 'match', []],
    ['http://localhost:8085/', 'match', []],
    ['http://localhost:3000/auth/callback/', 'mismatch', ['trailing-slash']],
    ['http://localhost:8085', 'mismatch', ['trailing-slash']],
    ['https://localhost:3000/auth/callback', 'mismatch', ['scheme']],
    ['http://127.0.0.1:3000/auth/callback', 'mismatch', ['loopback-host']],
    ['http://localhost:3001/auth/callback', 'mismatch', ['port']],
    ['http%3A%2F%2Flocalhost%3A3000%2Fauth%2Fcallback', 'mismatch', ['encoding']],
    ['http://localhost:3000/auth/callback ', 'mismatch', ['whitespace']],
    ['http://localhost:3000/Auth/callback', 'mismatch', ['case']],
    ['https://127.0.0.1:8085', 'mismatch', ['scheme', 'loopback-host', 'trailing-slash']],
  ])('%s → %s %j', async (sent, verdict, causes) => {
    await visit(web.page, `${web.site.server.url}/tools/redirect-uri-checker/`);
    const tool = web.page.locator('main section.tool').first();
    await tool.getByLabel('Registered redirect URIs').fill(registered);
    await tool.getByLabel('Redirect URI your app sends').fill(sent);
    const result = tool.getByTestId('redirect-result');
    await expect.poll(() => result.locator('[data-verdict]').getAttribute('data-verdict')).toBe(verdict);
    const shown = await result
      .locator('[data-cause]')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-cause')));
    expect(shown).toEqual(causes);
    if (verdict === 'mismatch') {
      const diff = result.getByTestId('redirect-diff');
      // The diff shows the registered characters struck and the sent ones inserted.
      expect((await diff.locator('ins, del').count()) > 0).toBe(true);
    }
  });

  it('shows the trailing slash as the one inserted character', async () => {
    await visit(web.page, `${web.site.server.url}/tools/redirect-uri-checker/`);
    const tool = web.page.locator('main section.tool').first();
    await tool.getByLabel('Registered redirect URIs').fill('http://localhost:3000/auth/callback');
    await tool.getByLabel('Redirect URI your app sends').fill('http://localhost:3000/auth/callback/');
    const diff = tool.getByTestId('redirect-diff');
    await expect.poll(() => diff.locator('ins').allTextContents()).toEqual(['/']);
    expect(await diff.locator('del').count()).toBe(0);
  });
});

describe('consent URL builder', () => {
  it('builds the URL with the picked scopes and a fresh state', async () => {
    await visit(web.page, `${web.site.server.url}/tools/consent-url-builder/`);
    const tool = web.page.locator('main section.tool');
    await tool.getByLabel('App ID').fill('1000001');
    await tool.getByLabel('Redirect URI').fill('http://localhost:8085/');
    await tool.getByRole('checkbox', { name: /^pins:read\b/ }).uncheck();
    await tool.getByRole('checkbox', { name: /^boards:write\b/ }).check();
    const output = tool.getByTestId('consent-url');
    await expect.poll(() => output.count()).toBe(1);
    const url = new URL((await output.textContent()) ?? '');
    expect(url.origin + url.pathname).toBe('https://www.pinterest.com/oauth/');
    expect(url.searchParams.get('client_id')).toBe('1000001');
    expect(url.searchParams.get('redirect_uri')).toBe('http://localhost:8085/');
    expect(url.searchParams.get('response_type')).toBe('code');
    expect(url.searchParams.get('scope')).toBe('boards:read,user_accounts:read,boards:write');
    const state = url.searchParams.get('state') ?? '';
    expect(state).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await tool.getByRole('button', { name: 'New state value' }).click();
    await expect
      .poll(async () => new URL((await output.textContent()) ?? '').searchParams.get('state'))
      .not.toBe(state);
    // The meaning of each scope comes from packages/pinterest-spec/scope-meanings.json (our own words).
    expect(await tool.getByText("Read the user's secret (private) boards as well.").count()).toBe(1);
  });

  it('explains what is wrong instead of building a URL', async () => {
    await visit(web.page, `${web.site.server.url}/tools/consent-url-builder/`);
    const tool = web.page.locator('main section.tool');
    await tool.getByLabel('App ID').fill('my-app');
    const problems = tool.getByTestId('consent-problems');
    await expect.poll(() => problems.textContent()).toMatch(/The App ID is a number/);
    expect(await tool.getByTestId('consent-url').count()).toBe(0);
  });
});

describe('scope finder', () => {
  it('lists the scopes of the picked endpoints', async () => {
    await visit(web.page, `${web.site.server.url}/tools/scope-finder/`);
    const tool = web.page.locator('main section.tool');
    // Pre-selected: the calls the templates make.
    const env = tool.getByTestId('scope-env');
    expect(await env.textContent()).toBe('PINTEREST_SCOPES=boards:read,pins:read,user_accounts:read');
    await tool.getByLabel('Find endpoints').fill('create pin');
    await tool.locator('input[data-operation="pins/create"]').check();
    await expect
      .poll(() => env.textContent())
      .toBe('PINTEREST_SCOPES=boards:read,boards:write,pins:read,pins:write,user_accounts:read');
    expect(await tool.locator('[data-scope="pins:write"]').textContent()).toContain('POST /v5/pins');
  });
});

describe('token response inspector', () => {
  it('dates a refresh response and reports a scope that was not granted', async () => {
    // The page dates the token with the clock of the moment it reads it, somewhere between these two.
    const before = Date.now();
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    const tool = web.page.locator('main section.tool');
    await tool.getByLabel('Token response (JSON)').fill(
      JSON.stringify({
        access_token: 'pina_canary_access_value',
        refresh_token: 'pinr_canary_refresh_value',
        response_type: 'refresh_token',
        token_type: 'bearer',
        expires_in: 2592000,
        refresh_token_expires_in: 5184000,
        refresh_token_expires_at: 1893456000,
        scope: 'boards:read user_accounts:read',
      }),
    );
    await tool.getByLabel('Scopes you asked for (optional)').fill('boards:read,pins:read');
    const result = tool.getByTestId('token-result');
    await expect
      .poll(() => result.getByTestId('refresh-expiry').textContent())
      .toMatch(/^2030-01-01 00:00:00 UTC/);
    expect(await result.locator('[data-grant]').getAttribute('data-grant')).toBe('refresh_token');
    const shown = /\d{4}-\d{2}-\d{2}/.exec(
      (await result.getByTestId('access-expiry').textContent()) ?? '',
    )?.[0];
    const after = Date.now();
    const dayIn30Days = (t: number) => new Date(t + 2592000 * 1000).toISOString().slice(0, 10);
    // One date, or either side of a UTC midnight passed while the test ran.
    expect([dayIn30Days(before), dayIn30Days(after)]).toContain(shown);
    expect(await result.getByTestId('missing-scopes').textContent()).toBe('pins:read');
    // Tokens are shown by prefix and fingerprint only.
    await expect.poll(() => result.textContent()).toMatch(/fingerprint [0-9a-f]{8}/);
    expect(await result.textContent()).not.toContain('canary');
  });

  it('explains a Pinterest error body', async () => {
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    const tool = web.page.locator('main section.tool');
    await tool
      .getByLabel('Token response (JSON)')
      .fill('{"code": 3, "message": "Your token does not have sufficient permissions"}');
    const result = tool.getByTestId('token-result');
    await expect.poll(() => result.textContent()).toMatch(/HTTP 401, code 3/);
    expect(await result.textContent()).toMatch(/log in again/);
  });
});

describe('token response inspector: advice', () => {
  it('does not advise a refresh for a response without a refresh token (a 24-hour test token)', async () => {
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    const tool = web.page.locator('main section.tool');
    await tool.getByLabel('Token response (JSON)').fill(
      JSON.stringify({
        access_token: 'pina_canary',
        token_type: 'bearer',
        expires_in: 86400,
        scope: 'pins:read',
      }),
    );
    const steps = tool.getByTestId('next-steps');
    await expect.poll(() => steps.textContent()).toMatch(/cannot be refreshed/);
    expect(await steps.textContent()).not.toMatch(/grant_type=refresh_token/);
    expect(await tool.getByTestId('access-expiry').textContent()).toMatch(
      /\(in (23 hours|24 hours|1 day)\)$/,
    );
  });

  it('recognises a bare client-credentials token by its prefix', async () => {
    await visit(web.page, `${web.site.server.url}/tools/token-inspector/`);
    const tool = web.page.locator('main section.tool');
    await tool.getByLabel('Token response (JSON)').fill('pinc_canary_value');
    const result = tool.getByTestId('token-result');
    await expect
      .poll(() => result.locator('[data-token-kind]').getAttribute('data-token-kind'))
      .toBe('client_credentials');
    expect(await result.textContent()).not.toContain('canary');
  });
});

describe('privacy', () => {
  it('the tools never send what is typed: every request stays on the docs server for static files', () => {
    // Every request the tool pages made went to the loopback static server, and only for files of the site.
    expect(web.site.server.requests.length).toBeGreaterThan(0);
    const unexpected = web.site.server.requests.filter(
      (r) =>
        !/^\/(?:assets\/[\w.-]+\.(?:js|css)|search-index\.json|favicon\.svg|tools\/[\w-]+\/)$/.test(r.path),
    );
    expect(unexpected).toEqual([]);
    expect(web.errors).toEqual([]);
  });
});
