/** The Analytics page against the mock's seed: the charts' points and the table are Pinterest's numbers. */
import type { PinterestMock } from '@kit/pinterest-mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltApp } from '../src/app.js';
import { buildTestApp, type CookieJar, freePort, loginWithInject, startMock } from './helpers.js';

const REDIRECT_URI = `http://localhost:${await freePort()}/auth/callback`;

let mock: PinterestMock;
let built: BuiltApp;
let jar: CookieJar;
let accessToken: string;

beforeAll(async () => {
  mock = await startMock(REDIRECT_URI);
  built = await buildTestApp(mock, REDIRECT_URI);
  ({ jar } = await loginWithInject(built));
  accessToken = (await built.auth.getAccessToken('1000000000000000001')) as string;
});
afterAll(async () => {
  await built.app.close();
  await mock.close();
});

describe('analytics page', () => {
  it('draws one SVG chart per metric and a table, both with the seed’s numbers for the last 30 days', async () => {
    const page = await built.app.inject({
      method: 'GET',
      url: '/analytics',
      headers: { cookie: jar.header() },
    });
    expect(page.statusCode).toBe(200);
    const [start, end] =
      [...page.body.matchAll(/<caption id="per-day">Daily metrics, (\S+) to (\S+)<\/caption>/g)][0]?.slice(
        1,
      ) ?? [];
    const response = await fetch(
      `${mock.apiUrl}/v5/user_account/analytics?start_date=${start}&end_date=${end}&metric_types=IMPRESSION,SAVE,PIN_CLICK,OUTBOUND_CLICK`,
      { headers: { authorization: `Bearer ${accessToken}` } },
    );
    const seed = (await response.json()) as {
      all: {
        daily_metrics: { date: string; metrics: Record<string, number> }[];
        summary_metrics: Record<string, number>;
      };
    };
    expect(seed.all.daily_metrics).toHaveLength(30);
    for (const metric of ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK']) {
      const points = new RegExp(`data-metric="${metric}" data-points="([^"]+)"`).exec(page.body)?.[1];
      expect(points?.split(',').map(Number)).toEqual(seed.all.daily_metrics.map((d) => d.metrics[metric]));
    }
    const rows = [...page.body.matchAll(/<tr><th scope="row">(\d{4}-\d{2}-\d{2})<\/th>(.*?)<\/tr>/g)];
    expect(rows).toHaveLength(30);
    const firstDay = seed.all.daily_metrics[0];
    expect(rows[0]?.[1]).toBe(firstDay?.date);
    const cells = [...(rows[0]?.[2] ?? '').matchAll(/<td>([\d,]+)<\/td>/g)].map((m) =>
      Number(m[1]?.replaceAll(',', '')),
    );
    expect(cells).toEqual(
      ['IMPRESSION', 'SAVE', 'PIN_CLICK', 'OUTBOUND_CLICK'].map((m) => firstDay?.metrics[m]),
    );
    expect(page.body).toContain(
      `<td>${(seed.all.summary_metrics.IMPRESSION ?? -1).toLocaleString('en-US')}</td>`,
    );
    expect(page.body).toMatch(/<svg role="img" aria-labelledby="chart-impression"/);
  });

  it('asks visitors to log in', async () => {
    const page = await built.app.inject({ method: 'GET', url: '/analytics' });
    expect(page.statusCode).toBe(401);
    expect(page.body).toContain('returnTo=%2Fanalytics');
  });
});
