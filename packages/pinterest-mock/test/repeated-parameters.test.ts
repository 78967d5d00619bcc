/**
 * H4: a parameter sent twice is a clear 400 on every route — query, form and JSON — never a 500. One
 * mechanism in the server setup covers them all, so routes added later are covered too.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, basic, consentPath, http, login } from './support/client.js';

let mock: PinterestMock;
beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});

const CONSENT_PARAMS = ['client_id', 'redirect_uri', 'response_type', 'scope', 'state'];

function repeated(path: string, name: string, value = 'again'): string {
  const url = new URL(path, 'http://x');
  url.searchParams.append(name, value);
  return `${url.pathname}${url.search}`;
}

describe('H4: repeated parameters → 400 naming the parameter', () => {
  it('on the consent page, in the query (GET) and in the Allow/Deny form (POST)', async () => {
    for (const name of CONSENT_PARAMS) {
      const get = await http<{ message: string }>(mock, 'GET', repeated(consentPath(), name));
      expect(get.status, name).toBe(400);
      expect(get.body.message, name).toContain(name);
      const form = new URLSearchParams(new URL(consentPath(), 'http://x').search);
      form.append(name, 'again');
      form.set('decision', 'allow');
      form.set('user_id', '1000000000000000001');
      const post = await http<{ message: string }>(mock, 'POST', '/oauth/', {
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      expect(post.status, name).toBe(400);
      expect(post.body.message, name).toContain(name);
    }
  });

  it('on the token endpoint (form) and the API (query and JSON)', async () => {
    const token = await http<{ code: number; message: string }>(mock, 'POST', '/v5/oauth/token', {
      headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: basic() },
      body: 'grant_type=client_credentials&grant_type=refresh_token&scope=boards:read',
    });
    expect(token.status).toBe(400);
    expect(token.body.message).toContain('grant_type');
    const { access_token } = await login(mock, { scope: 'user_accounts:read,boards:read,boards:write' });
    const list = await api<{ message: string }>(
      mock,
      'GET',
      '/v5/boards?page_size=2&page_size=3',
      access_token,
    );
    expect(list.status).toBe(400);
    expect(list.body.message).toContain('page_size');
    const created = await http<{ message: string }>(mock, 'POST', '/v5/boards', {
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{"name":"One","description":"x","name":"Two"}',
    });
    expect(created.status).toBe(400);
    expect(created.body.message).toContain('name');
    // A repeated key deeper down, spelled with an escape, is the same key.
    const nested = await http<{ message: string }>(mock, 'POST', '/v5/boards', {
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: '{"name":"One","x":{"a":1,"\\u0061":2}}',
    });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('"a"');
  });

  it('on the control plane (JSON), answered as {error}', async () => {
    const response = await http<{ error: string }>(mock, 'POST', '/_mock/clock/advance', {
      headers: { 'content-type': 'application/json' },
      body: '{"seconds":1,"seconds":2}',
    });
    expect(response.status).toBe(400);
    expect(response.body.error).toContain('seconds');
  });

  it('JSON arrays and repeated values in different objects are not repetitions', async () => {
    const response = await http<{ ok: boolean }>(mock, 'POST', '/_mock/faults', {
      headers: { 'content-type': 'application/json' },
      body: '{"path":"/v5/nothing","status":503,"body":{"code":1,"message":"x","items":[{"a":1},{"a":2}]}}',
    });
    expect(response.status).toBe(200);
    mock.control.clearFaults();
  });

  it('a list the spec explodes may repeat; a list with explode false comes once, comma-separated', async () => {
    const { access_token } = await login(mock, { scope: 'user_accounts:read,boards:read,pins:read' });
    const boards = await api<{ items: { id: string }[] }>(
      mock,
      'GET',
      '/v5/boards?page_size=1',
      access_token,
    );
    const pins = `/v5/boards/${boards.body.items[0]?.id}/pins`;
    // creative_types: style form, explode absent (true) → once per item.
    const many = await api(mock, 'GET', `${pins}?creative_types=REGULAR&creative_types=VIDEO`, access_token);
    expect(many.status).toBe(200);
    const other = await api<{ message: string }>(
      mock,
      'GET',
      `${pins}?creative_types=REGULAR&creative_types=VIDEO&page_size=2&page_size=3`,
      access_token,
    );
    expect(other.status).toBe(400);
    expect(other.body.message).toContain('page_size');
    // metric_types: style form, explode false → one comma-separated value; repeated is a 400.
    const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
    const now = mock.control.now();
    const range = `start_date=${day(now - 9 * 86_400_000)}&end_date=${day(now)}`;
    const comma = await api(
      mock,
      'GET',
      `/v5/user_account/analytics?${range}&metric_types=IMPRESSION,SAVE`,
      access_token,
    );
    expect(comma.status, JSON.stringify(comma.body)).toBe(200);
    const repeatedMetrics = await api<{ message: string }>(
      mock,
      'GET',
      `/v5/user_account/analytics?${range}&metric_types=IMPRESSION&metric_types=SAVE`,
      access_token,
    );
    expect(repeatedMetrics.status).toBe(400);
    expect(repeatedMetrics.body.message).toContain('metric_types');
  });
});
