import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';

interface Page<T> {
  items: T[];
  bookmark: string | null;
}
interface Entity {
  id: string;
  name?: string;
  ad_account_id: string;
  status?: string;
}

let mock: PinterestMock;
let token: string;
const ACCOUNT = '549755885175';

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(async () => {
  mock.control.reset();
  token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
});

const day = (offset: number) => new Date(mock.control.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('ad accounts, campaigns, ad groups and ads', () => {
  it('lists the seeded account and its campaign, creates and updates in batches', async () => {
    const accounts = await api<Page<Entity>>(mock, 'GET', '/v5/ad_accounts', token);
    expect(accounts.body.items.map((a) => a.id)).toEqual([ACCOUNT]);
    const campaigns = await api<Page<Entity>>(mock, 'GET', `/v5/ad_accounts/${ACCOUNT}/campaigns`, token);
    expect(campaigns.body.items.map((c) => c.id)).toEqual(['626736533506']);

    const created = await api<{ items: { data: Entity }[] }>(
      mock,
      'POST',
      `/v5/ad_accounts/${ACCOUNT}/campaigns`,
      token,
      [{ ad_account_id: ACCOUNT, name: 'Spring sale', objective_type: 'AWARENESS' }],
    );
    expect(created.status).toBe(200);
    const id = created.body.items[0]?.data.id ?? '';
    const updated = await api<{ items: { data: Entity }[] }>(
      mock,
      'PATCH',
      `/v5/ad_accounts/${ACCOUNT}/campaigns`,
      token,
      [{ id, ad_account_id: ACCOUNT, status: 'PAUSED' }],
    );
    expect(updated.body.items[0]?.data).toMatchObject({ id, name: 'Spring sale', status: 'PAUSED' });
    const got = await api<Entity>(mock, 'GET', `/v5/ad_accounts/${ACCOUNT}/campaigns/${id}`, token);
    expect(got.body).toMatchObject({ id, status: 'PAUSED' });

    const groups = await api<Page<Entity>>(mock, 'GET', `/v5/ad_accounts/${ACCOUNT}/ad_groups`, token);
    expect(groups.body.items).toHaveLength(1);
    const adsList = await api<Page<Entity>>(mock, 'GET', `/v5/ad_accounts/${ACCOUNT}/ads`, token);
    expect(adsList.body.items).toHaveLength(1);
  });

  it('adds ad accounts through the control plane; another user’s account is refused', async () => {
    mock.control.addAdAccount('bob', { id: '549755885999', name: 'Bob ads' });
    const bob = (await login(mock, { scope: EVERY_SCOPE })).access_token;
    expect((await api(mock, 'GET', '/v5/ad_accounts/549755885999', bob)).status).toBe(403);
    mock.control.setAutoApprove('bob');
    const bobToken = (await login(mock, { scope: EVERY_SCOPE })).access_token;
    const listed = await api<Page<Entity>>(mock, 'GET', '/v5/ad_accounts', bobToken);
    expect(listed.body.items.map((a) => a.id)).toEqual(['549755885999']);
  });

  it('answers ad account analytics per day for the requested columns', async () => {
    const response = await api<Record<string, unknown>[]>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}/analytics?start_date=${day(-6)}&end_date=${day(0)}&columns=SPEND_IN_DOLLAR,TOTAL_CLICKTHROUGH&granularity=DAY`,
      token,
    );
    expect(response.status).toBe(200);
    expect(response.body).toHaveLength(7);
    expect(Object.keys(response.body[0] ?? {}).sort()).toEqual([
      'AD_ACCOUNT_ID',
      'DATE',
      'SPEND_IN_DOLLAR',
      'TOTAL_CLICKTHROUGH',
    ]);
  });
});

describe('asynchronous reports', () => {
  const request = () => ({
    start_date: day(-6),
    end_date: day(0),
    granularity: 'DAY',
    level: 'ADVERTISER',
    columns: ['SPEND_IN_DOLLAR', 'TOTAL_IMPRESSION'],
    report_format: 'CSV',
  });

  it('goes IN_PROGRESS → FINISHED; the file holds the requested columns for the requested dates', async () => {
    const created = await api<{ token: string; report_status: string }>(
      mock,
      'POST',
      `/v5/ad_accounts/${ACCOUNT}/reports`,
      token,
      request(),
    );
    expect(created.status).toBe(200);
    expect(created.body.report_status).toBe('IN_PROGRESS');
    const poll = () =>
      api<{ report_status: string; url: string | null; size: number | null }>(
        mock,
        'GET',
        `/v5/ad_accounts/${ACCOUNT}/reports?token=${created.body.token}`,
        token,
      );
    expect((await poll()).body.report_status).toBe('IN_PROGRESS');
    mock.control.advanceClock(5);
    const done = await poll();
    expect(done.body.report_status).toBe('FINISHED');
    const file = await fetch(done.body.url ?? '');
    expect(file.status).toBe(200);
    const text = await file.text();
    expect(Buffer.byteLength(text)).toBe(done.body.size);
    const [header, ...rows] = text.trim().split('\n');
    expect(header).toBe('AD_ACCOUNT_ID,DATE,SPEND_IN_DOLLAR,TOTAL_IMPRESSION');
    expect(rows.map((row) => row.split(',')[1])).toEqual([-6, -5, -4, -3, -2, -1, 0].map(day));
    // The same numbers as the synchronous analytics.
    const sync = await api<Record<string, number>[]>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}/analytics?start_date=${day(-6)}&end_date=${day(0)}&columns=SPEND_IN_DOLLAR,TOTAL_IMPRESSION&granularity=DAY`,
      token,
    );
    expect(rows[0]?.split(',')[2]).toBe(String(sync.body[0]?.SPEND_IN_DOLLAR));
  });

  it('fails when the control plane says so; an unknown token does not exist', async () => {
    mock.control.failNextReports(1);
    const created = await api<{ token: string }>(
      mock,
      'POST',
      `/v5/ad_accounts/${ACCOUNT}/reports`,
      token,
      request(),
    );
    mock.control.advanceClock(5);
    const failed = await api<{ report_status: string }>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}/reports?token=${created.body.token}`,
      token,
    );
    expect(failed.body.report_status).toBe('FAILED');
    const unknown = await api<{ report_status: string }>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}/reports?token=nope`,
      token,
    );
    expect(unknown.body.report_status).toBe('DOES_NOT_EXIST');
  });
});
