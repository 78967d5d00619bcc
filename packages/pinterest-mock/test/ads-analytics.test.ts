// Ads analytics over HTTP: an ad account's figures equal the sum of its campaigns', of their ad groups' and of
// their ads', for every day and every granularity; weeks, months, hours and the total sum the days; the
// spec's date rules answer 400 code 1; reports read the same numbers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';

type Row = Record<string, string | number>;

let mock: PinterestMock;
let token: string;
const ACCOUNT = '549755885175';
const SEEDED_CAMPAIGN = '626736533506';
/** Ids created in `beforeAll`: a second campaign with two ad groups of two and one ads. */
const tree = { campaigns: [] as string[], groups: [] as string[], ads: [] as string[] };
let pinId: string;

const day = (offset: number) => new Date(mock.control.now() + offset * 86_400_000).toISOString().slice(0, 10);
const ADDITIVE = [
  'SPEND_IN_MICRO_DOLLAR',
  'PAID_IMPRESSION',
  'TOTAL_IMPRESSION',
  'CLICKTHROUGH_1',
  'TOTAL_CONVERSIONS',
];

async function created(path: string, body: unknown[]): Promise<string[]> {
  const response = await api<{ items: { data: { id: string } }[] }>(mock, 'POST', path, token, body);
  expect(response.status).toBe(200);
  return response.body.items.map((item) => item.data.id);
}

async function rows(path: string, query: Record<string, string>): Promise<Row[]> {
  const response = await api<Row[]>(mock, 'GET', `${path}?${new URLSearchParams(query)}`, token);
  expect(response.status, response.text).toBe(200);
  return response.body;
}

const range = (start: number, end: number, granularity: string, columns = ADDITIVE) => ({
  start_date: day(start),
  end_date: day(end),
  granularity,
  columns: columns.join(','),
});

/** Sums the rows' additive columns per `DATE` (and `HOUR`). */
function sumByTime(list: Row[], columns = ADDITIVE): Map<string, Record<string, number>> {
  const sums = new Map<string, Record<string, number>>();
  for (const row of list) {
    const key = `${row.DATE ?? 'TOTAL'}|${row.HOUR ?? ''}`;
    const sum = sums.get(key) ?? {};
    for (const column of columns) sum[column] = (sum[column] ?? 0) + Number(row[column]);
    sums.set(key, sum);
  }
  return sums;
}

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
  token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
  const base = `/v5/ad_accounts/${ACCOUNT}`;
  const seededAds = await api<{ items: { pin_id: string }[] }>(mock, 'GET', `${base}/ads`, token);
  pinId = seededAds.body.items[0]?.pin_id ?? '';
  tree.campaigns = await created(`${base}/campaigns`, [
    { ad_account_id: ACCOUNT, name: 'Winter', objective_type: 'CONSIDERATION' },
  ]);
  tree.groups = await created(
    `${base}/ad_groups`,
    ['Gifts', 'Decor'].map((name) => ({
      name,
      campaign_id: tree.campaigns[0],
      billable_event: 'CLICKTHROUGH',
    })),
  );
  tree.ads = await created(
    `${base}/ads`,
    [tree.groups[0], tree.groups[0], tree.groups[1]].map((ad_group_id) => ({
      ad_group_id,
      pin_id: pinId,
      creative_type: 'REGULAR',
    })),
  );
});
afterAll(async () => {
  await mock.close();
});

