/**
 * Asynchronous ads analytics reports: create (`POST /v5/ad_accounts/{id}/reports`), poll
 * (`GET …/reports?token=`) with back-off until `FINISHED`, download the file from its storage URL (no bearer
 * token) and parse its rows.
 *
 * @module
 */

import type { PinterestSchemas } from './api-types.js';
import { assertArgument } from './assert.js';
import type { PinterestClient } from './client.js';
import { PinterestAuthError, ReportError } from './errors.js';
import { assertJobOptions, type JobOptions, pollUntil, storageFetch, storageUrl } from './polling.js';

/** The report request (`POST /v5/ad_accounts/{ad_account_id}/reports`'s body). */
export type AdsReportRequest = PinterestSchemas['AdsAnalyticsCreateAsyncRequest'];
/** One row of a report: column → value (numbers stay numbers in JSON reports, strings in CSV ones). */
export type ReportRow = Record<string, unknown>;

/** What `onProgress` is told while a report runs. */
export interface ReportProgress {
  phase: 'created' | 'waiting' | 'downloading' | 'done';
  /** Pinterest's `report_status` (`IN_PROGRESS`, `FINISHED`, …). */
  reportStatus?: string;
  /** The poll number, while waiting. */
  poll?: number;
  /** Rows parsed, when done. */
  rows?: number;
}

/** Options of {@link runAdsReport}. */
export interface RunAdsReportOptions extends JobOptions {
  onProgress?: (progress: ReportProgress) => void;
}

/** Statuses after which a report will never finish. */
const FAILED = new Set(['FAILED', 'CANCELLED', 'EXPIRED', 'DOES_NOT_EXIST']);

/** Parses CSV ([RFC 4180](https://www.rfc-editor.org/rfc/rfc4180): quoted fields, doubled quotes, CRLF or LF) into rows keyed by the header line. */
export function parseCsv(text: string): ReportRow[] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      record.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      record.push(field);
      records.push(record);
      record = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || record.length > 0) {
    record.push(field);
    records.push(record);
  }
  const [header, ...rows] = records.filter((r) => r.length > 1 || r[0] !== '');
  if (!header) return [];
  return rows.map((cells) => Object.fromEntries(header.map((name, i) => [name, cells[i] ?? ''])));
}

/**
 * Parses a downloaded report: CSV, or JSON — an array of rows, or Pinterest's object of arrays keyed by
 * entity id (flattened in order).
 */
export function parseReport(text: string, format: 'JSON' | 'CSV'): ReportRow[] {
  if (format === 'CSV') return parseCsv(text);
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new PinterestAuthError('PROTOCOL_ERROR', 'The report file is not valid JSON.');
  }
  const rows = Array.isArray(data)
    ? data
    : data !== null && typeof data === 'object'
      ? Object.values(data).flatMap((value) => (Array.isArray(value) ? value : [value]))
      : [];
  return rows.filter((row): row is ReportRow => row !== null && typeof row === 'object');
}

/**
 * Run an asynchronous ads report from creation to parsed rows.
 *
 * @throws ReportError (code `REPORT_FAILED`) when the report ends `FAILED`, `CANCELLED`, `EXPIRED` or
 *   `DOES_NOT_EXIST`; PinterestApiError for a failed call; the signal's reason when aborted.
 * @example
 * ```ts
 * const rows = await runAdsReport(client, adAccountId, {
 *   start_date: '2026-11-01', end_date: '2026-11-30', granularity: 'DAY', level: 'CAMPAIGN',
 *   columns: ['SPEND_IN_DOLLAR', 'TOTAL_IMPRESSION'], click_window_days: 30, engagement_window_days: 30,
 *   view_window_days: 1, conversion_report_time: 'TIME_OF_AD_ACTION',
 * });
 * ```
 */
export async function runAdsReport(
  client: PinterestClient,
  adAccountId: string,
  request: AdsReportRequest,
  options: RunAdsReportOptions = {},
): Promise<ReportRow[]> {
  assertArgument(
    typeof adAccountId === 'string' && adAccountId !== '',
    'adAccountId',
    'an ad account id (string)',
  );
  assertArgument(typeof request === 'object' && request !== null, 'the report request', 'an object');
  assertJobOptions(options);
  const { signal } = options;
  const report = (progress: ReportProgress) => options.onProgress?.(progress);
  const path = { ad_account_id: adAccountId };
  const created = await client.post('/ad_accounts/{ad_account_id}/reports', { path, body: request, signal });
  const token = created?.token;
  if (typeof token !== 'string' || token === '') {
    throw new ReportError(
      String(created?.report_status ?? 'DOES_NOT_EXIST'),
      `The report was not created${created?.message ? `: ${created.message}` : '.'}`,
    );
  }
  report({ phase: 'created', ...(created.report_status ? { reportStatus: created.report_status } : {}) });
  const url = await pollUntil(
    'The ads report',
    async (poll) => {
      const state = await client.get('/ad_accounts/{ad_account_id}/reports', {
        path,
        query: { token },
        signal,
      });
      const status = String(state?.report_status ?? '');
      if (FAILED.has(status)) throw new ReportError(status, `The ads report ended with status ${status}.`);
      if (status === 'FINISHED') return storageUrl(state?.url, 'report url');
      report({ phase: 'waiting', reportStatus: status, poll });
      return undefined;
    },
    options,
  );
  report({ phase: 'downloading', reportStatus: 'FINISHED' });
  // A time-limited link on a storage host: never send the bearer token there.
  const response = await storageFetch(options, url, { redirect: 'follow' }, 'the report download');
  if (!response.ok) {
    await response.body?.cancel();
    throw new ReportError('FINISHED', `The report download answered ${response.status}.`);
  }
  const text = await response.text();
  const format =
    request.report_format === 'CSV' || (response.headers.get('content-type') ?? '').includes('csv')
      ? 'CSV'
      : 'JSON';
  const rows = parseReport(text, format);
  report({ phase: 'done', reportStatus: 'FINISHED', rows: rows.length });
  return rows;
}
