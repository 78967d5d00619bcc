/**
 * `GET /api/analytics` against the mock: the periods, the date rules of Pinterest's spec (start at most 90 days
 * back, end not after today nor before the start), numbers equal to the mock's seed, session and CSRF required.
 */
import { SEED_USERS } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsRange } from '../server/routes/analytics.js';
import type { AnalyticsView } from '../src/api.js';
import type { CookieClient } from './helpers/http.js';
import { loggedInClient, type Stack, startStack } from './helpers/stack.js';

const ALICE = SEED_USERS[0]?.id ?? '';
const DAY_MS = 86_400_000;
const isoDay = (time: number) => new Date(time).toISOString().slice(0, 10);

let stack: Stack;
let client: CookieClient;
let csrf: string;

beforeAll(async () => {
  stack = await startStack();
  ({ client, csrf } = await loggedInClient(stack));
});
afterAll(async () => {
  await stack?.close();
});

const get = (query: string) =>
  client.request(`/api/analytics${query}`, { headers: { 'x-csrf-token': csrf } });

describe('GET /api/analytics', () => {
  it('the last 30 days by default: one entry a day, totals summing the days, the same numbers as the mock', async () => {
    const response = await get('');
    expect(response.status, response.text).toBe(200);
    const view = response.json<AnalyticsView>();
    expect(view.days).toHaveLength(30);
    expect(view.end).toBe(isoDay(Date.now()));
    expect(view.totals.IMPRESSION).toBe(view.days.reduce((sum, day) => sum + day.values.IMPRESSION, 0));
    const upstream = (await stack.auth.client(ALICE).get('/user_account/analytics', {
      query: { start_date: view.start, end_date: view.end, metric_types: ['SAVE'] },
    })) as { all?: { daily_metrics?: Array<{ date: string; metrics?: Record<string, number> }> } };
    expect(view.days.map((day) => day.values.SAVE)).toEqual(
      (upstream.all?.daily_metrics ?? []).map((day) => day.metrics?.SAVE ?? 0),
    );
  });

  it.each([7, 90])('days=%i gives that many days', async (days) => {
    expect((await get(`?days=${days}`)).json<AnalyticsView>().days).toHaveLength(days);
  });

  it('a from–to range inside the rules', async () => {
    const from = isoDay(Date.now() - 10 * DAY_MS);
    const to = isoDay(Date.now() - 3 * DAY_MS);
    const view = (await get(`?from=${from}&to=${to}`)).json<AnalyticsView>();
    expect([view.start, view.end, view.days.length]).toEqual([from, to, 8]);
  });

  it.each([
    ['days=14', /must be equal to one of the allowed values/],
    [`from=${isoDay(Date.now() - 91 * DAY_MS)}&to=${isoDay(Date.now())}`, /90 days.*on or after/],
    [`from=${isoDay(Date.now())}&to=${isoDay(Date.now() + DAY_MS)}`, /cannot be after today/],
    [`from=${isoDay(Date.now() - DAY_MS)}&to=${isoDay(Date.now() - 2 * DAY_MS)}`, /on or before the end/],
    ['from=2026-02-30&to=2026-03-01', /real dates/],
    [`from=${isoDay(Date.now())}`, /both from and to/],
  ])(
    'refuses %s with 400 and a sentence saying what to change, before calling Pinterest',
    async (query, message) => {
      const before = stack.upstreamHits();
      const response = await get(`?${query}`);
      expect(response.status).toBe(400);
      expect(response.json<{ message: string }>().message).toMatch(message);
      expect(stack.upstreamHits()).toBe(before);
    },
  );

  it('needs the session and the CSRF header', async () => {
    expect((await client.request('/api/analytics')).status).toBe(403);
    expect(
      (await stack.client().request('/api/analytics', { headers: { 'x-csrf-token': csrf } })).status,
    ).toBe(401);
  });

  it('analyticsRange counts days in UTC', () => {
    const noon = Date.parse('2026-03-31T12:00:00Z');
    expect(analyticsRange({ days: 7 }, noon)).toEqual({ start: '2026-03-25', end: '2026-03-31' });
    expect(analyticsRange({ from: '2026-01-01', to: '2026-01-02' }, noon)).toEqual({
      start: '2026-01-01',
      end: '2026-01-02',
    });
  });
});