describe('ads analytics add up across levels', () => {
  it('each day, the account = its campaigns = their ad groups = their ads; rates come from the sums', async () => {
    const base = `/v5/ad_accounts/${ACCOUNT}`;
    const query = range(-6, 0, 'DAY', [...ADDITIVE, 'SPEND_IN_DOLLAR', 'CTR']);
    const account = await rows(`${base}/analytics`, query);
    const allCampaigns = [SEEDED_CAMPAIGN, ...tree.campaigns];
    const campaigns = await rows(`${base}/campaigns/analytics`, {
      ...query,
      campaign_ids: allCampaigns.join(','),
    });
    const groupsList = await api<{ items: { id: string }[] }>(mock, 'GET', `${base}/ad_groups`, token);
    const groupIds = groupsList.body.items.map((g) => g.id);
    const groups = await rows(`${base}/ad_groups/analytics`, { ...query, ad_group_ids: groupIds.join(',') });
    const adsList = await api<{ items: { id: string }[] }>(mock, 'GET', `${base}/ads`, token);
    const ads = await rows(`${base}/ads/analytics`, {
      ...query,
      ad_ids: adsList.body.items.map((a) => a.id).join(','),
    });

    expect(account).toHaveLength(7);
    expect(campaigns).toHaveLength(7 * 2);
    expect(groups).toHaveLength(7 * 3);
    expect(ads).toHaveLength(7 * 4);
    expect(new Set(campaigns.map((r) => r.CAMPAIGN_ID))).toEqual(new Set(allCampaigns));
    expect(ads.every((r) => typeof r.AD_ID === 'string')).toBe(true);

    const accountByDay = sumByTime(account);
    expect(sumByTime(campaigns)).toEqual(accountByDay);
    expect(sumByTime(groups)).toEqual(accountByDay);
    expect(sumByTime(ads)).toEqual(accountByDay);
    for (const row of account) {
      expect(row.PAID_IMPRESSION).toBeGreaterThan(0);
      expect(row.SPEND_IN_DOLLAR).toBeCloseTo(Number(row.SPEND_IN_MICRO_DOLLAR) / 1_000_000, 6);
      expect(row.CTR).toBeCloseTo(Number(row.CLICKTHROUGH_1) / Number(row.PAID_IMPRESSION), 6);
    }
    // The new campaign's day is the sum of its own three ads.
    const winterAds = sumByTime(ads.filter((r) => tree.ads.includes(String(r.AD_ID))));
    expect(sumByTime(campaigns.filter((r) => r.CAMPAIGN_ID === tree.campaigns[0]))).toEqual(winterAds);
  });

  it('fills entity columns that apply and leaves out the rest', async () => {
    const [row] = await rows(`/v5/ad_accounts/${ACCOUNT}/ads/analytics`, {
      ...range(-1, -1, 'DAY', [
        'AD_GROUP_ID',
        'CAMPAIGN_ID',
        'PIN_ID',
        'CAMPAIGN_OBJECTIVE_TYPE',
        'PROMO_NAME',
      ]),
      ad_ids: tree.ads[2] ?? '',
    });
    expect(row).toEqual({
      AD_ID: tree.ads[2],
      DATE: day(-1),
      AD_GROUP_ID: tree.groups[1],
      CAMPAIGN_ID: tree.campaigns[0],
      PIN_ID: pinId,
      CAMPAIGN_OBJECTIVE_TYPE: 'CONSIDERATION',
    });
  });

  it('ads by campaign_ids and pin_ids; neither ad_ids nor both is 400 code 1', async () => {
    const path = `/v5/ad_accounts/${ACCOUNT}/ads/analytics`;
    const byCampaign = await rows(path, {
      ...range(-2, -2, 'TOTAL'),
      campaign_ids: tree.campaigns[0] ?? '',
      pin_ids: pinId,
    });
    expect(byCampaign.map((r) => r.AD_ID)).toEqual(tree.ads);
    const query = new URLSearchParams({ ...range(-2, -2, 'TOTAL'), campaign_ids: tree.campaigns[0] ?? '' });
    const refused = await api<{ code: number; message: string }>(mock, 'GET', `${path}?${query}`, token);
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({ code: 1, message: expect.stringContaining('ad_ids') });
  });

  it('aggregate_report_rows sums the requested campaigns into one row per day, without CAMPAIGN_ID', async () => {
    const path = `/v5/ad_accounts/${ACCOUNT}/campaigns/analytics`;
    const query = { ...range(-3, -1, 'DAY'), campaign_ids: [SEEDED_CAMPAIGN, ...tree.campaigns].join(',') };
    const aggregated = await rows(path, { ...query, aggregate_report_rows: 'true' });
    expect(aggregated).toHaveLength(3);
    expect(aggregated.every((r) => !('CAMPAIGN_ID' in r))).toBe(true);
    expect(sumByTime(aggregated)).toEqual(sumByTime(await rows(path, query)));
  });

  it('another ad account’s campaign has no rows; another user’s account is 403 code 29', async () => {
    mock.control.addAdAccount('bob', { id: '549755885999', name: 'Bob ads', campaignId: '626736599999' });
    const theirs = await rows(`/v5/ad_accounts/${ACCOUNT}/campaigns/analytics`, {
      ...range(-1, -1, 'DAY'),
      campaign_ids: '626736599999',
    });
    expect(theirs).toEqual([]);
    const query = new URLSearchParams({ ...range(-1, -1, 'DAY'), campaign_ids: '626736599999' });
    const refused = await api(
      mock,
      'GET',
      `/v5/ad_accounts/549755885999/campaigns/analytics?${query}`,
      token,
    );
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 29 });
  });
});

