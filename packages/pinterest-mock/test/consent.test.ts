import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { APP_ID, consentPath, http, REDIRECT_URI, tokenRequest } from './support/client.js';

let mock: PinterestMock;

beforeAll(async () => {
  mock = await startPinterestMock();
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.control.reset();
});

/** Submits the consent form the way a browser would. */
function decide(fields: Record<string, string>) {
  return http(mock, 'POST', '/oauth/', {
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
}

const formFields = {
  client_id: APP_ID,
  redirect_uri: REDIRECT_URI,
  response_type: 'code',
  scope: 'boards:read,pins:read',
  state: 'xyz',
};

describe('GET /oauth/ (consent page)', () => {
  it('renders the app name, the scopes in plain words, the seeded accounts and Allow/Deny', async () => {
    const response = await http(mock, 'GET', consentPath({ scope: 'boards:read,pins:read' }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
    expect(response.headers.get('x-pinterest-rid')).toMatch(/^\d{16}$/);
    expect(response.text).toContain('Pinterest App Kit (mock)');
    expect(response.text).toContain('See your public boards, including group boards you join');
    expect(response.text).toContain('See your public Pins');
    expect(response.text).toContain('mock_alice');
    expect(response.text).toContain('mock_bob');
    expect(response.text).toMatch(/<button[^>]*value="allow"[^>]*>Allow<\/button>/);
    expect(response.text).toMatch(/<button[^>]*value="deny"[^>]*>Deny<\/button>/);
  });

  it('sends /oauth (no slash) on to /oauth/ with the query kept', async () => {
    const response = await http(mock, 'GET', '/oauth?client_id=1000001&state=s');
    expect(response.status).toBe(301);
    expect(response.headers.get('location')).toBe('/oauth/?client_id=1000001&state=s');
  });

  it('escapes what it echoes back', async () => {
    const response = await http(mock, 'GET', consentPath({ state: '"><script>alert(1)</script>' }));
    expect(response.status).toBe(200);
    expect(response.text).not.toContain('<script>alert(1)</script>');
    expect(response.text).toContain('&quot;&gt;&lt;script&gt;');
  });

  it('shows an error naming the sent and the registered URIs when redirect_uri differs by one character', async () => {
    for (const sent of [
      'http://localhost:8085',
      'http://localhost:8086/',
      'https://localhost:8085/',
      'http://127.0.0.1:8085/',
      'http://localhost:3000/auth/callback/',
      'http://localhost:3000/auth/Callback',
    ]) {
      const response = await http(mock, 'GET', consentPath({ redirect_uri: sent }));
      expect(response.status, sent).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.text).toContain('Invalid redirect_uri');
      expect(response.text).toContain(`<code>${sent}</code>`);
      expect(response.text).toContain('<code>http://localhost:8085/</code>');
      expect(response.text).toContain('<code>http://localhost:3000/auth/callback</code>');
    }
  });

  it('refuses an unknown client_id, a wrong response_type and missing or unknown scopes without redirecting', async () => {
    const cases: [Record<string, string | undefined>, string][] = [
      [{ client_id: '42' }, 'Invalid client_id'],
      [{ client_id: undefined }, 'Invalid client_id'],
      [{ response_type: 'token' }, 'Invalid response_type'],
      [{ scope: undefined }, 'Invalid scope'],
      [{ scope: 'boards:read,boards:everything' }, 'boards:everything'],
    ];
    for (const [params, text] of cases) {
      const response = await http(mock, 'GET', consentPath(params));
      expect(response.status, JSON.stringify(params)).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(response.text).toContain(text);
    }
  });

  it('redirects at once with a code and the state when auto-approve is on', async () => {
    mock.control.setAutoApprove('bob');
    const response = await http(mock, 'GET', consentPath({ state: 'abc 123' }));
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT_URI);
    expect(location.searchParams.get('state')).toBe('abc 123');
    expect(location.searchParams.get('code')).toMatch(/^[0-9a-f]{40}$/);
  });

  it('keeps a redirect URI’s own query when adding code and state', async () => {
    mock.control.addRedirectUri(APP_ID, 'http://localhost:9000/cb?tenant=a');
    mock.control.setAutoApprove('alice');
    const response = await http(
      mock,
      'GET',
      consentPath({ redirect_uri: 'http://localhost:9000/cb?tenant=a' }),
    );
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('tenant')).toBe('a');
    expect(location.searchParams.get('code')).toBeTruthy();
  });

  it('omits state from the redirect when none was sent', async () => {
    mock.control.setAutoApprove('alice');
    const response = await http(mock, 'GET', consentPath({ state: undefined }));
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.has('state')).toBe(false);
  });
});

describe('POST /oauth/ (the Allow / Deny form)', () => {
  it('Allow redirects to redirect_uri?code&state, and the code belongs to the chosen account', async () => {
    const response = await decide({ ...formFields, user_id: '1000000000000000002', decision: 'allow' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('state')).toBe('xyz');
    const code = location.searchParams.get('code') ?? '';
    const tokens = await tokenRequest<{ access_token: string }>(mock, {
      grant_type: 'authorization_code',
      code,
      redirect_uri: REDIRECT_URI,
    });
    expect(tokens.status).toBe(200);
  });

  it('Deny redirects to redirect_uri?error=access_denied&state, with no code', async () => {
    const response = await decide({ ...formFields, user_id: '1000000000000000001', decision: 'deny' });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get('location') ?? '');
    expect(location.searchParams.get('error')).toBe('access_denied');
    expect(location.searchParams.get('state')).toBe('xyz');
    expect(location.searchParams.has('code')).toBe(false);
  });

  it('re-checks the redirect URI on submit', async () => {
    const response = await decide({
      ...formFields,
      redirect_uri: 'http://evil.example/',
      user_id: '1000000000000000001',
      decision: 'allow',
    });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });
});
