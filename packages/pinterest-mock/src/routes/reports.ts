/**
 * Asynchronous ads reports: `POST …/reports` answers a token; polling answers `IN_PROGRESS`, then `FINISHED`
 * with a `url` on the mock (no bearer token, like Pinterest's storage links) whose file holds the requested
 * columns for the requested dates (or `FAILED` when the control plane said so).
 */
import type { FastifyInstance } from 'fastify';
import type { AdLevel, AdsData, ReportRecord } from '../ads-data.js';
import { adsMetricRows, checkAdsRange, type Granularity, lastDayWithData } from '../ads-metrics.js';
import { sendError } from '../errors.js';
import type { MockEnvironment } from '../types.js';
import type { MockWorld } from '../world.js';
import { type ApiContext, operationRoute, storeOf, tokenOf } from './api-guard.js';

/** The download path of a finished report. */
function reportPath(environment: string, record: ReportRecord): string {
  const extension = record.request.report_format === 'CSV' ? 'csv' : 'json';
  return `/_reports/${environment}/${record.token}.${extension}`;
}

/** The entity level of a report's rows (`level`); levels the mock has no entities for report the account. */
const REPORT_LEVELS: Record<string, AdLevel> = {
  CAMPAIGN: 'campaign',
  CAMPAIGN_TARGETING: 'campaign',
  AD_GROUP: 'ad_group',
  AD_GROUP_TARGETING: 'ad_group',
  PIN_PROMOTION: 'ad',
  PIN_PROMOTION_TARGETING: 'ad',
};

/** A report's rows: one per entity of its level (in creation order) and time bucket, the same numbers as analytics. */
function reportRows(ads: AdsData, record: ReportRecord) {
  const { start_date, end_date, columns, granularity, level } = record.request;
  const entityLevel = REPORT_LEVELS[level ?? ''] ?? 'ad_account';
  const ids =
    entityLevel === 'ad_account'
      ? [record.accountId]
      : ads
          .listOf(entityLevel, record.accountId)
          .map((json) => String(json.id))
          .reverse();
  const subjects = ids.map((id) => {
    const subject = ads.rowSubject(entityLevel, id);
    // Every report row names its ad account, whatever the level.
    return { ...subject, always: [...new Set(['AD_ACCOUNT_ID', ...subject.always])] };
  });
  return adsMetricRows(
    subjects,
    start_date,
    lastDayWithData(end_date, record.createdAt),
    columns,
    granularity as Granularity,
  );
}

/** A report file: CSV with a header row, or JSON keyed by ad account like Pinterest's. */
function reportFile(ads: AdsData, record: ReportRecord): { type: string; body: string } {
  const rows = reportRows(ads, record);
  if (record.request.report_format !== 'CSV') {
    return { type: 'application/json', body: JSON.stringify({ [record.accountId]: rows }) };
  }
  const header = [...new Set(rows.flatMap((row) => Object.keys(row)))];
  if (header.length === 0) header.push('AD_ACCOUNT_ID');
  const lines = [
    header.join(','),
    ...rows.map((row) => header.map((column) => String(row[column] ?? '')).join(',')),
  ];
  return { type: 'text/csv', body: `${lines.join('\n')}\n` };
}

export async function reportRoutes(app: FastifyInstance, context: ApiContext): Promise<void> {
  const { state, environment } = context;
  const ads = () => storeOf(context).ads;

  app.route<{ Params: { ad_account_id: string }; Body: ReportRecord['request'] }>({
    ...operationRoute('analytics/create_report'),
    handler: async (request, reply) => {
      const account = ads().accounts.get(request.params.ad_account_id);
      if (!account || account.ownerId !== tokenOf(request).userId) {
        return sendError(
          reply,
          403,
          29,
          'You are not permitted to access that resource. This ad account is not yours.',
        );
      }
      const { start_date, end_date, granularity, level } = request.body;
      // The rules of POST …/reports in the spec: PRODUCT_ITEM levels reach less far back.
      const productItem = level?.startsWith('PRODUCT_ITEM') === true;
      const problem = checkAdsRange(start_date, end_date, granularity, state.now(), {
        daily: productItem ? { daysBack: 92, maxSpan: 31 } : { daysBack: 914, maxSpan: 186 },
        hourly: { daysBack: 8, maxSpan: 3 },
      });
      if (problem)
        return sendError(reply, 400, 1, problem.replace('Invalid parameter', 'Invalid request body'));
      const record = ads().createReport(request.params.ad_account_id, request.body, state.now());
      return reply.send({ report_status: 'IN_PROGRESS', token: record.token, message: null });
    },
  });

  app.route<{ Params: { ad_account_id: string }; Querystring: { token: string } }>({
    ...operationRoute('analytics/get_report'),
    handler: async (request, reply) => {
      const record = ads().reports.get(request.query.token);
      if (!record || record.accountId !== request.params.ad_account_id) {
        return reply.send({ report_status: 'DOES_NOT_EXIST', url: null, size: null });
      }
      const status = ads().reportStatus(record, state.now());
      if (status !== 'FINISHED') return reply.send({ report_status: status, url: null, size: null });
      return reply.send({
        report_status: status,
        url: `${state.baseUrl}${reportPath(environment, record)}`,
        size: Buffer.byteLength(reportFile(ads(), record).body),
      });
    },
  });
}

/** The storage host's side: the report file behind a finished report's `url`. */
export async function reportDownloadRoutes(app: FastifyInstance, opts: { state: MockWorld }): Promise<void> {
  app.get<{ Params: { environment: string; file: string } }>(
    '/_reports/:environment/:file',
    async (request, reply) => {
      const token = request.params.file.replace(/\.(csv|json)$/, '');
      const ads = opts.state.stores[request.params.environment as MockEnvironment]?.ads;
      const record = ads?.reports.get(token);
      if (!ads || !record || ads.reportStatus(record, opts.state.now()) !== 'FINISHED') {
        return reply
          .code(404)
          .header('content-type', 'application/xml')
          .send('<Error><Code>NoSuchKey</Code></Error>');
      }
      const file = reportFile(ads, record);
      return reply.header('content-type', file.type).send(file.body);
    },
  );
}