describe('targeting analytics', () => {
  interface Breakdown {
    data: { targeting_type: string; targeting_value: string | number; metrics: Row }[];
  }

  it('each targeting type splits the campaign’s day exactly; values have their own rates', async () => {
    const base = `/v5/ad_accounts/${ACCOUNT}`;
    const query = { ...range(-2, -1, 'DAY', [...ADDITIVE, 'CTR']), campaign_ids: tree.campaigns[0] ?? '' };
    const response = await api<Breakdown>(
      mock,
      'GET',
      `${base}/campaigns/targeting_analytics?${new URLSearchParams({ ...query, targeting_types: 'GENDER,AGE_BUCKET' })}`,
      token,
    );
    expect(response.status, response.text).toBe(200);
    const { data } = response.body;
    expect(new Set(data.filter((d) => d.targeting_type === 'GENDER').map((d) => d.targeting_value))).toEqual(
      new Set(['female', 'male', 'unknown']),
    );
    const whole = sumByTime(await rows(`${base}/campaigns/analytics`, query));
    for (const type of ['GENDER', 'AGE_BUCKET']) {
      const metrics = data.filter((d) => d.targeting_type === type).map((d) => d.metrics);
      expect(metrics.every((m) => m.CAMPAIGN_ID === tree.campaigns[0])).toBe(true);
      expect(sumByTime(metrics), type).toEqual(whole);
      for (const m of metrics) {
        const expected =
          Number(m.PAID_IMPRESSION) === 0 ? 0 : Number(m.CLICKTHROUGH_1) / Number(m.PAID_IMPRESSION);
        expect(m.CTR).toBeCloseTo(expected, 6);
      }
    }
  });

  it('the ad account’s breakdown sums its ads’ breakdowns, value by value', async () => {
    const base = `/v5/ad_accounts/${ACCOUNT}`;
    const query = { ...range(-1, -1, 'TOTAL'), targeting_types: 'APPTYPE' };
    const account = await api<Breakdown>(
      mock,
      'GET',
      `${base}/targeting_analytics?${new URLSearchParams(query)}`,
      token,
    );
    const adsList = await api<{ items: { id: string }[] }>(mock, 'GET', `${base}/ads`, token);
    const ads = await api<Breakdown>(
      mock,
      'GET',
      `${base}/ads/targeting_analytics?${new URLSearchParams({ ...query, ad_ids: adsList.body.items.map((a) => a.id).join(',') })}`,
      token,
    );
    const byValue = (list: Breakdown['data']) => {
      const sums: Record<string, number> = {};
      for (const d of list)
        sums[String(d.targeting_value)] =
          (sums[String(d.targeting_value)] ?? 0) + Number(d.metrics.SPEND_IN_MICRO_DOLLAR);
      return sums;
    };
    const accountSpend = byValue(account.body.data);
    expect(Object.keys(accountSpend)).toHaveLength(6);
    expect(byValue(ads.body.data)).toEqual(accountSpend);
  });
});

