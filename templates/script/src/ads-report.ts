/**
 * `report`: an asynchronous ads report (auth-core's `runAdsReport`: create, poll with a spinner, download
 * from the storage host) of one row per day, written as CSV to `--out` (atomically) or stdout.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, rm } from 'node:fs/promises';
import { type AdsReportRequest, type PinterestClient, type ReportRow, runAdsReport } from '@kit/auth-core';
import { dateRange } from './analytics.js';
import type { ParsedArgs } from './args.js';
import type { Progress } from './progress.js';

export interface ReportIo {
  out(text: string): void;
  progress: Progress;
  json: boolean;
}

/** One CSV field ([RFC 4180](https://www.rfc-editor.org/rfc/rfc4180)): quoted when it holds a comma, quote or line break. */
function csvField(value: unknown): string {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Rows as CSV with a header line (the union of the rows' columns, in first-seen order). */
export function toCsv(rows: readonly ReportRow[]): string {
  const header: string[] = [];
  for (const row of rows) for (const key of Object.keys(row)) if (!header.includes(key)) header.push(key);
  return [header, ...rows.map((row) => header.map((key) => row[key]))]
    .map((line) => `${line.map(csvField).join(',')}\r\n`)
    .join('');
}

/** Temp file, fsync, rename: the CSV is there whole or not at all. */
async function writeAtomically(path: string, text: string): Promise<void> {
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(text, 'utf8');
    await handle.sync();
  } catch (error) {
    await handle.close();
    await rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  await rename(temp, path);
}

export async function adsReport(
  client: PinterestClient,
  options: NonNullable<ParsedArgs['report']> & { days: number },
  io: ReportIo,
): Promise<number> {
  const range = dateRange(options.days);
  const request = {
    ...range,
    granularity: 'DAY',
    level: options.level,
    columns: options.columns,
    click_window_days: 30,
    engagement_window_days: 30,
    view_window_days: 1,
    conversion_report_time: 'TIME_OF_AD_ACTION',
    report_format: 'CSV',
  } as AdsReportRequest;
  const rows = await runAdsReport(client, options.adAccount, request, {
    onProgress: (p) => {
      if (p.phase === 'created')
        io.progress.step(
          `Report requested for ad account ${options.adAccount} (${range.start_date} to ${range.end_date}).`,
        );
      if (p.phase === 'waiting')
        io.progress.spin(`Pinterest is preparing the report (${p.reportStatus ?? 'IN_PROGRESS'})…`);
      if (p.phase === 'downloading') io.progress.step('Report ready; downloading…');
      if (p.phase === 'done') io.progress.step(`Report: ${p.rows ?? 0} row${p.rows === 1 ? '' : 's'}.`);
    },
  });
  if (options.out) {
    await writeAtomically(options.out, toCsv(rows));
    io.progress.step(`Wrote ${options.out}.`);
  }
  if (io.json) io.out(`${JSON.stringify({ ...range, ad_account_id: options.adAccount, rows }, null, 2)}\n`);
  else if (!options.out) io.out(toCsv(rows));
  return 0;
}
