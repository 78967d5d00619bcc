// An asynchronous ads report from creation to parsed rows, against the mock over HTTP: POST
// /v5/ad_accounts/{id}/reports, polls of GET …/reports?token= until FINISHED, the download of its `url`
// (a storage host: no bearer token) and the rows parsed.
import { describe, expect, it } from 'vitest';
import {
  type AdsReportRequest,
  ERROR_CODES,
  parseReport,
  ReportError,
  type ReportProgress,
  runAdsReport,
} from '../src/index.js';
import { authFor, login, rejectionOf, useMock } from './helpers.js';

const ctx = useMock();
const REQUEST: AdsReportRequest = {
  start_date: '2026-11-01',
  end_date: '2026-11-07',
  granularity: 'DAY',
  level: 'CAMPAIGN',
  columns: ['SPEND_IN_DOLLAR', 'TOTAL_IMPRESSION'],
  click_window_days: 30,
  engagement_window_days: 30,
  view_window_days: 1,
  conversion_report_time: 'TIME_OF_AD_ACTION',
} as AdsReportRequest;

describe('asynchronous ads reports', () => {
  it('creates, polls with back-off until FINISHED, downloads without the bearer token and parses the rows', async () => {
    const auth = authFor(ctx.mock, { scopes: ['user_accounts:read', 'ads:read'] });
    const { key } = await login(auth);
    const client = auth.client(key);
    const [account] = (await client.get('/ad_accounts')).items ?? [];
    expect(account?.id).toEqual(expect.any(String));
    const progress: ReportProgress[] = [];
    const rows = await runAdsReport(client, String(account?.id), REQUEST, {
      pollDelayMs: 20,
      maxPollDelayMs: 100,
      onProgress: (p) => {
        progress.push(p);
        if (p.phase === 'waiting') ctx.mock.control.advanceClock(5); // reports run on the mock's clock
      },
    });
    expect(rows.length).toBeGreaterThan(0);
    expect(rows[0]).toHaveProperty('SPEND_IN_DOLLAR');
    expect(progress.map((p) => p.phase)).toEqual(expect.arrayContaining(['created', 'downloading', 'done']));
    expect(progress.map((p) => p.phase)).toContain('waiting'); // it was IN_PROGRESS at first
    const log = ctx.mock.control.requests();
    const polls = log.filter(
      (r) => r.method === 'GET' && r.path === `/v5/ad_accounts/${account?.id}/reports`,
    );
    expect(polls.length).toBeGreaterThanOrEqual(2);
    const download = log.at(-1);
    expect(download?.path.startsWith('/v5/')).toBe(false);
    expect(download?.headers.authorization).toBeUndefined();
  });

  it('a report that ends FAILED is a ReportError (REPORT_FAILED)', async () => {
    const auth = authFor(ctx.mock, { scopes: ['user_accounts:read', 'ads:read'] });
    const { key } = await login(auth);
    const client = auth.client(key);
    const [account] = (await client.get('/ad_accounts')).items ?? [];
    ctx.mock.control.failNextReports(1);
    const error = await rejectionOf(
      runAdsReport(client, String(account?.id), REQUEST, {
        pollDelayMs: 20,
        maxPollDelayMs: 100,
        onProgress: (p) => {
          if (p.phase === 'waiting') ctx.mock.control.advanceClock(5);
        },
      }),
    );
    expect(error).toBeInstanceOf(ReportError);
    expect(error).toMatchObject({ code: ERROR_CODES.REPORT_FAILED, reportStatus: 'FAILED' });
  });
});

describe('parseReport', () => {
  it('parses CSV (quoted fields, doubled quotes, CRLF) and both JSON shapes', () => {
    expect(parseReport('A,B\r\n1,"x, ""y"""\r\n2,z\r\n', 'CSV')).toEqual([
      { A: '1', B: 'x, "y"' },
      { A: '2', B: 'z' },
    ]);
    expect(parseReport('[{"A":1}]', 'JSON')).toEqual([{ A: 1 }]);
    expect(parseReport('{"c1":[{"A":1}],"c2":[{"A":2},{"A":3}]}', 'JSON')).toEqual([
      { A: 1 },
      { A: 2 },
      { A: 3 },
    ]);
    expect(() => parseReport('{', 'JSON')).toThrow(/not valid JSON/);
  });
});