describe('granularity', () => {
  const path = () => `/v5/ad_accounts/${ACCOUNT}/campaigns/analytics`;
  const ids = () => ({ campaign_ids: [SEEDED_CAMPAIGN, ...tree.campaigns].join(',') });

  it('WEEK, MONTH and TOTAL rows sum the daily rows of the same campaign', async () => {
    const daily = await rows(path(), { ...range(-60, -1, 'DAY'), ...ids() });
    const perCampaign = (list: Row[]) => {
      const sums: Record<string, Record<string, number>> = {};
      for (const row of list) {
        const sum = sums[String(row.CAMPAIGN_ID)] ?? {};
        sums[String(row.CAMPAIGN_ID)] = sum;
        for (const column of ADDITIVE) sum[column] = (sum[column] ?? 0) + Number(row[column]);
      }
      return sums;
    };
    for (const granularity of ['WEEK', 'MONTH', 'TOTAL']) {
      const grouped = await rows(path(), { ...range(-60, -1, granularity), ...ids() });
      expect(perCampaign(grouped), granularity).toEqual(perCampaign(daily));
      expect(grouped.length, granularity).toBeLessThan(daily.length);
    }
    const weeks = await rows(path(), { ...range(-60, -1, 'WEEK'), ...ids() });
    const firstCampaignWeeks = weeks.filter((r) => r.CAMPAIGN_ID === SEEDED_CAMPAIGN);
    // Labelled by their first day in the range: the start, then Mondays.
    expect(firstCampaignWeeks[0]?.DATE).toBe(day(-60));
    for (const row of firstCampaignWeeks.slice(1)) {
      expect(new Date(`${row.DATE}T00:00:00Z`).getUTCDay()).toBe(1);
    }
    // Each week's figure is the sum of its days.
    const secondWeek = firstCampaignWeeks[1];
    const weekDays = daily.filter(
      (r) =>
        r.CAMPAIGN_ID === SEEDED_CAMPAIGN &&
        String(r.DATE) >= String(secondWeek?.DATE) &&
        String(r.DATE) < String(firstCampaignWeeks[2]?.DATE),
    );
    expect(weekDays).toHaveLength(7);
    expect(secondWeek?.PAID_IMPRESSION).toBe(weekDays.reduce((sum, r) => sum + Number(r.PAID_IMPRESSION), 0));
    const total = (await rows(path(), { ...range(-60, -1, 'TOTAL'), ...ids() }))[0];
    expect(total).not.toHaveProperty('DATE');
  });

  it('HOUR: 24 rows a day, each with DATE and HOUR, summing to the day', async () => {
    const hourly = await rows(path(), { ...range(-3, -1, 'HOUR'), ...ids() });
    const daily = await rows(path(), { ...range(-3, -1, 'DAY'), ...ids() });
    expect(hourly).toHaveLength(daily.length * 24);
    expect(hourly.slice(0, 24).map((r) => r.HOUR)).toEqual(Array.from({ length: 24 }, (_, h) => h));
    const perDay = new Map<string, number>();
    for (const row of hourly) {
      const key = `${row.CAMPAIGN_ID}|${row.DATE}`;
      perDay.set(key, (perDay.get(key) ?? 0) + Number(row.SPEND_IN_MICRO_DOLLAR));
    }
    for (const row of daily)
      expect(perDay.get(`${row.CAMPAIGN_ID}|${row.DATE}`)).toBe(row.SPEND_IN_MICRO_DOLLAR);
  });
});

