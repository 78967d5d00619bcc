import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type PinterestMock, SEED_USERS, startPinterestMock } from '../src/index.js';
import { api, EVERY_SCOPE, login } from './support/client.js';

interface Series {
  daily_metrics: { date: string; data_status: string; metrics: Record<string, number> }[];
  summary_metrics: Record<string, number>;
}

let mock: PinterestMock;
let token: string;
const PIN = SEED_USERS[0]?.boards?.[0]?.pins?.[0]?.id ?? '';

beforeAll(async () => {
  mock = await startPinterestMock({ autoApprove: 'alice' });
  token = (await login(mock, { scope: EVERY_SCOPE })).access_token;
});
afterAll(async () => {
  await mock.close();
});

const day = (offset: number) => new Date(mock.control.now() + offset * 86_400_000).toISOString().slice(0, 10);

describe('user_account analytics', () => {
  it('answers daily metrics whose summary is the sum of the days, the same for the same request', async () => {
    const path = `/v5/user_account/analytics?start_date=${day(-29)}&end_date=${day(0)}&metric_types=IMPRESSION,SAVE`;
    const response = await api<{ all: Series }>(mock, 'GET', path, token);
    expect(response.status).toBe(200);
    const { daily_metrics, summary_metrics } = response.body.all;
    expect(daily_metrics).toHaveLength(30);
    expect(Object.keys(summary_metrics).sort()).toEqual(['IMPRESSION', 'SAVE']);
    for (const metric of ['IMPRESSION', 'SAVE']) {
      const sum = daily_metrics.reduce((total, d) => total + (d.metrics[metric] ?? 0), 0);
      expect(summary_metrics[metric], metric).toBe(sum);
    }
    expect(daily_metrics.at(-1)?.data_status).toBe('PROCESSING');
    expect(daily_metrics[0]?.data_status).toBe('READY');
    expect((await api(mock, 'GET', path, token)).body).toEqual(response.body);
  });

  it('enforces the date rules: at most 90 days back, not in the future, start before end, dates required', async () => {
    for (const query of [
      `start_date=${day(-91)}&end_date=${day(0)}`,
      `start_date=${day(-5)}&end_date=${day(1)}`,
      `start_date=${day(-1)}&end_date=${day(-5)}`,
      `start_date=${day(-1)}`,
      `start_date=yesterday&end_date=${day(0)}`,
    ]) {
      const response = await api<{ code: number; message: string }>(
        mock,
        'GET',
        `/v5/user_account/analytics?${query}`,
        token,
      );
      expect(response.status, query).toBe(400);
      expect(response.body.code).toBe(1);
      expect(response.body.message).toMatch(/date/);
    }
  });

  it('ranks top Pins by sort_by and honours num_of_pins', async () => {
    const response = await api<{ pins: { pin_id: string; metrics: Record<string, number> }[] }>(
      mock,
      'GET',
      `/v5/user_account/analytics/top_pins?start_date=${day(-9)}&end_date=${day(0)}&sort_by=SAVE&num_of_pins=5`,
      token,
    );
    expect(response.status).toBe(200);
    const saves = response.body.pins.map((p) => p.metrics.SAVE ?? 0);
    expect(saves).toHaveLength(5);
    expect([...saves].sort((a, b) => b - a)).toEqual(saves);
    const tooMany = await api(
      mock,
      'GET',
      `/v5/user_account/analytics/top_pins?start_date=${day(-9)}&end_date=${day(0)}&sort_by=SAVE&num_of_pins=51`,
      token,
    );
    expect(tooMany.status).toBe(400);
  });

  it('answers one Pin’s analytics, totals adding up', async () => {
    const response = await api<{ all: Series }>(
      mock,
      'GET',
      `/v5/pins/${PIN}/analytics?start_date=${day(-6)}&end_date=${day(0)}&metric_types=IMPRESSION,OUTBOUND_CLICK`,
      token,
    );
    expect(response.status).toBe(200);
    const { daily_metrics, summary_metrics } = response.body.all;
    const sum = daily_metrics.reduce((total, d) => total + (d.metrics.IMPRESSION ?? 0), 0);
    expect(summary_metrics.IMPRESSION).toBe(sum);
  });
});

describe('search and terms from the seed', () => {
  it('finds the caller’s boards and Pins by text, and related and suggested terms', async () => {
    const boards = await api<{ items: { name: string }[] }>(
      mock,
      'GET',
      '/v5/search/boards?query=hiking',
      token,
    );
    expect(boards.body.items.map((b) => b.name)).toEqual(expect.arrayContaining(['Hiking trails']));
    expect(boards.body.items.every((b) => b.name.toLowerCase().includes('hiking'))).toBe(true);
    const pins = await api<{ items: { title: string }[] }>(mock, 'GET', '/v5/search/pins?query=bread', token);
    expect(pins.body.items.length).toBeGreaterThan(0);
    expect(pins.body.items.every((p) => p.title.toLowerCase().includes('bread'))).toBe(true);
    const related = await api<{ related_terms_list: { term: string; related_terms: string[] }[] }>(
      mock,
      'GET',
      '/v5/terms/related?terms=bread',
      token,
    );
    expect(related.body.related_terms_list[0]?.related_terms).toContain('baking');
    const suggested = await api<string[]>(mock, 'GET', '/v5/terms/suggested?term=ba', token);
    expect(suggested.body).toContain('baking');
  });
});
