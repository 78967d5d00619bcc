/**
 * Query parameters go on the wire the way the spec says for each one: a list with `explode: false` as one
 * comma-separated value, an exploded list once per item, a deepObject as `name[key]=value`. Against the mock
 * over HTTP; a recording `fetch` (the real one underneath) shows the exact query string sent.
 */
import { describe, expect, it } from 'vitest';
import { QUERY_STYLES } from '../src/generated/query-styles.js';
import { type PinterestAuthConfig, PinterestAuthError } from '../src/index.js';
import { authFor, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
const DAY_MS = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** A logged-in client whose requests' URLs are kept in `sent`. */
async function recordingClient(scopes?: PinterestAuthConfig['scopes']) {
  const sent: URL[] = [];
  const auth = authFor(ctx.mock, {
    ...(scopes ? { scopes } : {}),
    fetch: (input, init) => {
      sent.push(new URL(input instanceof Request ? input.url : String(input)));
      return fetch(input, init);
    },
  });
  const { key } = await login(auth);
  return {
    client: auth.client(key),
    sent,
    apiCalls: () => sent.filter((url) => url.pathname.startsWith('/v5/')),
  };
}

function lastTenDays() {
  const now = ctx.mock.control.now();
  return { start_date: isoDay(now - 9 * DAY_MS), end_date: isoDay(now) };
}

describe('query parameters as the spec serialises them', () => {
  it('the generated table knows each style from the spec', () => {
    expect(QUERY_STYLES['GET /user_account/analytics']).toEqual({ metric_types: 'comma' });
    expect(QUERY_STYLES['GET /boards/{board_id}/pins']).toEqual({ creative_types: 'repeat' });
    expect(QUERY_STYLES['GET /catalogs/reports/stats']).toEqual({ parameters: 'deep' });
    expect(QUERY_STYLES['GET /boards']).toBeUndefined();
  });

  it('explode false: two metric types go as ONE comma-separated value, and the analytics answer has both', async () => {
    const { client, apiCalls } = await recordingClient();
    const answer = await client.get('/user_account/analytics', {
      query: { ...lastTenDays(), metric_types: ['IMPRESSION', 'SAVE'] },
    });
    const days = answer.all?.daily_metrics ?? [];
    expect(days.length).toBeGreaterThan(0);
    for (const day of days) expect(Object.keys(day.metrics ?? {}).sort()).toEqual(['IMPRESSION', 'SAVE']);
    const url = apiCalls().at(-1) as URL;
    expect(url.pathname).toBe('/v5/user_account/analytics');
    expect(url.search).toContain('&metric_types=IMPRESSION,SAVE');
    expect(url.searchParams.getAll('metric_types')).toEqual(['IMPRESSION,SAVE']);
  });

  it('explode false on top Pins too: sort_by and metric_types typed by the spec', async () => {
    const { client, apiCalls } = await recordingClient();
    const answer = await client.get('/user_account/analytics/top_pins', {
      query: { ...lastTenDays(), sort_by: 'SAVE', metric_types: ['SAVE', 'IMPRESSION'], num_of_pins: 5 },
    });
    expect(answer.pins?.length).toBeGreaterThan(0);
    expect(apiCalls().at(-1)?.searchParams.getAll('metric_types')).toEqual(['SAVE,IMPRESSION']);
  });

  it('an exploded list (style form, explode absent) goes once per item, and the mock accepts it', async () => {
    const { client, apiCalls } = await recordingClient();
    const [board] = (await client.get('/boards', { query: { page_size: 1 } })).items;
    const pins = await client.get('/boards/{board_id}/pins', {
      path: { board_id: String(board?.id) },
      query: { creative_types: ['REGULAR', 'VIDEO'], page_size: 5 },
    });
    expect(pins.items.length).toBeGreaterThan(0);
    const url = apiCalls().at(-1) as URL;
    expect(url.searchParams.getAll('creative_types')).toEqual(['REGULAR', 'VIDEO']);
    expect(url.search).toContain('creative_types=REGULAR&creative_types=VIDEO');
  });

  it('a deepObject goes as name[key]=value, nested objects too', async () => {
    const { client, apiCalls } = await recordingClient(['user_accounts:read', 'catalogs:read']);
    await client.get('/catalogs/reports/stats', {
      query: {
        parameters: {
          catalog_type: 'RETAIL',
          report: { report_type: 'FEED_INGESTION_ISSUES', feed_id: '2680059592705' },
        },
      },
    });
    const url = apiCalls().at(-1) as URL;
    expect(Object.fromEntries(url.searchParams)).toEqual({
      'parameters[catalog_type]': 'RETAIL',
      'parameters[report][report_type]': 'FEED_INGESTION_ISSUES',
      'parameters[report][feed_id]': '2680059592705',
    });
  });

  it('leaves out undefined values and empty lists; encodes values (a comma inside a single value stays one value)', async () => {
    const { client, apiCalls } = await recordingClient();
    await client.get('/user_account/analytics', {
      query: { ...lastTenDays(), metric_types: [], ad_account_id: undefined },
    });
    const url = apiCalls().at(-1) as URL;
    expect([...url.searchParams.keys()]).toEqual(['start_date', 'end_date']);
    // Not a bookmark the mock issued (it may answer 400): only what went on the wire matters here.
    await client.get('/boards', { query: { bookmark: 'a,b c&d' } }).catch(() => undefined);
    expect(apiCalls().at(-1)?.search).toBe('?bookmark=a%2Cb%20c%26d');
  });

  it('refuses, before any request, values that do not fit their parameter, saying how to pass them', async () => {
    const { client, apiCalls } = await recordingClient();
    const before = apiCalls().length;
    const comma = await rejectionOf(
      client.get('/user_account/analytics', {
        query: { ...lastTenDays(), metric_types: ['IMPRESSION,SAVE' as 'IMPRESSION'] },
      }),
    );
    expect(comma).toBeInstanceOf(PinterestAuthError);
    expect(comma).toMatchObject({
      code: 'INVALID_ARGUMENT',
      hint: 'Pass each item separately: metric_types: ["IMPRESSION", "SAVE"].',
    });
    expect(comma.message).toContain('metric_types');
    expect(comma.message).toContain('explode false');
    const list = await rejectionOf(client.get('/boards', { query: { page_size: [1, 2] as never } }));
    expect(list).toMatchObject({ code: 'INVALID_ARGUMENT' });
    expect(list.message).toBe(
      'Query parameter "page_size" of GET /boards takes a single value in the spec, got an array.',
    );
    const object = await rejectionOf(client.get('/boards', { query: { bookmark: { a: 1 } as never } }));
    expect(object.message).toContain('"bookmark"');
    const deep = await rejectionOf(
      client.get('/catalogs/reports/stats', { query: { parameters: 'RETAIL' as never } }),
    );
    expect(deep.message).toContain('deepObject');
    expect(apiCalls()).toHaveLength(before);
  });
});