describe('date rules of the spec', () => {
  const refusal = async (path: string, query: Record<string, string>) => {
    const response = await api<{ code: number; message: string }>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}${path}?${new URLSearchParams(query)}`,
      token,
    );
    expect(response.status, JSON.stringify(query)).toBe(400);
    expect(response.body.code).toBe(1);
    return response.body.message;
  };
  const campaign = () => ({ campaign_ids: SEEDED_CAMPAIGN });

  it('refuses a start after the end, more than 90 days back, or a range over 90 days', async () => {
    expect(await refusal('/analytics', range(-1, -2, 'DAY'))).toMatch(/start_date .* is after end_date/);
    expect(await refusal('/analytics', range(-91, -80, 'DAY'))).toMatch(/more than 90 days ago/);
    expect(await refusal('/campaigns/analytics', { ...range(-90, 1, 'DAY'), ...campaign() })).toMatch(
      /is 91 days after start_date \S+; at most 90\./,
    );
    expect(await rows(`/v5/ad_accounts/${ACCOUNT}/analytics`, range(-90, 0, 'WEEK'))).not.toHaveLength(0);
  });

  it('HOUR: at most 8 days back; entities at most 3 days long, the account is not limited to 3', async () => {
    expect(await refusal('/analytics', range(-9, -8, 'HOUR'))).toMatch(
      /more than 8 days ago with granularity HOUR/,
    );
    expect(await refusal('/ad_groups/analytics', { ...range(-5, -1, 'HOUR'), ad_group_ids: '1' })).toMatch(
      /at most 3 with granularity HOUR/,
    );
    expect(await rows(`/v5/ad_accounts/${ACCOUNT}/analytics`, range(-5, -1, 'HOUR'))).toHaveLength(5 * 24);
  });

  it('days after today have no rows yet', async () => {
    expect(await rows(`/v5/ad_accounts/${ACCOUNT}/analytics`, range(-1, 2, 'DAY'))).toHaveLength(2);
  });

  it('reports: at most 186 days long; HOUR at most 8 days back', async () => {
    const create = (body: Record<string, unknown>) =>
      api<{ code: number; message: string }>(mock, 'POST', `/v5/ad_accounts/${ACCOUNT}/reports`, token, {
        level: 'CAMPAIGN',
        columns: ['SPEND_IN_DOLLAR'],
        ...body,
      });
    const long = await create({ start_date: day(-300), end_date: day(-100), granularity: 'DAY' });
    expect(long.status).toBe(400);
    expect(long.body.message).toMatch(/is 200 days after start_date \S+; at most 186\./);
    const hourly = await create({ start_date: day(-9), end_date: day(-8), granularity: 'HOUR' });
    expect(hourly.status).toBe(400);
    expect((await create({ start_date: day(-300), end_date: day(-200), granularity: 'MONTH' })).status).toBe(
      200,
    );
  });
});

describe('reports read the same numbers', () => {
  it('a CAMPAIGN-level WEEK report has the rows of campaigns/analytics', async () => {
    const query = range(-20, -1, 'WEEK', ['SPEND_IN_MICRO_DOLLAR', 'PAID_IMPRESSION']);
    const created = await api<{ token: string }>(mock, 'POST', `/v5/ad_accounts/${ACCOUNT}/reports`, token, {
      start_date: query.start_date,
      end_date: query.end_date,
      granularity: 'WEEK',
      level: 'CAMPAIGN',
      columns: ['SPEND_IN_MICRO_DOLLAR', 'PAID_IMPRESSION'],
      report_format: 'JSON',
    });
    mock.control.advanceClock(60);
    const poll = await api<{ report_status: string; url: string }>(
      mock,
      'GET',
      `/v5/ad_accounts/${ACCOUNT}/reports?token=${created.body.token}`,
      token,
    );
    expect(poll.body.report_status).toBe('FINISHED');
    const file = (await (await fetch(poll.body.url)).json()) as Record<string, Row[]>;
    const analytics = await rows(`/v5/ad_accounts/${ACCOUNT}/campaigns/analytics`, {
      ...query,
      campaign_ids: [SEEDED_CAMPAIGN, ...tree.campaigns].join(','),
    });
    expect(file[ACCOUNT]).toEqual(analytics.map((row) => ({ AD_ACCOUNT_ID: ACCOUNT, ...row })));
  });
});
